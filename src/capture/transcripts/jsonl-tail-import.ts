// Reads one JSONL transcript into the store from where the last run stopped, for every agent: the
// new complete lines go to the agent's importer, and per batch, in one transaction, its drafts are
// appended and the cursor saved with the parser's state, so a crash mid-file resumes exactly and a
// re-run adds nothing. A last line still being written is left for the next run unless it is
// already a whole JSON record. What a draft's session is, and what a new event sets off, is the
// agent's: see jsonl-transcript-import.ts (one session per file) and claude-code/import-transcript.
import { fstatSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { FileImportResult, TranscriptImportOptions } from '../adapter.js';
import type { AppendCounts } from './draft-append.js';
import { isRec } from '../json-fields.js';
import { fingerprint, planTail, readLines, withFile } from './jsonl-tail.js';

/** Drafts per store transaction: large enough to amortise the commit, small enough to report. */
export const BATCH = 4000;

/** One agent's side of a file's import: its parser, and how its drafts reach the store. */
export interface TailImporter {
  line(text: string, offset: number, bytes?: Buffer): void;
  /** Before the last batch: drafts the parser held back waiting for a neighbouring line. */
  finish?(): void;
  /** Appends the drafts parsed since the last call, inside the batch's transaction. */
  appendPending(): AppendCounts;
  /** After the last batch, in its own transaction: what the whole file told about its sessions. */
  settle(): void;
  /** Lines parsed in this run. */
  readonly lines: number;
  /** The parser's state, saved in the cursor for the next run. */
  readonly state: JsonObject;
  readonly report: Pick<FileImportResult, 'newSessions' | 'malformed' | 'unknownTypes'>;
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

/**
 * `start` makes the importer for this run from the parser state saved by the last one (null on a
 * first or reset read), the number of the first new line, and the file's mtime (the time for
 * events whose records have none).
 */
export function importJsonlTail(
  store: Store,
  file: string,
  agent: string,
  start: (saved: JsonObject | null, firstLine: number, fallbackTs: number) => TailImporter,
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
    const importer = start(isRec(saved.parser) ? saved.parser : null, startLine + 1, stat.mtimeMs);

    const flush = (offset: number) => {
      store.transaction(() => {
        const counts = importer.appendPending();
        result.imported += counts.inserted;
        result.duplicates += counts.duplicates;
        store.setCursor({
          path,
          agent,
          offset,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
          fingerprint: fingerprint(fd, Math.max(offset, 1)),
          state: {
            parser: importer.state,
            lineNo: startLine + importer.lines,
          } satisfies CursorState,
        });
      });
      result.bytes = offset - tail.offset;
      options.onProgress?.({ bytes: result.bytes, events: result.imported + result.duplicates });
    };

    const stopAt = options.maxBytes === undefined ? undefined : tail.offset + options.maxBytes;
    let pending = 0;
    const end = readLines(
      fd,
      tail.offset,
      stat.size,
      {
        line: (text, offset, bytes) => {
          importer.line(text, offset, bytes);
          pending += 1;
        },
        chunkEnd: (offset) => {
          if (pending >= BATCH) {
            flush(offset);
            pending = 0;
          }
        },
        acceptUnterminated: isCompleteRecord,
        stopped: () => (result.more = true),
      },
      stopAt,
    );
    importer.finish?.();
    flush(end);
    store.transaction(() => importer.settle());
    result.lines = importer.lines;
    Object.assign(result, importer.report);
    return result;
  });
}

export function isCompleteRecord(text: string): boolean {
  if (!text.trimEnd().endsWith('}')) return false;
  try {
    return isRec(JSON.parse(text));
  } catch {
    return false;
  }
}
