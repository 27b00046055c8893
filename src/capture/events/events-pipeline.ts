// An import on two threads: this one reads the input and writes to the store; the events worker
// (events-worker.ts) parses, checks and prepares the lines in between. The worker is kept a few
// megabytes of input ahead and no more, so memory stays flat however long the input is.
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FromWorker, PreparedBatch, ToWorker, WorkerStart } from './worker-protocol.js';

/** Input bytes handed to the worker and not yet consumed: a few batches' worth of lines. */
const AHEAD_BYTES = 32 << 20;

/**
 * A worker from its bundle, or from its TypeScript source (tests and benchmarks run the source):
 * Node 20 does not pass its parent's loader to a worker, so the source one registers tsx itself.
 */
export function startWorker(url: URL, start: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: start });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: start });
}

/** The worker next to this file: its source under tsx and vitest, its bundle in dist/. */
export function defaultWorkerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./events-worker${ext}`, import.meta.url);
}

/**
 * Feeds `input` to the worker at `url` and calls `apply` with each batch, in order, until the
 * last. A failure of the worker, of the input or of `apply` ends the worker and is thrown.
 */
export async function runEventsWorker(
  url: URL,
  start: WorkerStart,
  input: Readable,
  apply: (batch: PreparedBatch) => void,
): Promise<void> {
  const worker = startWorker(url, start);
  const inbox = new Inbox<FromWorker>(worker);
  const chunks = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const sizes: number[] = [];
  let consumed = 0;
  let ahead = 0;
  let ended = false;
  try {
    for (;;) {
      // Keep the worker fed, so that it prepares the next batches while this thread writes.
      while (!ended && ahead < AHEAD_BYTES) {
        let next: IteratorResult<Buffer | string>;
        try {
          next = await chunks.next();
        } catch (error) {
          // The lines read before the failure are imported, as they would be without a worker.
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
          await drain(inbox, apply).catch(() => undefined);
          throw error;
        }
        if (next.done) {
          worker.postMessage({ type: 'end' } satisfies ToWorker);
          ended = true;
          break;
        }
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        worker.postMessage({ type: 'chunk', chunk } satisfies ToWorker);
        sizes.push(chunk.length);
        ahead += chunk.length;
      }
      const message = await inbox.next();
      for (; consumed < message.chunks; consumed++) ahead -= sizes[consumed]!;
      if (message.type !== 'batch') continue;
      apply(message);
      if (message.last) return;
      if (start.checkpoint !== undefined)
        worker.postMessage({ type: 'checkpoint' } satisfies ToWorker);
    }
  } finally {
    inbox.close();
    await worker.terminate();
  }
}

/** Applies the batches still to come, up to the last. */
async function drain(
  inbox: Inbox<FromWorker>,
  apply: (batch: PreparedBatch) => void,
): Promise<void> {
  for (;;) {
    const message = await inbox.next();
    if (message.type !== 'batch') continue;
    apply(message);
    if (message.last) return;
  }
}

/** A worker's messages, in order, waited for one at a time; a `failed` message rejects the wait. */
export class Inbox<M extends { type: string }> {
  private readonly queue: Exclude<M, { type: 'failed' }>[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly stop: () => void;

  constructor(worker: Worker) {
    const onMessage = (m: M) => {
      if (m.type === 'failed') {
        const f = m as unknown as { message: string; stack?: string };
        this.fail(
          Object.assign(new Error(f.message), f.stack === undefined ? {} : { stack: f.stack }),
        );
      } else {
        this.queue.push(m as Exclude<M, { type: 'failed' }>);
      }
      this.wake?.();
    };
    const onError = (error: Error) => this.fail(error);
    const onExit = (code: number) =>
      this.fail(new Error(`the import's worker stopped early (exit code ${code})`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    this.stop = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
  }

  async next(): Promise<Exclude<M, { type: 'failed' }>> {
    for (;;) {
      const m = this.poll();
      if (m) return m;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /** The next message if one has arrived (a failure is thrown), without waiting. */
  poll(): Exclude<M, { type: 'failed' }> | undefined {
    const m = this.queue.shift();
    if (m) return m;
    if (this.failure) throw this.failure;
    return undefined;
  }

  close(): void {
    this.stop();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
