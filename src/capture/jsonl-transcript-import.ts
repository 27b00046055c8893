// Reads one JSONL transcript (a Codex rollout, a Gemini chat) into the store from where the last
// run stopped: the new complete lines go through the agent's pure parser, and per batch, in one
// transaction, the session is resolved, the events appended and the cursor saved with the parser's
// state, so a crash mid-file resumes exactly and a re-run adds nothing. A last line still being
// written is left for the next run unless it is already a whole JSON record.
import { fstatSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { FileImportResult, TranscriptImportOptions } from './adapter.js';
import { AgentSessionLinker } from './agent-session-linker.js';
import { appendDrafts } from './draft-append.js';
import { isRec } from './json-fields.js';
import { fingerprint, planTail, readLines, withFile } from './jsonl-tail.js';
import type { EventDraft, ParseCounts, SessionSighting } from './transcript-draft.js';

/** Drafts per store transaction: large enough to amortise the commit, small enough to report. */
const BATCH = 4000;

export interface TranscriptLineParser {
  line(text: string, offset: number): void;
  take(): EventDraft[];
  readonly sighting: SessionSighting;
  readonly counts: ParseCounts;
  readonly state: JsonObject;
}

interface CursorState extends JsonObject {
  parser: JsonObject;
  lineNo: number;
}

export function emptyImportResult(path: string): FileImportResult {
  return {
    path,
    unchanged: false,
    bytes: 0,
    lines: 0,
    imported: 0,
    duplicates: 0,
    newSessions: 0,
    malformed: [],
    unknownTypes: {},
  };
}

export function importJsonlTranscript(
  store: Store,
  file: string,
  agent: string,
  makeParser: (saved: JsonObject | null, firstLine: number) => TranscriptLineParser,
  options: TranscriptImportOptions = {},
): FileImportResult {
  const path = resolve(file);
  return withFile(path, (fd) => {
    const stat = fstatSync(fd);
    const cursor = store.getCursor(path);
    const tail = planTail(fd, stat.size, cursor);
    const result = emptyImportResult(path);
    result.unchanged = tail.unchanged;
    if (tail.unchanged) return result;
    const saved = !tail.reset && cursor ? (cursor.state as Partial<CursorState>) : {};
    const startLine = typeof saved.lineNo === 'number' ? saved.lineNo : 0;
    const parser = makeParser(isRec(saved.parser) ? saved.parser : null, startLine + 1);
    const linker = new AgentSessionLinker(store, agent, stat.mtimeMs);

    const flush = (offset: number) => {
      store.transaction(() => {
        const drafts = parser.take();
        if (drafts.length > 0) {
          const counts = appendDrafts(
            store,
            linker.idFor(parser.sighting),
            drafts,
            stat.mtimeMs,
            options,
          );
          result.imported += counts.inserted;
          result.duplicates += counts.duplicates;
        }
        store.setCursor({
          path,
          agent,
          offset,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
          fingerprint: fingerprint(fd, Math.max(offset, 1)),
          state: {
            parser: parser.state,
            lineNo: startLine + parser.counts.lines,
          } satisfies CursorState,
        });
      });
      result.bytes = offset - tail.offset;
      options.onProgress?.({ bytes: result.bytes, events: result.imported + result.duplicates });
    };

    let pending = 0;
    const end = readLines(fd, tail.offset, stat.size, {
      line: (text, offset) => {
        parser.line(text, offset);
        pending += 1;
      },
      chunkEnd: (offset) => {
        if (pending >= BATCH) {
          flush(offset);
          pending = 0;
        }
      },
      acceptUnterminated: isCompleteRecord,
    });
    flush(end);
    store.transaction(() => linker.settle(parser.sighting));
    result.lines = parser.counts.lines;
    result.newSessions = linker.newSessions;
    result.malformed = parser.counts.malformed;
    result.unknownTypes = parser.counts.unknownTypes;
    return result;
  });
}

function isCompleteRecord(text: string): boolean {
  if (!text.trimEnd().endsWith('}')) return false;
  try {
    return isRec(JSON.parse(text));
  } catch {
    return false;
  }
}
