// What every agent's transcript parser hands to its importer: events keyed by the session they
// belong to (the agent's own id, not yet Baton's), what each session looked like where it was
// seen, and the plan an event carries, applied to the project's todos when the event is new.
// Parsers are pure: text in, drafts out, with a state that survives in the import cursor.
import type { EventKind, JsonObject, JsonValue, TodoStatus } from '../../core/index.js';

/** One event to be; `Plan` is what the agent's plan tool call carries (see AppendRules). */
export interface EventDraft<Plan = PlanUpdate> {
  /**
   * The agent's own session id (a subagent's is its own id, linked to its parent; Claude Code's
   * subagents are keyed `<parent>/agent-<id>`).
   */
  sessionKey: string;
  /** Epoch ms; undefined when the record has no usable time (the importer supplies one). */
  ts: number | undefined;
  kind: EventKind;
  role: string | null;
  tool: string | null;
  text: string | null;
  data: JsonObject | null;
  /** Unique within the session: the same record read twice, or by a hook, yields the same ref. */
  ref: string;
  /** The source record verbatim, on exactly one event so nothing is stored twice. */
  raw?: JsonValue;
  /** A plan the agent wrote with this call: applied to the project's todos if the event is new. */
  plan?: Plan;
  /** A tool result whose call was read in an earlier run: its tool name is looked up by this ref. */
  callRef?: string;
}

export interface PlanItemDraft {
  /** The todo's external key: agent, session and the item's identity in the agent's plan. */
  key: string;
  content: string;
  status: TodoStatus;
}

/** A whole plan: items under `prefix` it no longer names are cancelled unless done. */
export interface PlanUpdate {
  prefix: string;
  items: PlanItemDraft[];
}

export interface SessionSighting {
  key: string;
  /** The parent's key for a subagent, or the thread it was forked from (Codex). */
  parentKey: string | null;
  parentKind: string | null;
  cwd: string | null;
  gitBranch: string | null;
  gitCommit: string | null;
  model: string | null;
  title: string | null;
  /** How sure the title is, where an agent names a session several ways (higher wins). */
  titleRank?: number;
  firstTs: number | undefined;
  lastTs: number | undefined;
  meta: JsonObject;
}

export function newSighting(key: string): SessionSighting {
  return {
    key,
    parentKey: null,
    parentKind: null,
    cwd: null,
    gitBranch: null,
    gitCommit: null,
    model: null,
    title: null,
    firstTs: undefined,
    lastTs: undefined,
    meta: {},
  };
}

/** Widens the sighting's time span to include `ts`. */
export function seenAt(s: SessionSighting, ts: number | undefined): void {
  if (ts === undefined) return;
  if (s.firstTs === undefined || ts < s.firstTs) s.firstTs = ts;
  if (s.lastTs === undefined || ts > s.lastTs) s.lastTs = ts;
}

/** Per-file counts every transcript parser reports. */
export interface ParseCounts {
  lines: number;
  /** Record types the parser does not know, kept as `system` events, by type. */
  unknownTypes: Record<string, number>;
  malformed: { line: number; reason: 'json' | 'not_object' | 'no_type'; message: string }[];
}

export function emptyCounts(): ParseCounts {
  return { lines: 0, unknownTypes: {}, malformed: [] };
}

export function countUnknown(counts: ParseCounts, type: string): void {
  counts.unknownTypes[type] = (counts.unknownTypes[type] ?? 0) + 1;
}
