// The transcript import's worker: for each file it is given (tail-worker-protocol.ts) it reads the
// new complete lines, runs the agent's pure parser, and prepares the drafts the way the store
// would — redacted, index text made, raw records redacted and packed into compressed blocks — so
// the store's thread only resolves sessions and inserts. Batches end where the single-thread
// import's do (jsonl-tail-import.ts), so both write the same events with the same cursors. The
// worker stops while it is `aheadKiB` of input ahead of what the import has written.
import { parentPort, workerData } from 'node:worker_threads';
import { WalCheckpointer, createPreparers, packRaw } from '../../store/index.js';
import { draftEvent } from './draft-append.js';
import { BATCH, isCompleteRecord } from './jsonl-tail-import.js';
import { fingerprint, readLines, withFile } from './jsonl-tail.js';
import { tailParser } from './tail-parsers.js';
import type { TailParser } from './tail-parsers.js';
import type {
  FromTailWorker,
  PreparedDraft,
  TailBatch,
  TailJob,
  TailWorkerStart,
} from './tail-worker-protocol.js';
import { handedOver } from './tail-worker-protocol.js';

const port = parentPort!;
const start = workerData as TailWorkerStart;
const shared = new Int32Array(start.shared);
// One redactor for both: an event's text is often a string of its record, scanned just before.
const { event: prepare, raw: redactRaw } = createPreparers(start.preparation);
let checkpointed = 0;
let checkpointing = start.checkpoint !== undefined;

function send(message: FromTailWorker): void {
  port.postMessage(message, message.type === 'batch' ? handedOver(message) : []);
}

/** Copies what the import has committed into the store file (see events-worker.ts). */
function checkpointWal(): void {
  const written = Atomics.load(shared, 2);
  if (!checkpointing || written === checkpointed) return;
  checkpointed = written;
  let checkpointer: WalCheckpointer | null = null;
  try {
    checkpointer = new WalCheckpointer(start.checkpoint!);
    checkpointer.checkpoint();
  } catch {
    checkpointing = false;
  } finally {
    checkpointer?.close();
  }
}

/** Waits while the batches sent hold more than `aheadKiB` of input not yet written. */
function waitForRoom(): void {
  for (;;) {
    const written = Atomics.load(shared, 1);
    if (Atomics.load(shared, 0) - written <= start.aheadKiB) return;
    checkpointWal();
    Atomics.wait(shared, 1, written, 100);
  }
}

/** The batch's drafts prepared for the store, with their raw records packed. */
function prepared(parser: TailParser, fallbackTs: number): Pick<TailBatch, 'drafts' | 'raw'> {
  const drafts = parser.take();
  // While the store's thread waits for batches, it compresses this one's texts and blocks itself.
  const packHere = Atomics.load(shared, 3) === 0;
  let lastTs = fallbackTs;
  const records: (Buffer | null)[] = [];
  const keys: string[] = [];
  const out = drafts.map((d): PreparedDraft => {
    if (parser.carryTs) lastTs = d.ts ?? lastTs;
    const ts = d.ts ?? (parser.carryTs ? lastTs : fallbackTs);
    records.push(d.raw === undefined ? null : redactRaw(d.raw, parser.rawBytes.of(d.raw)));
    keys.push(d.sessionKey);
    const p: PreparedDraft = {
      sessionKey: d.sessionKey,
      ref: d.ref,
      tool: d.tool,
      event: prepare(draftEvent('', d, ts), packHere),
    };
    if (!packHere) p.packLater = true;
    // The index body is the text and, after it, any extra words (fts-text.ts): only those travel.
    const { text, ftsBody } = p.event;
    if (text !== null && ftsBody.startsWith(text)) p.event.ftsBody = ftsBody.slice(text.length);
    else p.ftsWhole = true;
    if (d.callRef !== undefined) p.callRef = d.callRef;
    if (d.plan !== undefined) p.plan = d.plan;
    return p;
  });
  return { drafts: out, raw: packRaw(records, keys, packHere) };
}

function runJob(job: TailJob): void {
  withFile(job.path, (fd) => {
    const parser = tailParser(job.agent, job.path, job.saved, job.startLine + 1);
    let pending = 0;
    let sentUpTo = job.offset;
    let more = false;
    const batch = (offset: number, last: boolean) => {
      const message: TailBatch = {
        type: 'batch',
        job: job.job,
        ...prepared(parser, job.mtimeMs),
        sightings: parser.sightings(),
        offset,
        fingerprint: fingerprint(fd, Math.max(offset, 1)),
        state: { parser: parser.state, lineNo: job.startLine + parser.lines },
        lines: parser.lines,
        bytes: offset - sentUpTo,
        last,
      };
      if (last) {
        message.more = more;
        message.report = {
          malformed: parser.report.malformed,
          unknownTypes: parser.report.unknownTypes,
        };
      }
      Atomics.add(shared, 0, Math.ceil(message.bytes / 1024));
      sentUpTo = offset;
      send(message);
      waitForRoom();
    };
    const stopAt = job.maxBytes === undefined ? undefined : job.offset + job.maxBytes;
    const end = readLines(
      fd,
      job.offset,
      job.size,
      {
        line: (text, offset, bytes) => {
          parser.line(text, offset, bytes);
          pending += 1;
        },
        chunkEnd: (offset) => {
          if (pending >= BATCH) {
            batch(offset, false);
            pending = 0;
          }
        },
        acceptUnterminated: isCompleteRecord,
        stopped: () => (more = true),
      },
      stopAt,
    );
    parser.finish();
    batch(end, true);
  });
}

port.on('message', (job: TailJob) => {
  try {
    runJob(job);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ type: 'file-failed', job: job.job, message: e.message });
  }
  checkpointWal();
});
