// Events JSONL v1 → the store. Streams the input line by line, batches writes, reports per line
//: a malformed line is counted with its number and reason, and the rest imports.
// By default the lines are parsed, checked and prepared on a worker thread while this one writes
// (events-pipeline.ts): the store's inserts and the index are then the only work left here.
import type { Readable } from 'node:stream';
import { createEventPreparer } from '../../store/index.js';
import type { AppendResult, PreparableEvent, PreparedEvent, Store } from '../../store/index.js';
import type { EventLineV1 } from '../../schemas/index.js';
import { EventSessions, eventOfLine } from './event-sessions.js';
import { defaultWorkerUrl, runEventsWorker } from './events-pipeline.js';
import { parseEventLine } from './parse-event-line.js';
import { LineSplitter } from './line-splitter.js';
import { importRecords } from './record-lines.js';
import type { RecordLine, RecordsImportResult } from './record-lines.js';
import { TimeSlicer } from './time-slices.js';
import type { EventLineSchema } from './parse-event-line.js';
import type { LineProblem, PreparedBatch } from './worker-protocol.js';

export type { LineProblem } from './worker-protocol.js';

export interface EventsImportResult {
  lines: number;
  imported: number;
  duplicates: number;
  malformed: LineProblem[];
  sessions: number;
  /** Records written (todos, decisions, facts, components), and record lines skipped. */
  records: RecordsImportResult['imported'];
  unknownRecords: RecordsImportResult['unknown'];
}

/**
 * Events a batch the worker prepares: large batches mean fewer round trips and fewer, larger flushes
 * of the full-text index's pending terms, which its merges then have less to do with.
 */
const BATCH = 20_000;

export interface EventsImportOptions {
  /**
   * The line schema (`eventLineV1` from src/schemas). Passed in so that nothing on the hook's
   * path can reach zod: the CLI loads it only when an import runs.
   */
  schema: EventLineSchema;
  /** Called every `progressEvery` lines with the running totals. */
  onProgress?: (r: EventsImportResult) => void;
  batchSize?: number;
  /**
   * Where lines are parsed and prepared: a worker thread (the default; `workerUrl` replaces its
   * script, for tests) or this thread.
   */
  thread?: 'worker' | 'main';
  workerUrl?: URL;
  /**
   * The transactions' sizer, kept by a caller that imports many small inputs (the daemon's
   * `POST /v1/events`): what it learned about the store's pace carries over, instead of each
   * request starting again with small transactions and paying a durable commit for each.
   */
  slicer?: TimeSlicer;
}

export async function importEvents(
  store: Store,
  input: Readable,
  options: EventsImportOptions,
): Promise<EventsImportResult> {
  const result: EventsImportResult = {
    lines: 0,
    imported: 0,
    duplicates: 0,
    malformed: [],
    sessions: 0,
    records: {},
    unknownRecords: {},
  };
  const records: RecordLine[] = [];
  const sessions = new EventSessions(store);
  // Few transactions, sessions included: a commit (an fsync) per session would be the import's
  // bottleneck; but none longer than about TARGET_MS, so hooks get the write lock in between.
  const slicer = options.slicer ?? new TimeSlicer();
  const write = (append: () => AppendResult) => {
    const r = store.transaction(append);
    result.imported += r.inserted;
    result.duplicates += r.duplicates;
    result.sessions = sessions.created;
    options.onProgress?.(result);
  };
  if (options.thread === 'main') {
    // Prepared here, then inserted through the bulk path, as the worker's batches are: the events
    // are redacted once, and rows go in many to a statement.
    const prepare = createEventPreparer(store.events.preparation());
    await importHere(input, options, result, records, (lines) => {
      const events = store.transaction(() =>
        lines.map((p) =>
          prepare(eventOfLine(p.line, p.ref, p.ts, sessions.resolve(p.agent, p.line, p.ts))),
        ),
      );
      slicer.each(events, (slice) => write(() => store.events.appendPrepared(slice)));
    });
  } else {
    const prepare = createEventPreparer(store.events.preparation());
    const sessionIds: string[] = [];
    // The worker also checkpoints the WAL as batches are written, so this thread only inserts.
    const restoreCheckpoints = store.maintenance.deferCheckpoints();
    try {
      await runEventsWorker(
        options.workerUrl ?? defaultWorkerUrl(),
        {
          preparation: store.events.preparation(),
          batchSize: options.batchSize ?? BATCH,
          ...(restoreCheckpoints && { checkpoint: store.info.path }),
        },
        input,
        (batch) => {
          result.lines = batch.lines;
          records.push(...batch.records);
          const problems = [...batch.malformed];
          // The batch's sessions first, then its events in short transactions (time-slices.ts).
          const events = store.transaction(() => {
            for (const s of batch.sessions) {
              sessionIds[s.index] = sessions.resolve(s.agent, s.line, s.ts);
            }
            return batchEvents(batch, sessionIds, options.schema, prepare, sessions, problems);
          });
          slicer.each(events, (slice) => write(() => store.events.appendPrepared(slice)));
          result.malformed.push(...problems.sort((a, b) => a.line - b.line));
        },
      );
    } finally {
      restoreCheckpoints?.();
    }
  }
  sessions.finish();
  if (records.length > 0) {
    const r = importRecords(store, sessions, records, Date.now());
    result.records = r.imported;
    result.unknownRecords = r.unknown;
    result.malformed.push(...r.malformed);
  }
  return result;
}

