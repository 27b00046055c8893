// Pins incremental line reading: offsets are bytes (multi-byte text included), CRLF is tolerated,
// an unterminated last line is held back unless the caller accepts it, and a cursor on a file that
// was replaced or truncated starts over.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCursor } from '../../store/index.js';
import { fingerprint, planTail, readLines, withFile } from './jsonl-tail.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'baton-tail-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function read(content: string, start = 0, accept = false) {
  const path = join(dir, 'f.jsonl');
  writeFileSync(path, content);
  const lines: [string, number][] = [];
  const end = withFile(path, (fd) =>
    readLines(fd, start, Buffer.byteLength(content), {
      line: (t, o) => lines.push([t, o]),
      chunkEnd: () => {},
      acceptUnterminated: () => accept,
    }),
  );
  return { lines, end };
}

describe('readLines', () => {
  it('hands over complete lines with byte offsets and holds back an unterminated one', () => {
    const { lines, end } = read('é1\r\n{"a":2}\npart');
    expect(lines).toEqual([
      ['é1', 0],
      ['{"a":2}', 5],
    ]);
    expect(end).toBe(13);
    expect(read('é1\npart', 0, true).end).toBe(Buffer.byteLength('é1\npart'));
  });

  it('starts where the cursor says', () => {
    expect(read('one\ntwo\n', 4).lines).toEqual([['two', 4]]);
  });
});

describe('planTail', () => {
  const cursor = (offset: number, fp: string | null): ImportCursor => ({
    path: 'f',
    agent: 'a',
    offset,
    size: offset,
    mtimeMs: 0,
    fingerprint: fp,
    state: {},
  });

  it('continues an unchanged prefix and starts over when the file was replaced or cut', () => {
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, 'one\ntwo\n');
    const fp = withFile(path, (fd) => fingerprint(fd, 4));
    writeFileSync(path, 'one\ntwo\nthree\n');
    expect(withFile(path, (fd) => planTail(fd, 14, cursor(4, fp)))).toEqual({
      offset: 4,
      reset: false,
      unchanged: false,
    });
    expect(withFile(path, (fd) => planTail(fd, 14, cursor(14, fp)))).toMatchObject({
      unchanged: true,
    });
    writeFileSync(path, 'ONE\ntwo\nthree\n');
    expect(withFile(path, (fd) => planTail(fd, 14, cursor(4, fp)))).toEqual({
      offset: 0,
      reset: true,
      unchanged: false,
    });
    expect(withFile(path, (fd) => planTail(fd, 2, cursor(4, fp)))).toMatchObject({
      offset: 0,
      reset: true,
    });
  });
});
