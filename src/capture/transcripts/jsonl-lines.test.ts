// Pins JSON Lines splitting: only "\n" ends a line — not U+2028/U+2029 — CRLF is tolerated, a
// multi-byte character split across chunks survives, and a last line without "\n" is kept.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from './jsonl-lines.js';

const collect = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  for await (const line of readJsonLines(Readable.from(chunks))) out.push(line);
  return out;
};

describe('readJsonLines', () => {
  it('splits on newline only', async () => {
    expect(await collect(['{"a":"x\u2028y\u2029z"}\n{"b":1}\r\n', '{"c":2}'])).toEqual([
      '{"a":"x\u2028y\u2029z"}',
      '{"b":1}',
      '{"c":2}',
    ]);
  });

  it('keeps a character whose bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('{"t":"ünï"}\n');
    expect(await collect([bytes.subarray(0, 7), bytes.subarray(7)])).toEqual(['{"t":"ünï"}']);
  });

  it('yields empty lines as empty strings', async () => {
    expect(await collect(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });
});
