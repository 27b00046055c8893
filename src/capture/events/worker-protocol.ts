// The messages between an import (the store's thread) and its events worker (events-worker.ts).
// The import sends the input's bytes as they arrive; the worker sends back batches of events it
// parsed, checked and prepared (redacted, index text made), in the order of the input's lines.
import type { EventPreparation, PreparedEvent } from '../../store/index.js';
import type { SessionLine } from './event-sessions.js';

export interface WorkerStart {
  preparation: EventPreparation;
  batchSize: number;
  /**
   * The store file, when its writer has deferred its checkpoints to this worker: after each
   * batch is written the worker checkpoints the WAL on a connection of its own.
   */
  checkpoint?: string;
}

/**
 * `stop`: the input failed; send what the complete lines so far hold, and no partial line.
 * `checkpoint`: a batch was written; copy the WAL into the store file (WorkerStart.checkpoint).
 */
export type ToWorker =
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'stop' }
  | { type: 'checkpoint' };

/** A problem with one line, by its number (1-based) in the input. */
export interface LineProblem {
  line: number;
  reason: 'json' | 'schema';
  message: string;
}

/** A session as its first line in the input names it; later events refer to it by `index`. */
export interface FirstLine {
  index: number;
  agent: string;
  line: SessionLine;
  ts: number;
}

export interface PreparedBatch {
  type: 'batch';
  /** Input chunks the worker has consumed, and lines it has read, so far. */
  chunks: number;
  lines: number;
  /** Sessions first named in this batch. */
  sessions: FirstLine[];
  /** Events in input order; null where a line needs the schema's judgement (see `unsure`). */
  events: (PreparedEvent | null)[];
  /** The session index of each event (-1 for an unsure line). */
  sessionOf: number[];
  /** Lines the hand-written check could not vouch for, with their place in `events`. */
  unsure: { at: number; line: number; text: string }[];
  malformed: LineProblem[];
  /** Record lines (record-lines.ts), written by the store's thread after the events. */
  records: { line: number; value: Record<string, unknown> }[];
  /** The input has ended and this is the worker's last batch. */
  last: boolean;
}

export type FromWorker =
  | PreparedBatch
  | { type: 'consumed'; chunks: number }
  | { type: 'failed'; message: string; stack?: string };
