// A transcript import on two threads, as the events import runs (../events/events-pipeline.ts):
// this thread finds where each file's new bytes start (the cursor the store holds), resolves
// sessions and inserts; the worker (tail-worker.ts) reads the files, parses, redacts and compresses
// in between. Its batches are the single-thread import's (jsonl-tail-import.ts), each written with
// its cursor in the same transaction, so an interrupted run resumes exactly and a re-run adds
// nothing. The worker stops while it is a few megabytes of input ahead of what is written, so
// memory stays flat however large a file is. Small amounts of new bytes (a daemon's pass, most
// often) are read here: starting a worker would cost more than it saves.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { classifyError } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type {
  CaptureAdapter,
  FileImportResult,
  TranscriptFile,
  TranscriptImportOptions,
} from '../adapter.js';
import { CLAUDE_PREPARED_RULES } from '../claude-code/import-transcript.js';
import { AGENT as CLAUDE } from '../claude-code/refs.js';
import { Inbox, startWorker } from '../events/events-pipeline.js';
import { isRec } from '../json-fields.js';
import {
  add,
  emptySummary,
  importHistory,
  notRegular,
  problem,
  stopsTheRun,
} from './import-history.js';
import type { AgentImportSummary, HistoryProgress } from './import-history.js';
import { emptyImportResult } from './jsonl-tail-import.js';
import { planTail } from './jsonl-tail.js';
import { PreparedFile } from './prepared-append.js';
import type { PreparedRules } from './prepared-append.js';
import type {
  FromTailWorker,
  TailBatch,
  TailJob,
  TailWorkerStart,
} from './tail-worker-protocol.js';

/** The agents whose transcripts the worker reads, and how their prepared drafts meet the store. */
const PREPARED_RULES: Record<string, PreparedRules> = { [CLAUDE]: CLAUDE_PREPARED_RULES };

/**
 * Input written per transaction, and how far (twice that) the worker may run ahead of what is
 * written: it prepares the next group while this thread writes one. A daemon's pass (maxBytes
 * set) keeps both smaller, for its memory.
 */
const GROUP_KIB = { import: 16 * 1024, tail: 4 * 1024 };
/** Below this many new bytes in all, the import runs on this thread alone. */
const WORKER_FROM_BYTES = 4 * 1024 * 1024;

export interface PipedImportOptions {
  /** `auto` (the default): the worker when there is enough to read and the agent has one. */
  thread?: 'auto' | 'worker' | 'main';
  /** The worker's script (tests). */
  workerUrl?: URL;
  /** KiB of input per transaction; the worker runs up to twice that ahead (tests). */
  groupKiB?: number;
  /** Called before each group is written with the KiB the worker has sent and not yet seen written (tests). */
  observe?: (aheadKiB: number) => void;
}

/** The worker next to this file: its source under tsx and vitest, its bundle in dist/. */
export function defaultTailWorkerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./tail-worker${ext}`, import.meta.url);
}

interface FileRun {
  file: TranscriptFile;
  path: string;
  job: TailJob;
  result: FileImportResult;
  appender: PreparedFile | null;
  failed: boolean;
}

/**
 * importHistory (import-history.ts), with the files' parsing, redaction and compression on a
 * worker thread. The summary is the same as importHistory's for the same files and store.
 */
export async function importHistoryPiped(
  store: Store,
  adapter: CaptureAdapter,
  files: TranscriptFile[],
  onProgress?: (p: HistoryProgress) => void,
  limits: Pick<TranscriptImportOptions, 'maxBytes'> = {},
  options: PipedImportOptions = {},
): Promise<AgentImportSummary> {
  const thread = options.thread ?? 'auto';
  const rules = PREPARED_RULES[adapter.agent];
  if (thread === 'main' || rules === undefined)
    return importHistory(store, adapter, files, onProgress, limits);
  const summary = emptySummary(adapter.agent);
  const runs: (FileRun | null)[] = files.map((file, i) => {
    try {
      const r = planFile(store, adapter.agent, file, i, limits);
      if (typeof r === 'string') {
        problem(summary, { file: file.path, line: 0, reason: 'unreadable', message: r });
        return null;
      }
      return r;
    } catch (error) {
      const e = classifyError(error);
      if (stopsTheRun(e)) throw e;
      problem(summary, { file: file.path, line: 0, reason: 'unreadable', message: e.message });
      return null;
    }
  });
  const toRead = runs.filter((r): r is FileRun => r !== null && !r.result.unchanged);
  const newBytes = toRead.reduce((n, r) => n + r.job.size - r.job.offset, 0);
  if (thread === 'auto' && newBytes < WORKER_FROM_BYTES)
    return importHistory(store, adapter, files, onProgress, limits);
  const progress = (file: number, r: FileImportResult | null) =>
    onProgress?.({
      agent: adapter.agent,
      file,
      files: files.length,
      bytes: summary.bytes + (r?.bytes ?? 0),
      events: summary.imported + summary.duplicates + (r ? r.imported + r.duplicates : 0),
    });
  // Files with nothing new are counted in their place, as importHistory counts them.
  const finish = (i: number) => {
    for (; i < runs.length && (runs[i] === null || runs[i]!.result.unchanged); i++) {
      if (runs[i]) add(summary, runs[i]!.result);
      progress(i + 1, null);
    }
    return i;
  };
  finish(0);
  if (toRead.length === 0) return summary;

  const groupKiB =
    options.groupKiB ?? (limits.maxBytes === undefined ? GROUP_KIB.import : GROUP_KIB.tail);
  const shared = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(shared);
  // The worker checkpoints the WAL as batches are written, so this thread only inserts.
  const restoreCheckpoints = store.maintenance.deferCheckpoints();
  const start: TailWorkerStart = {
    preparation: store.events.preparation(),
    shared,
    aheadKiB: 2 * groupKiB,
    ...(restoreCheckpoints && { checkpoint: store.info.path }),
  };
  const worker: Worker = startWorker(options.workerUrl ?? defaultTailWorkerUrl(), start);
  const inbox = new Inbox<FromTailWorker>(worker);
  try {
    for (const run of toRead) worker.postMessage(run.job);
    let open = toRead.length;
    while (open > 0) {
      // Batches wait here until a group's worth has come (or the last): one commit, a durable
      // write, per group rather than per file. No transaction is held while waiting.
      const group: Exclude<FromTailWorker, { type: 'failed' }>[] = [];
      // Counted as the worker counts what it has sent (tail-worker.ts), so that a worker stopped
      // for room always leaves a whole group here.
      let kib = 0;
      while (open > 0 && kib < groupKiB) {
        // Waiting: the worker leaves the next batches' compression to this thread (the balance
        // between the two threads then settles by itself).
        Atomics.store(counters, 3, 1);
        const message = await nextMessage(inbox);
        Atomics.store(counters, 3, 0);
        group.push(message);
        if (message.type === 'file-failed' || message.last) open -= 1;
        if (message.type === 'batch') kib += Math.ceil(message.bytes / 1024);
      }
      options.observe?.(Atomics.load(counters, 0) - Atomics.load(counters, 1));
      // One transaction; the group's index rows are written together at its end.
      store.events.indexAfter(() => {
        for (const message of group) {
          const run = runs[message.job]!;
          if (message.type === 'file-failed') {
            run.failed = true;
            problem(summary, {
              file: run.path,
              line: 0,
              reason: 'unreadable',
              message: message.message,
            });
            finish(message.job + 1);
            continue;
          }
          if (!run.failed)
            applyBatch(store, run, message, rules, summary, () =>
              progress(message.job + 1, run.result),
            );
          if (message.last) {
            if (!run.failed) finishRun(store, run, message, summary);
            finish(message.job + 1);
          }
        }
      });
      Atomics.add(counters, 1, kib);
      Atomics.add(counters, 2, 1);
      Atomics.notify(counters, 1);
    }
  } finally {
    inbox.close();
    await worker.terminate();
    restoreCheckpoints?.();
  }
  return summary;
}

/** The worker's next message; its failure as one line that says whose it is. */
async function nextMessage(
  inbox: Inbox<FromTailWorker>,
): Promise<Exclude<FromTailWorker, { type: 'failed' }>> {
  try {
    return await inbox.next();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`the transcript import's worker failed: ${message}`, { cause: error });
  }
}

