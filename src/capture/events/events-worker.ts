// The events worker: splits the input into lines, parses and checks them, and prepares each event
// the way its store would (redacted, index text made — createEventPreparer, from the store), so
// the store's thread only resolves sessions and inserts. Lines the hand-written check cannot vouch
// for go back unprepared: the schema (zod) is the caller's and is never loaded here.
import { parentPort, workerData } from 'node:worker_threads';
import { WalCheckpointer, createEventPreparer } from '../../store/index.js';
import { eventOfLine } from './event-sessions.js';
import { LineSplitter } from './line-splitter.js';
import { parsePlainEventLine } from './parse-event-line.js';
import type { FromWorker, PreparedBatch, ToWorker, WorkerStart } from './worker-protocol.js';

const port = parentPort!;
const { preparation, batchSize, checkpoint } = workerData as WorkerStart;
const prepare = createEventPreparer(preparation);
const splitter = new LineSplitter();
const sessions = new Map<string, number>();
let lines = 0;
let chunks = 0;
let batch = emptyBatch();
let checkpointing = checkpoint !== undefined;

/**
 * Copies what the writer has committed into the store file, on a connection opened for it (and
 * closed at once: nothing of the store stays open in a worker that may be terminated). A failure
 * only stops the copying: the WAL then grows until the writer turns its own checkpoints back on.
 */
function checkpointWal(): void {
  if (!checkpointing) return;
  let checkpointer: WalCheckpointer | null = null;
  try {
    checkpointer = new WalCheckpointer(checkpoint!);
    checkpointer.checkpoint();
  } catch {
    checkpointing = false;
  } finally {
    checkpointer?.close();
  }
}

function emptyBatch(): PreparedBatch {
  return {
    type: 'batch',
    chunks: 0,
    lines: 0,
    sessions: [],
    events: [],
    sessionOf: [],
    unsure: [],
    malformed: [],
    records: [],
    last: false,
  };
}

function send(message: FromWorker): void {
  port.postMessage(message);
}

function post(last: boolean): void {
  batch.chunks = chunks;
  batch.lines = lines;
  batch.last = last;
  send(batch);
  batch = emptyBatch();
}

function take(text: string): void {
  lines += 1;
  const parsed = parsePlainEventLine(text);
  if (parsed.ok) {
    const { line, ref } = parsed;
    const agent = line.agent ?? 'unknown';
    const ts = Date.parse(line.ts);
    const key = `${agent}\u0000${line.session}`;
    let index = sessions.get(key);
    if (index === undefined) {
      index = sessions.size;
      sessions.set(key, index);
      const first = { session: line.session, project: line.project, title: line.title };
      batch.sessions.push({ index, agent, line: first, ts });
    }
    // The session is resolved by the store's thread; it fills in sessionId.
    batch.events.push(prepare(eventOfLine(line, ref, ts, '')));
    batch.sessionOf.push(index);
  } else if (parsed.reason === 'unsure') {
    batch.unsure.push({ at: batch.events.length, line: lines, text });
    batch.events.push(null);
    batch.sessionOf.push(-1);
  } else if (parsed.reason === 'record') {
    batch.records.push({ line: lines, value: parsed.value });
  } else if (parsed.reason !== 'blank') {
    batch.malformed.push({ line: lines, reason: parsed.reason, message: parsed.message });
  }
  if (batch.events.length >= batchSize) post(false);
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'checkpoint') return checkpointWal();
    if (message.type !== 'chunk') {
      if (message.type === 'end') for (const text of splitter.end()) take(text);
      post(true);
      return;
    }
    // Counted before its lines are taken, so that a batch posted part-way through carries it.
    chunks += 1;
    const before = batch;
    for (const text of splitter.push(message.chunk)) take(text);
    // Without a batch to carry the count, say the chunk is consumed so more can come.
    if (batch === before) send({ type: 'consumed', chunks });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ type: 'failed', message: e.message, ...(e.stack !== undefined && { stack: e.stack }) });
  }
});
