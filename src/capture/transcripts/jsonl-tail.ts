// Incremental reading of an append-only JSONL file (Claude Code transcripts, Codex rollouts,
// Gemini's JSONL chats): where to start from the saved cursor, then the complete lines after it.
// A last line without its newline is held back for the next run unless the caller says it is
// complete (a whole JSON record), so a line being written is never lost or read twice.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { ImportCursor } from '../../store/index.js';

const FINGERPRINT_BYTES = 1024;
/**
 * Bytes read at a time. An importer writes a batch only at a chunk's end, so a chunk's lines, their
 * drafts and the copies of their records are all alive together: 1 MiB keeps that to a few batches'
 * worth (the daemon tails for days; 8 MiB chunks held over 100 MB at once), at no cost in speed.
 */
const CHUNK_BYTES = 1024 * 1024;

export interface TailStart {
  /** Byte offset to read from. */
  offset: number;
  /** The file is not the one the cursor describes (rewritten or truncated): read it whole. */
  reset: boolean;
  /** Nothing was appended since the cursor. */
  unchanged: boolean;
}

/** `<length>:<sha1 of the first length bytes>` — the bytes already read identify the file. */
export function fingerprint(fd: number, size: number): string {
  const length = Math.min(size, FINGERPRINT_BYTES);
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, 0);
  return `${length}:${createHash('sha1').update(buf).digest('hex')}`;
}

function fingerprintMatches(fd: number, size: number, expected: string | null): boolean {
  if (expected === null) return false;
  const length = Number(expected.slice(0, expected.indexOf(':')));
  if (!Number.isInteger(length) || length > size) return false;
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, 0);
  return `${length}:${createHash('sha1').update(buf).digest('hex')}` === expected;
}

export function planTail(fd: number, size: number, cursor: ImportCursor | null): TailStart {
  if (cursor === null) return { offset: 0, reset: false, unchanged: size === 0 };
  if (size < cursor.offset || !fingerprintMatches(fd, size, cursor.fingerprint)) {
    return { offset: 0, reset: true, unchanged: false };
  }
  return { offset: cursor.offset, reset: false, unchanged: size === cursor.offset };
}

export interface TailReader {
  /**
   * Called for each complete line (without its newline) with its byte offset and its bytes (a
   * view into the chunk read: copy what must outlive the batch).
   */
  line(text: string, offset: number, bytes: Buffer): void;
  /** Called after each chunk with the offset just past the last line handed over. */
  chunkEnd(offset: number): void;
  /** Whether an unterminated last line is complete as it stands. */
  acceptUnterminated(text: string): boolean;
  /** Called when the read stops at `stopAfter` with more of the file left. */
  stopped?(): void;
}

/**
 * Reads complete lines from `start` to `size`; returns the offset just past the last one read.
 * With `stopAfter`, stops at the end of the first chunk that reaches it and has handed over a line
 * (the rest is for a later run: a line cut there is held back, never accepted as unterminated).
 */
export function readLines(
  fd: number,
  start: number,
  size: number,
  reader: TailReader,
  stopAfter?: number,
): number {
  let pos = start;
  let carry: Buffer | null = null;
  let carryOffset = start;
  while (pos < size) {
    const want = Math.min(CHUNK_BYTES, size - pos);
    const chunk = Buffer.allocUnsafe(want);
    const got = readSync(fd, chunk, 0, want, pos);
    if (got <= 0) break;
    pos += got;
    const buf: Buffer = carry
      ? Buffer.concat([carry, chunk.subarray(0, got)])
      : chunk.subarray(0, got);
    const base = carry ? carryOffset : pos - got;
    let lineStart = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, lineStart)) {
      const end = nl > lineStart && buf[nl - 1] === 13 ? nl - 1 : nl;
      reader.line(
        buf.toString('utf8', lineStart, end),
        base + lineStart,
        buf.subarray(lineStart, end),
      );
      lineStart = nl + 1;
    }
    carry = lineStart < buf.length ? buf.subarray(lineStart) : null;
    carryOffset = base + lineStart;
    reader.chunkEnd(carryOffset);
    if (stopAfter !== undefined && pos >= stopAfter && pos < size && carryOffset > start) {
      reader.stopped?.();
      return carryOffset;
    }
  }
  if (carry !== null) {
    const text = carry.toString('utf8');
    if (reader.acceptUnterminated(text)) {
      reader.line(text, carryOffset, carry);
      carryOffset += carry.length;
      reader.chunkEnd(carryOffset);
    }
  }
  return carryOffset;
}

export function withFile<T>(path: string, fn: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return fn(fd);
  } finally {
    closeSync(fd);
  }
}
