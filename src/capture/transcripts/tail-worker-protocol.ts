// The messages between a transcript import (the store's thread, tail-pipeline.ts) and its worker
// (tail-worker.ts). The import sends one job per file that has new bytes, with the file's cursor as
// the store holds it; the worker reads the file from there, runs the agent's pure parser, prepares
// the drafts the way the store would (redacted, index text made, raw records packed into compressed
// blocks) and sends them back in the batches the single-thread import writes (jsonl-tail-import.ts),
// each with the cursor that goes with it. The store's thread resolves sessions and inserts.
import type { JsonObject } from '../../core/index.js';
import type { EventPreparation, PackedRaw, PreparedEvent } from '../../store/index.js';
import type { SessionSighting } from './transcript-draft.js';

export interface TailWorkerStart {
  preparation: EventPreparation;
  /**
   * Back-pressure, shared with the import: [0] input bytes (KiB) of batches sent, [1] of batches
   * the import has written, [2] batches written (the worker checkpoints the WAL when it grows),
   * [3] 1 while the import waits for batches (the worker then leaves its texts and blocks
   *   uncompressed, for the import to compress).
   */
  shared: SharedArrayBuffer;
  /** How far (KiB of input) the worker may run ahead of what the import has written. */
  aheadKiB: number;
  /** The store file, when its writer has deferred its WAL checkpoints to the worker. */
  checkpoint?: string;
}

/** One file's new bytes to read (planTail's answer, computed by the import). */
export interface TailJob {
  type: 'job';
  job: number;
  agent: string;
  path: string;
  offset: number;
  size: number;
  /** The time of events whose records have none. */
  mtimeMs: number;
  /** The parser state the cursor saved (null: read from the start). */
  saved: JsonObject | null;
  /** Lines before `offset` (the cursor's lineNo). */
  startLine: number;
  /** TranscriptImportOptions.maxBytes. */
  maxBytes?: number;
}

/** A draft prepared for the store: its event lacks only the Baton session id (and maybe a tool). */
export interface PreparedDraft {
  sessionKey: string;
  ref: string;
  /** A tool result whose call was read in an earlier run: the tool name comes from the store. */
  callRef?: string;
  tool: string | null;
  plan?: unknown;
  /**
   * Its `ftsBody` is the part after the event's text (the body is the text, then extra words):
   * the text is not sent twice. `ftsWhole`: it is the whole body (no text, or another one).
   */
  event: PreparedEvent;
  ftsWhole?: true;
  /** Its text and data are not compressed yet (prepareEvent's `pack` false): the store's thread does it. */
  packLater?: true;
}

export interface TailBatch {
  type: 'batch';
  job: number;
  /** In file order; `raw.pointers[i]` is the record of `drafts[i]`. */
  drafts: PreparedDraft[];
  raw: PackedRaw;
  /** Every session the file named so far, as seen up to the end of this batch. */
  sightings: SessionSighting[];
  /** The cursor after this batch: offset, the first bytes' fingerprint, the parser's state. */
  offset: number;
  fingerprint: string;
  state: JsonObject;
  /** Lines parsed in this run so far. */
  lines: number;
  /** Input bytes this batch covers (its share of the back-pressure count, in bytes). */
  bytes: number;
  /** The file's last batch: `report` and `more` are set. */
  last: boolean;
  more?: boolean;
  report?: {
    malformed: { line: number; reason: 'json' | 'not_object' | 'no_type'; message: string }[];
    unknownTypes: Record<string, number>;
  };
}

export type FromTailWorker =
  | TailBatch
  /** The file could not be read: a problem of this file, the others go on. */
  | { type: 'file-failed'; job: number; message: string }
  /** The worker itself failed. */
  | { type: 'failed'; message: string; stack?: string };

/**
 * What a batch hands over rather than copies: the memory of buffers made for it alone (raw blocks,
 * packed texts), which the worker never touches again. A small buffer is a slice of Node's shared
 * pool (under 4 KiB on Node 20, 32 KiB on Node 24), and any buffer that is part of larger memory
 * may share it with others: those are copied.
 */
export function handedOver(batch: TailBatch): ArrayBuffer[] {
  const memory = new Set<ArrayBuffer>();
  const own = (value: Uint8Array | string | null) => {
    if (!(value instanceof Uint8Array) || !(value.buffer instanceof ArrayBuffer)) return;
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength)
      memory.add(value.buffer);
  };
  for (const block of batch.raw.blocks) own(block.data);
  for (const d of batch.drafts) {
    own(d.event.storedText);
    own(d.event.storedData);
  }
  return [...memory];
}
