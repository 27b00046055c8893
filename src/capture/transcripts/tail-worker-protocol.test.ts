// A batch hands over only memory it alone holds: raw blocks and packed texts made for it, never a
// slice of Node's shared buffer pool or of larger memory.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { PreparedEvent } from '../../store/index.js';
import { handedOver } from './tail-worker-protocol.js';
import type { PreparedDraft, TailBatch } from './tail-worker-protocol.js';

// Node allocates buffers under half its pool's size from the pool (4 KiB on Node 20, 32 KiB on
// Node 24): these are larger, so each has memory of its own.
const BIG = Buffer.poolSize;

function draft(storedText: string | Uint8Array | null, storedData: Uint8Array | null = null) {
  const event = { text: 'x', data: null, storedText, storedData } as unknown as PreparedEvent;
  return { sessionKey: 'S', ref: 'r', tool: null, event } satisfies PreparedDraft;
}

function batch(blocks: Buffer[], drafts: PreparedDraft[]): TailBatch {
  return {
    type: 'batch',
    job: 1,
    drafts,
    raw: { blocks: blocks.map((data) => ({ data, bytes: data.length })), pointers: [] },
    sightings: [],
    offset: 0,
    fingerprint: '',
    state: {},
    lines: 0,
    bytes: 0,
    last: false,
  };
}

describe('handedOver', () => {
  it('lists buffers that own their memory, once each, and leaves pool slices and views', () => {
    const block = Buffer.concat([Buffer.alloc(BIG, 1), Buffer.alloc(BIG, 2)]);
    const packed = Buffer.allocUnsafe(BIG).fill(3);
    const small = Buffer.from('a short packed text'); // a slice of the shared pool
    const view = block.subarray(10, BIG);
    const message = batch([block, small], [draft(packed, view), draft('plain', packed)]);

    const listed = handedOver(message);
    expect(listed).toHaveLength(2);
    expect(listed).toContain(block.buffer);
    expect(listed).toContain(packed.buffer);
    expect(small.buffer.byteLength).toBeGreaterThan(small.byteLength);
    expect(listed).not.toContain(small.buffer);
  });

  it('sends the batch whole: handed-over memory arrives, the rest is copied', () => {
    const block = Buffer.concat([Buffer.alloc(BIG, 7), Buffer.alloc(100, 8)]);
    const small = Buffer.from('pool slice');
    const message = batch([block, small], [draft(small)]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(message, handedOver(message));
    const got = receiveMessageOnPort(port2)!.message as TailBatch;
    port1.close();

    expect(block.byteLength).toBe(0); // handed over: no longer this side's
    expect(small.toString()).toBe('pool slice'); // copied: still readable here
    const [first, second] = got.raw.blocks;
    expect(first!.data.byteLength).toBe(BIG + 100);
    expect(first!.data[0]).toBe(7);
    expect(first!.data[BIG + 99]).toBe(8);
    expect(Buffer.from(second!.data).toString()).toBe('pool slice');
    expect(Buffer.from(got.drafts[0]!.event.storedText as Uint8Array).toString()).toBe(
      'pool slice',
    );
  });
});
