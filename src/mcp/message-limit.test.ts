// Pins the stdio message limit: lines under it pass unchanged, a line over it is never passed on
// (nor buffered whole) and is answered with a JSON-RPC error to its id, and what follows still flows.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageSizeLimit, idOfHead, oversizedReply } from './message-limit.js';

async function through(chunks: string[], limit: number) {
  const oversized: [number, string | number | null][] = [];
  const out: string[] = [];
  const limiter = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(
    new MessageSizeLimit((bytes, id) => oversized.push([bytes, id]), limit),
  );
  for await (const c of limiter) out.push((c as Buffer).toString());
  return { out: out.join(''), oversized };
}

describe('MessageSizeLimit', () => {
  it('passes lines under the limit, split across chunks or not', async () => {
    const r = await through(['{"a":1}\n{"b"', ':2}\n{"c":3}'], 64);
    expect(r).toEqual({ out: '{"a":1}\n{"b":2}\n{"c":3}', oversized: [] });
  });

  it('drops a line over the limit, reports its size and id, and keeps serving', async () => {
    const big = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"x":"${'y'.repeat(200)}"}}\n`;
    const r = await through(['{"a":1}\n', big.slice(0, 100), big.slice(100), '{"b":2}\n'], 64);
    expect(r.out).toBe('{"a":1}\n{"b":2}\n');
    expect(r.oversized).toEqual([[big.length, 7]]);
  });

  it('finds string ids, and answers in JSON-RPC', () => {
    expect(idOfHead('{"jsonrpc":"2.0","id":"req-\\"1","method":')).toBe('req-"1');
    expect(idOfHead('{"method":"x"')).toBeNull();
    expect(JSON.parse(oversizedReply(10, 3, 5))).toMatchObject({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32600 },
    });
  });
});
