// Imports every transcript an adapter finds, reporting per file and per line: a
// file that cannot be read is a problem in the summary, not the end of the run. Files are grouped
// into store transactions of a few megabytes, so thousands of small transcripts do not each pay
// for a durable commit; each file's own batches and cursor stay consistent inside the group.
import { statSync } from 'node:fs';
import { classifyError } from '../../core/index.js';
import type { BatonError } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type {
  AgentEnv,
  CaptureAdapter,
  FileImportResult,
  MalformedReason,
  TranscriptFile,
  TranscriptImportOptions,
} from '../adapter.js';

export const GROUP_BYTES = 16 * 1024 * 1024;

export interface HistoryProblem {
  file: string;
  /** 0 when the whole file failed. */
  line: number;
  reason: MalformedReason | 'unreadable';
  message: string;
}

export interface AgentImportSummary {
  agent: string;
  files: number;
  unchanged: number;
  bytes: number;
  lines: number;
  newSessions: number;
  imported: number;
  duplicates: number;
  malformed: Partial<Record<HistoryProblem['reason'], number>>;
  problems: HistoryProblem[];
  unknownTypes: Record<string, number>;
  /** Files read only in part (`maxBytes`): the next run goes on from where this one stopped. */
  more: number;
}

export interface HistoryProgress {
  agent: string;
  file: number;
  files: number;
  bytes: number;
  events: number;
}

export function discoverHistory(adapter: CaptureAdapter, env: AgentEnv, paths: string[] = []) {
  const files = adapter.transcripts.discover(env, paths);
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f.path).size;
    } catch {
      // Counted as unreadable when imported.
    }
  }
  return { files, bytes };
}

export function importHistory(
  store: Store,
  adapter: CaptureAdapter,
  files: TranscriptFile[],
  onProgress?: (p: HistoryProgress) => void,
  limits: Pick<TranscriptImportOptions, 'maxBytes'> = {},
): AgentImportSummary {
  const summary = emptySummary(adapter.agent);
  let i = 0;
  while (i < files.length) {
    let groupBytes = 0;
    // One transaction; the group's index rows are written together at its end.
    store.events.indexAfter(() => {
      while (i < files.length && groupBytes < GROUP_BYTES) {
        const file = files[i]!;
        const before = { bytes: summary.bytes, events: summary.imported + summary.duplicates };
        const r = importOne(store, adapter, file, limits, (p) =>
          onProgress?.({
            agent: adapter.agent,
            file: i + 1,
            files: files.length,
            bytes: before.bytes + p.bytes,
            events: before.events + p.events,
          }),
        );
        i += 1;
        if (typeof r === 'string') {
          problem(summary, { file: file.path, line: 0, reason: 'unreadable', message: r });
        } else {
          groupBytes += r.bytes;
          add(summary, r);
        }
        onProgress?.({
          agent: adapter.agent,
          file: i,
          files: files.length,
          bytes: summary.bytes,
          events: summary.imported + summary.duplicates,
        });
      }
    });
  }
  return summary;
}

export function emptySummary(agent: string): AgentImportSummary {
  return {
    agent,
    files: 0,
    unchanged: 0,
    bytes: 0,
    lines: 0,
    newSessions: 0,
    imported: 0,
    duplicates: 0,
    malformed: {},
    problems: [],
    unknownTypes: {},
    more: 0,
  };
}

/** The file's result, or why it could not be read. */
function importOne(
  store: Store,
  adapter: CaptureAdapter,
  file: TranscriptFile,
  limits: Pick<TranscriptImportOptions, 'maxBytes'>,
  onProgress: (p: { bytes: number; events: number }) => void,
): FileImportResult | string {
  try {
    const refused = notRegular(file.path);
    if (refused) return refused;
    return adapter.transcripts.importFile(store, file, { onProgress, ...limits });
  } catch (error) {
    const e = classifyError(error);
    if (stopsTheRun(e)) throw e;
    return e.message;
  }
}

/** A locked, damaged or full store is not one file's problem: it stops the run. */
export function stopsTheRun(e: BatonError): boolean {
  return (
    e.code === 'STORE_LOCKED' ||
    e.code === 'STORE_CORRUPT' ||
    (e.code === 'IO' && /disk is full/.test(e.message))
  );
}

/**
 * Why a path is refused before it is opened: a FIFO would block the import until something
 * writes to it, a device never ends, a folder here is one the walk could not read.
 */
export function notRegular(path: string): string | null {
  const st = statSync(path);
  if (st.isFile()) return null;
  if (st.isDirectory()) return `cannot read the folder ${path}`;
  const kind = st.isFIFO()
    ? 'a FIFO (named pipe)'
    : st.isSocket()
      ? 'a socket'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : 'not a regular file';
  return `${path} is ${kind}: refused (only regular files are imported)`;
}

export function add(s: AgentImportSummary, r: FileImportResult): void {
  s.files += 1;
  if (r.unchanged) s.unchanged += 1;
  if (r.more) s.more += 1;
  s.bytes += r.bytes;
  s.lines += r.lines;
  s.newSessions += r.newSessions;
  s.imported += r.imported;
  s.duplicates += r.duplicates;
  for (const m of r.malformed)
    problem(s, { file: r.path, line: m.line, reason: m.reason, message: m.message });
  for (const [type, n] of Object.entries(r.unknownTypes))
    s.unknownTypes[type] = (s.unknownTypes[type] ?? 0) + n;
}

export function problem(s: AgentImportSummary, p: HistoryProblem): void {
  s.malformed[p.reason] = (s.malformed[p.reason] ?? 0) + 1;
  s.problems.push(p);
}
