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
/** Compactions looked at for the last summary (each leaves a boundary and a summary). */
const SUMMARIES = 4;
// Tool output can be megabytes; a brief shows a few hundred characters of it (a compaction
// summary, up to 2,000).
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

const isSummary = (r: EventExcerpt) =>
  r.kind === 'compaction' && r.data !== null && /"subtype":"summary"/.test(r.data);

/** The last compaction that carries the agent's summary (not a bare boundary marker). */
function lastSummary(compactions: ActionEvent[], rows: EventExcerpt[]): ActionEvent | null {
  const row = rows.find(isSummary);
  if (!row?.text) return null;
  return compactions.find((c) => c.seq === row.seq) ?? null;
}

export function loadRecentActivity(
  store: Store,
  sessionId: string,
  root: string | null,
  upToSeq = Number.MAX_SAFE_INTEGER,
  limits: { prompts?: number; actions?: number } = {},
): RecentActivity {
  const prompts = limits.prompts ?? PROMPTS;
  const tail = (limit: number, kind?: EventKind) =>
    store.activity.sessionTail(sessionId, {
      upToSeq,
      limit,
      textCap: TEXT_CAP,
      ...(kind !== undefined && { kind }),
    });
  const rows = tail(WINDOW);
  // A compaction summary is the agent's account of the work, told as such, not an action.
  const summaries = new Set(rows.filter(isSummary).map((r) => r.seq));
  const { events: window, joined } = pairFailures(
    rows
      .filter((r) => !summaries.has(r.seq))
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
  const actions = window
    .filter((a) => isAction(a) && !joined.has(a.seq))
    .slice(-(limits.actions ?? ACTIONS));
  const shown = new Set(actions.map((a) => a.seq));
  // A failure whose call is among the actions is told by that call; the rest stand alone.
  const errors = tail(ERRORS, 'error')
    .map((r) => bySeq.get(r.seq) ?? toAction(r, root))
    .filter((e) => !shown.has(joined.get(e.seq) ?? -1))
    .reverse();
  const count = store.activity.sessionEventCount(sessionId, upToSeq);
  const compactionRows = tail(SUMMARIES, 'compaction');
  return {
    actions,
    errors,
    prompts: ofKind('user_message', prompts),
    summary: lastSummary(
      compactionRows.map((r) => toAction(r, root)),
      compactionRows,
    ),
    assistant: ofKind('assistant_message', 1)[0] ?? null,
    eventCount: count,
  };
}
