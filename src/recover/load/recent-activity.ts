// Reads the tail of a session from the journal: its last actions, errors, prompts and answer. The
// queries walk the session's index backwards from its end (or from a checkpoint's position), so
// the cost depends on how much is shown, not on how large the store is.
import type { BatonEvent, EventKind, JsonObject } from '../../core/index.js';
import type { EventExcerpt, Store } from '../../store/index.js';
import { toActionEvent } from './action-events.js';
import { pairFailures } from './pair-failures.js';
import type { ActionEvent, RecentActivity } from '../brief/brief-types.js';

/** How far back the last actions are looked for. */
const WINDOW = 300;
const ACTIONS = 40;
const ERRORS = 10;
const PROMPTS = 3;
// Tool output can be megabytes; a brief shows a few hundred characters of it.
const TEXT_CAP = 4000;
const ACTION_KINDS: ReadonlySet<EventKind> = new Set([
  'tool_call',
  'command',
  'file_change',
  'error',
  'compaction',
]);

function toAction(row: EventExcerpt, root: string | null): ActionEvent {
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
  const tail = (limit: number, kind?: EventKind) =>
    store.activity.sessionTail(sessionId, {
      upToSeq,
      limit,
      textCap: TEXT_CAP,
      ...(kind !== undefined && { kind }),
    });
  const { events: window, joined } = pairFailures(
    tail(WINDOW)
      .map((r) => toAction(r, root))
      .reverse(),
  );
  const bySeq = new Map(window.map((a) => [a.seq, a]));
  const ofKind = (kind: EventKind, limit: number): ActionEvent[] => {
    const seen = window.filter((a) => a.kind === kind).slice(-limit);
    if (seen.length >= limit || window.length < WINDOW) return seen;
    return tail(limit, kind)
      .map((r) => toAction(r, root))
      .reverse();
  };
  // Errors are rare, so they have their own small index and are looked up directly.
  const actions = window.filter((a) => isAction(a) && !joined.has(a.seq)).slice(-ACTIONS);
  const shown = new Set(actions.map((a) => a.seq));
  // A failure whose call is among the actions is told by that call; the rest stand alone.
  const errors = tail(ERRORS, 'error')
    .map((r) => bySeq.get(r.seq) ?? toAction(r, root))
    .filter((e) => !shown.has(joined.get(e.seq) ?? -1))
    .reverse();
  const count = store.activity.sessionEventCount(sessionId, upToSeq);
  return {
    actions,
    errors,
    prompts: ofKind('user_message', PROMPTS),
    assistant: ofKind('assistant_message', 1)[0] ?? null,
    eventCount: count,
  };
}
