// Pins LineSplitter to readJsonLines' rules: "\n" ends a line, "\r\n" too, U+2028 does not, a
// character split across chunks is joined, and a last line without "\n" counts.
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { readJsonLines } from '../transcripts/jsonl-lines.js';
import { LineSplitter } from './line-splitter.js';

const TEXT = 'a\r\n\n{"t":"x\u2028y"}\nünïcødé ✓\r\nlast\r';

function split(bytes: Buffer, size: number): string[] {
  const s = new LineSplitter();
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size), lines);
  return [...lines, ...s.end()];
}

it('splits as readJsonLines does, whatever the chunk size', async () => {
  const expected: string[] = [];
  for await (const line of readJsonLines(Readable.from([Buffer.from(TEXT)]))) expected.push(line);
  expect(expected).toEqual(['a', '', '{"t":"x\u2028y"}', 'ünïcødé ✓', 'last']);
  const bytes = Buffer.from(TEXT);
  for (const size of [1, 2, 3, 7, bytes.length]) expect(split(bytes, size)).toEqual(expected);
});

it('gives nothing for an input that ends with its line break', () => {
  const s = new LineSplitter();
  expect(s.push(Buffer.from('x\n'))).toEqual(['x']);
  expect(s.end()).toEqual([]);
});
