// What the record parsers (response-item.ts, event-msg.ts) write into: the rollout parser itself,
// seen through the little it lets them touch — emitting drafts, the calls awaiting their output,
// prompt occurrences, the session sighting and the counts.
import type { JsonObject } from '../../core/index.js';
import type { EventDraft, ParseCounts, SessionSighting } from '../transcripts/transcript-draft.js';

/** Where one record sits: its session, time, and the line ref that keys it by default. */
export interface RowAt {
  sessionKey: string;
  ts: number | undefined;
  ref: string;
  /** The whole line, kept verbatim on the one event this record becomes. */
  raw: JsonObject;
}

export interface RolloutSink {
  emit(draft: EventDraft): void;
  /** Remembers a call until its output is read; false when the id is already in use here. */
  openCall(callId: string, name: string): boolean;
  /** The tool of an open call, closing it; null when the call was read in an earlier run. */
  closeCall(callId: string): { name: string | null; reused: boolean };
  /** The occurrence number of this prompt text in the session (0 for the first). */
  nextPromptOccurrence(hash: string): number;
  readonly sighting: SessionSighting;
  readonly counts: ParseCounts;
  /** True for the wrapped format, where `event_msg.user_message` is the typed prompt. */
  readonly wrapped: boolean;
}

/** A draft with the fields most records share. */
export function draftAt(
  at: RowAt,
  kind: EventDraft['kind'],
  role: string | null,
  text: string | null,
  data: JsonObject,
  ref = at.ref,
): EventDraft {
  return {
    sessionKey: at.sessionKey,
    ts: at.ts,
    kind,
    role,
    tool: null,
    text,
    data,
    ref,
    raw: at.raw,
  };
}
