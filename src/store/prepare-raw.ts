// What the store does to raw records before it writes them, as a pure step: redaction, then
// packing into compressed blocks, one session's records together (the blocks sqlite-raw-blocks.ts
// writes). Like prepare-event.ts it needs no connection, so a bulk import runs it on another
// thread and hands the store finished blocks (Events.appendPrepared's `raw`).
import { createRedactor } from '../core/index.js';
import type { JsonValue, Redactor } from '../core/index.js';
import { prepareEvent } from './prepare-event.js';
import type { EventPreparation, PreparableEvent, PreparedEvent } from './prepare-event.js';
import { encodeBlock } from './sqlite/raw-codec.js';

/** Uncompressed bytes per block: large enough to compress well, small enough to read one record. */
export const RAW_BLOCK_BYTES = 256 * 1024;

/** A record's place in a batch of packed blocks: `block` is an index into `PackedRaw.blocks`. */
export interface PackedPointer {
  block: number;
  off: number;
  len: number;
}

/** Blocks compressed off the store's thread, and where each event's record is in them. */
export interface PackedRaw {
  /**
   * Each block as stored (compressed), with its length before compression; `plain`: not
   * compressed yet (the store compresses it as it writes it).
   */
  blocks: { data: Buffer; bytes: number; plain?: true }[];
  /** One per event of the append, in its order; null: the event keeps no record. */
  pointers: (PackedPointer | null)[];
}

/**
 * Redacted like everything else before it is packed. A record redaction leaves as it was is
 * stored as the text it was read from, when the caller has it (`bytes`).
 */
export function redactRawWith(redactor: Redactor, raw: JsonValue, bytes?: Buffer): Buffer {
  if (typeof raw === 'string') return Buffer.from(redactor.text(raw), 'utf8');
  const redacted = redactor.json(raw);
  if (redacted === raw && bytes !== undefined) return bytes;
  return Buffer.from(JSON.stringify(redacted), 'utf8');
}

/**
 * Groups records (null: none) into blocks per key (a session), in order of first appearance, each
 * block whole records of at most RAW_BLOCK_BYTES (a larger record gets a block of its own). Returns
 * the index lists of each block.
 */
export function planBlocks(records: (Buffer | null)[], keys: string[]): number[][] {
  const byKey = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r === null) return;
    const list = byKey.get(keys[i]!) ?? [];
    list.push(i);
    byKey.set(keys[i]!, list);
  });
  const blocks: number[][] = [];
  for (const indexes of byKey.values()) {
    let start = 0;
    while (start < indexes.length) {
      let end = start;
      let bytes = 0;
      while (
        end < indexes.length &&
        (end === start || bytes + records[indexes[end]!]!.length <= RAW_BLOCK_BYTES)
      ) {
        bytes += records[indexes[end]!]!.length;
        end += 1;
      }
      blocks.push(indexes.slice(start, end));
      start = end;
    }
  }
  return blocks;
}

/**
 * Packs records (already redacted) into blocks as the store would write them, compressed unless
 * `compress` is false (the store's thread then compresses them: a worker that is behind leaves it
 * work it would otherwise wait through).
 */
export function packRaw(records: (Buffer | null)[], keys: string[], compress = true): PackedRaw {
  const pointers: (PackedPointer | null)[] = records.map(() => null);
  const blocks = planBlocks(records, keys).map((indexes, block) => {
    const data = Buffer.concat(indexes.map((i) => records[i]!));
    let off = 0;
    for (const i of indexes) {
      const len = records[i]!.length;
      pointers[i] = { block, off, len };
      off += len;
    }
    return compress
      ? { data: encodeBlock(data), bytes: data.length }
      : { data, bytes: data.length, plain: true as const };
  });
  return { blocks, pointers };
}

/**
 * createEventPreparer and redactRawWith sharing the redactor a store of this preparation uses
 * (same key, same output), for a thread that prepares both an event and the record it came from:
 * a tool output often sits in both, and the redactor remembers long texts it has just scanned, so
 * the second copy is not scanned again. Redact the record first (it holds every copy).
 */
export function createPreparers(preparation: EventPreparation): {
  event: (input: PreparableEvent, pack?: boolean) => PreparedEvent;
  raw: (raw: JsonValue, bytes?: Buffer) => Buffer;
} {
  const redactor = createRedactor(preparation.redactionKey);
  return {
    event: (input, pack) => prepareEvent(redactor, input, pack),
    raw: (raw, bytes) => redactRawWith(redactor, raw, bytes),
  };
}