/** Where a file's new bytes start, from its cursor: the job for the worker. */
function planFile(
  store: Store,
  agent: string,
  file: TranscriptFile,
  job: number,
  limits: Pick<TranscriptImportOptions, 'maxBytes'>,
): FileRun | string {
  const refused = notRegular(file.path);
  if (refused) return refused;
  const path = resolve(file.path);
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    const cursor = store.getCursor(path);
    const tail = planTail(fd, stat.size, cursor);
    const result = emptyImportResult(path);
    result.unchanged = tail.unchanged;
    const saved =
      !tail.reset && cursor ? (cursor.state as { parser?: JsonObject; lineNo?: number }) : {};
    return {
      file,
      path,
      result,
      appender: null,
      failed: false,
      job: {
        type: 'job',
        job,
        agent,
        path,
        offset: tail.offset,
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        saved: isRec(saved.parser) ? saved.parser : null,
        startLine: typeof saved.lineNo === 'number' ? saved.lineNo : 0,
        ...(limits.maxBytes !== undefined && { maxBytes: limits.maxBytes }),
      },
    };
  } finally {
    closeSync(fd);
  }
}

/** One batch and its cursor; a failure is the file's problem unless it stops the run. */
function applyBatch(
  store: Store,
  run: FileRun,
  batch: TailBatch,
  rules: PreparedRules,
  summary: AgentImportSummary,
  progress: () => void,
): void {
  const { job, result } = run;
  try {
    run.appender ??= new PreparedFile(store, rules, job.mtimeMs);
    const counts = run.appender.apply(batch);
    result.imported += counts.inserted;
    result.duplicates += counts.duplicates;
    store.setCursor({
      path: run.path,
      agent: job.agent,
      offset: batch.offset,
      size: job.size,
      mtimeMs: job.mtimeMs,
      fingerprint: batch.fingerprint,
      state: batch.state,
    });
    result.bytes = batch.offset - job.offset;
    progress();
  } catch (error) {
    failRun(run, error, summary);
  }
}

function finishRun(
  store: Store,
  run: FileRun,
  batch: TailBatch,
  summary: AgentImportSummary,
): void {
  try {
    run.appender ??= new PreparedFile(store, PREPARED_RULES[run.job.agent]!, run.job.mtimeMs);
    run.appender.settle(batch.sightings);
    const { result } = run;
    result.lines = batch.lines;
    result.newSessions = run.appender.newSessions;
    result.malformed = batch.report?.malformed ?? [];
    result.unknownTypes = batch.report?.unknownTypes ?? {};
    if (batch.more) result.more = true;
    add(summary, result);
  } catch (error) {
    failRun(run, error, summary);
  }
}

function failRun(run: FileRun, error: unknown, summary: AgentImportSummary): void {
  const e = classifyError(error);
  if (stopsTheRun(e)) throw e;
  run.failed = true;
  problem(summary, { file: run.path, line: 0, reason: 'unreadable', message: e.message });
}
