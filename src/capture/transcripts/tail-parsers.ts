// The agents whose transcripts the import's worker can read (tail-worker.ts): each one's pure
// parser behind one shape. Codex and Gemini's JSONL are read on the store's thread for now.
import type { JsonObject } from '../../core/index.js';
import { fileContext } from '../claude-code/file-context.js';
import { AGENT as CLAUDE } from '../claude-code/refs.js';
import { TranscriptParser, emptyParserState } from '../claude-code/transcript-parser.js';
import type { ParserState } from '../claude-code/transcript-parser.js';
import type { RawBytes } from './raw-bytes.js';
import type { EventDraft, ParseCounts, SessionSighting } from './transcript-draft.js';

export interface TailParser {
  line(text: string, offset: number, bytes?: Buffer): void;
  /** Before the last batch: drafts held back waiting for a neighbouring line. */
  finish(): void;
  take(): EventDraft<unknown>[];
  readonly rawBytes: RawBytes;
  /** The sessions named so far, for the store's thread to resolve. */
  sightings(): SessionSighting[];
  /** The state saved in the cursor. */
  readonly state: JsonObject;
  readonly lines: number;
  readonly report: Pick<ParseCounts, 'malformed' | 'unknownTypes'>;
  /** How a draft without a time gets one (see AppendRules.carryTs). */
  readonly carryTs: boolean;
}

type MakeParser = (path: string, saved: JsonObject | null, firstLine: number) => TailParser;

function claudeParser(path: string, saved: JsonObject | null, firstLine: number): TailParser {
  const state = saved ? (saved as ParserState) : emptyParserState();
  // The worker packs each batch before it reads on: the lines' bytes need no copies.
  const parser = new TranscriptParser(fileContext(path), state, firstLine, false);
  return {
    line: (text, offset, bytes) => parser.line(text, offset, bytes),
    finish: () => void parser.finish(),
    take: () => parser.take(),
    rawBytes: parser.rawBytes,
    sightings: () => [...parser.sessions.values()],
    state,
    get lines() {
      return parser.lines;
    },
    report: parser,
    carryTs: false,
  };
}

const PARSERS: Record<string, MakeParser> = { [CLAUDE]: claudeParser };

/** The agents the worker reads. */
export const PIPED_AGENTS: ReadonlySet<string> = new Set(Object.keys(PARSERS));

export function tailParser(
  agent: string,
  path: string,
  saved: JsonObject | null,
  firstLine: number,
): TailParser {
  const make = PARSERS[agent];
  if (make === undefined) throw new Error(`no transcript parser for ${agent} on the worker`);
  return make(path, saved, firstLine);
}
