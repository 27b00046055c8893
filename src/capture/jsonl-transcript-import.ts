// Reads one JSONL transcript holding one session (a Codex rollout, a Gemini chat) into the store
// from where the last run stopped: the agent's pure parser reads the new lines, the session is
// resolved by the shared linker, and the batching, cursor and resumption are jsonl-tail-import's.
import type { JsonObject } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { FileImportResult, TranscriptImportOptions } from './adapter.js';
import { AgentSessionLinker } from './agent-session-linker.js';
import { appendDrafts } from './draft-append.js';
import { importJsonlTail } from './jsonl-tail-import.js';
import type { RawBytes } from './raw-bytes.js';
import type { EventDraft, ParseCounts, SessionSighting } from './transcript-draft.js';

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
      const linker = new AgentSessionLinker(store, agent, fallbackTs);
      return {
        line: (text, offset, bytes) => parser.line(text, offset, bytes),
        appendPending: () => {
          const drafts = parser.take();
          if (drafts.length === 0) return { inserted: 0, duplicates: 0 };
          return appendDrafts(store, linker.idFor(parser.sighting), drafts, fallbackTs, {
            ...options,
            rawBytes: parser.rawBytes,
          });
        },
        settle: () => linker.settle(parser.sighting),
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
