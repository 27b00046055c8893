// The parser's output, before it meets the store: events keyed by the session they belong to (the
// agent's own id, not yet Baton's), and what each session looked like where it was seen.
import type { EventKind, JsonObject, JsonValue } from '../../core/index.js';

export interface EventDraft {
  /** The Baton session key: Claude Code's session id, or `<parent>/agent-<id>` for a subagent. */
  sessionKey: string;
  /** Epoch ms; undefined until a neighbouring record supplies one (summary rows have none). */
  ts: number | undefined;
  kind: EventKind;
  role: string | null;
  tool: string | null;
  text: string | null;
  data: JsonObject | null;
  ref: string;
  /** The source record(s), verbatim; on one event per record so nothing is stored twice. */
  raw?: JsonValue;
  /** A plan tool's result: applied to the project's todos if this event is new. */
  plan?: PlanCall;
  /** A tool result whose call was read in an earlier run: its name is looked up in the store. */
  callRef?: string;
}

export interface PlanCall {
  tool: string | null;
  input: JsonValue | undefined;
  result: JsonValue | undefined;
  /** Claude Code's own session id, which scopes the plan's todo keys. */
  claudeSessionId: string;
}

export interface TitleCandidate {
  text: string;
  /** Higher wins: custom-title 5, ai-title 4, summary / subagent description 3, first prompt 1. */
  rank: number;
}

export interface SessionSighting {
  key: string;
  /** The parent's key for a subagent. */
  parentKey: string | null;
  cwd: string | null;
  gitBranch: string | null;
  firstTs: number | undefined;
  lastTs: number | undefined;
  title: TitleCandidate | null;
  meta: JsonObject;
}
