// Reads the tail of a session from the journal: its last actions, errors, prompts and answer. The
// queries walk the session's index backwards from its end (or from a checkpoint's position), so
// the cost depends on how much is shown, not on how large the store is.
import type { BatonEvent, EventKind, JsonObject } from '../core/index.js';
import type { Store } from '../store/index.js';
import { toActionEvent } from './action-events.js';
import type { ActionEvent, RecentActivity } from './brief-types.js';

/** How far back the last actions are looked for. */
const WINDOW = 300;
const ACTIONS = 40;
const ERRORS = 5;
const PROMPTS = 3;
const TEXT_CAP = 4000;
const ACTION_KINDS: ReadonlySet<EventKind> = new Set([
  'tool_call',
  'command',
  'file_change',
  'error',
  'compaction',
]);

interface Row {
  seq: number;
  ts: number;
  kind: EventKind;
  tool: string | null;
  text: string | null;
  data: string | null;
}

// Tool output can be megabytes; a brief shows a few hundred characters of it.
const COLUMNS = `seq, ts, kind, tool, substr(text, 1, ${TEXT_CAP}) AS text, data`;

function toAction(row: Row, root: string | null): ActionEvent {
  let data: JsonObject | null = null;
  if (row.data) {
    try {
      data = JSON.parse(row.data) as JsonObject;
    } catch {
      data = null;
    }
  }
  const e: Pick<BatonEvent, 'seq' | 'ts' | 'kind' | 'tool' | 'text' | 'data'> = { ...row, data };
  return toActionEvent(e, root);
}

const isAction = (a: ActionEvent) =>
  ACTION_KINDS.has(a.kind) || (a.kind === 'tool_result' && a.failed);

export function loadRecentActivity(
  store: Store,
  sessionId: string,
  root: string | null,
  upToSeq = Number.MAX_SAFE_INTEGER,
): RecentActivity {
  const window = store
    .query<Row>(
      `SELECT ${COLUMNS} FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq DESC LIMIT ?`,
      [sessionId, upToSeq, WINDOW],
    )
    .map((r) => toAction(r, root))
    .reverse();
  const ofKind = (kind: EventKind, limit: number): ActionEvent[] => {
    const seen = window.filter((a) => a.kind === kind).slice(-limit);
    if (seen.length >= limit || window.length < WINDOW) return seen;
    return store
      .query<Row>(
        `SELECT ${COLUMNS} FROM events WHERE session_id = ? AND kind = ? AND seq <= ?
         ORDER BY seq DESC LIMIT ?`,
        [sessionId, kind, upToSeq, limit],
      )
      .map((r) => toAction(r, root))
      .reverse();
  };
  // Errors are rare, so they have their own small index (migration 004) and are looked up directly.
  const errors = store
    .query<Row>(
      `SELECT ${COLUMNS} FROM events WHERE session_id = ? AND kind = 'error' AND seq <= ?
       ORDER BY seq DESC LIMIT ${ERRORS}`,
      [sessionId, upToSeq],
    )
    .map((r) => toAction(r, root))
    .reverse();
  const count = store.query<{ n: number }>(
    'SELECT count(*) AS n FROM events WHERE session_id = ? AND seq <= ?',
    [sessionId, upToSeq],
  )[0]!.n;
  return {
    actions: window.filter(isAction).slice(-ACTIONS),
    errors,
    prompts: ofKind('user_message', PROMPTS),
    assistant: ofKind('assistant_message', 1)[0] ?? null,
    eventCount: count,
  };
}
