// Reads one JSONL transcript holding one session (a Codex rollout, a Gemini chat) into the store
// from where the last run stopped: the agent's pure parser reads the new lines, the session is
// resolved by the shared linker, and the batching, cursor and resumption are jsonl-tail-import's.
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { FileImportResult, TranscriptImportOptions } from '../adapter.js';
import { SessionLinker } from './session-linker.js';
import type { LinkRules } from './session-linker.js';
import { appendDrafts } from './draft-append.js';
import type { AppendRules } from './draft-append.js';
import { importJsonlTail } from './jsonl-tail-import.js';
import type { RawBytes } from './raw-bytes.js';
import type { EventDraft, ParseCounts, PlanUpdate, SessionSighting } from './transcript-draft.js';

export interface TranscriptLineParser {
  line(text: string, offset: number, bytes?: Buffer): void;
  /** The bytes each record was read from (see ./raw-bytes.ts). */
  readonly rawBytes?: RawBytes;
  take(): EventDraft[];
  readonly sighting: SessionSighting;
  readonly counts: ParseCounts;
  readonly state: JsonObject;
}

export function importJsonlTranscript(
  store: Store,
  file: string,
  agent: string,
  makeParser: (saved: JsonObject | null, firstLine: number) => TranscriptLineParser,
  options: TranscriptImportOptions = {},
): FileImportResult {
  return importJsonlTail(
    store,
    file,
    agent,
    (saved, firstLine, fallbackTs) => {
      const parser = makeParser(saved, firstLine);
      const linker = new SessionLinker(store, wholeFileLinks(agent), fallbackTs);
      return {
        line: (text, offset, bytes) => parser.line(text, offset, bytes),
        appendPending: () => {
          let sessionId: string | undefined;
          const rules = wholeFileAppend(
            () => (sessionId ??= linker.idFor(parser.sighting)),
            parser.rawBytes,
          );
          return appendDrafts(store, parser.take(), fallbackTs, rules, options);
        },
        settle: () => linker.settle([parser.sighting]),
        get lines() {
          return parser.counts.lines;
        },
        get state() {
          return parser.state;
        },
        get report() {
          const { malformed, unknownTypes } = parser.counts;
          return { newSessions: linker.newSessions, malformed, unknownTypes };
        },
      };
    },
    options,
  );
}

/** A file that is one session and describes it whole (Codex, Gemini CLI). */
export const wholeFileLinks = (agent: string): LinkRules => ({
  agent,
  titles: 'whole-file',
  parents: 'placeholder',
});

/** Drafts of a one-session file: a plan is the agent's whole plan, replacing the last one. */
export function wholeFileAppend(
  sessionOf: () => string,
  rawBytes?: RawBytes,
): AppendRules<PlanUpdate> {
  return {
    sessionOf,
    carryTs: true,
    rawBytes,
    planEffect: ({ plan }) =>
      plan === undefined ? null : { type: 'replace', prefix: plan.prefix, items: plan.items },
  };
}