/** A batch's events with their sessions filled in, and its unsure lines judged by the schema. */
function batchEvents(
  batch: PreparedBatch,
  sessionIds: string[],
  schema: EventLineSchema,
  prepare: (e: PreparableEvent) => PreparedEvent,
  sessions: EventSessions,
  problems: LineProblem[],
): PreparedEvent[] {
  const out: PreparedEvent[] = [];
  let unsure = 0;
  for (let i = 0; i < batch.events.length; i++) {
    const e = batch.events[i];
    if (e) {
      e.sessionId = sessionIds[batch.sessionOf[i]!]!;
      out.push(e);
      continue;
    }
    const { line: number, text } = batch.unsure[unsure++]!;
    const parsed = parseEventLine(text, schema);
    if (!parsed.ok) {
      if (parsed.reason !== 'blank' && parsed.reason !== 'record') {
        problems.push({ line: number, reason: parsed.reason, message: parsed.message });
      }
      continue;
    }
    const { line, ref } = parsed;
    const ts = Date.parse(line.ts);
    const agent = line.agent ?? 'unknown';
    out.push(prepare(eventOfLine(line, ref, ts, sessions.resolve(agent, line, ts))));
  }
  return out;
}

interface PendingLine {
  line: EventLineV1;
  ref: string;
  ts: number;
  agent: string;
}

/** The import on this thread alone: the same steps, one after another. */
async function importHere(
  input: Readable,
  options: EventsImportOptions,
  result: EventsImportResult,
  records: RecordLine[],
  flush: (lines: PendingLine[]) => void,
): Promise<void> {
  const batchSize = options.batchSize ?? BATCH;
  let batch: PendingLine[] = [];
  // Split a chunk at a time, the lines of each taken synchronously: one await per line (an async
  // generator) cost a request of small lines as much as their parsing.
  const splitter = new LineSplitter();
  const lines: string[] = [];
  const take = (text: string) => {
    result.lines += 1;
    const parsed = parseEventLine(text, options.schema);
    if (!parsed.ok) {
      if (parsed.reason === 'record') records.push({ line: result.lines, value: parsed.value });
      else if (parsed.reason !== 'blank') {
        result.malformed.push({
          line: result.lines,
          reason: parsed.reason,
          message: parsed.message,
        });
      }
      return;
    }
    const { line, ref } = parsed;
    batch.push({ line, ref, ts: Date.parse(line.ts), agent: line.agent ?? 'unknown' });
    if (batch.length >= batchSize) {
      flush(batch);
      batch = [];
    }
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, lines);
    for (const text of lines) take(text);
    lines.length = 0;
  }
  for (const text of splitter.end()) take(text);
  if (batch.length) flush(batch);
}
