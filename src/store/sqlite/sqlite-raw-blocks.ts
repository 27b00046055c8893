// Packs the raw records of one append into compressed blocks, one session's records together, and
// reads a record back out of its block (keeping the last few blocks inflated, since readers walk
// a session's events in order). A block holds whole records only; a record larger than a block
// gets a block of its own.
import type { JsonValue } from '../../core/index.js';
import type { Statement } from './driver.js';
import type { SqliteContext } from './context.js';
import { decodeBlock, encodeBlock } from './raw-codec.js';

/** Uncompressed bytes per block: large enough to compress well, small enough to read one record. */
const BLOCK_BYTES = 256 * 1024;
const CACHED_BLOCKS = 4;

export interface RawPointer {
  block: number;
  off: number;
  len: number;
}

/**
 * Redacted like everything else before it is packed. A record redaction leaves as it was is
 * stored as the text it was read from, when the caller has it (`bytes`).
 */
export function redactRaw(ctx: SqliteContext, raw: JsonValue, bytes?: Buffer): Buffer {
  if (typeof raw === 'string') return Buffer.from(ctx.redactor.text(raw), 'utf8');
  const redacted = ctx.redactor.json(raw);
  if (redacted === raw && bytes !== undefined) return bytes;
  return Buffer.from(JSON.stringify(redacted), 'utf8');
}

export class SqliteRawBlocks {
  private insertStmt: Statement | undefined;
  private selectStmt: Statement | undefined;
  private readonly cache = new Map<number, Buffer>();

  // Statements are prepared on first use: a store held at an older schema has no raw_blocks.
  constructor(private readonly ctx: SqliteContext) {}

  private get insertBlock(): Statement {
    return (this.insertStmt ??= this.ctx.db.prepare(
      'INSERT INTO raw_blocks (session_id, data) VALUES (?, ?)',
    ));
  }

  private get selectBlock(): Statement {
    return (this.selectStmt ??= this.ctx.db.prepare('SELECT data FROM raw_blocks WHERE id = ?'));
  }

  /** Writes the records (null: none) in blocks per session; returns where each one went. */
  pack(records: (Buffer | null)[], sessionIds: string[]): (RawPointer | null)[] {
    // Block ids of a rolled-back write can come back: never serve a cached block across writes.
    this.cache.clear();
    const pointers: (RawPointer | null)[] = records.map(() => null);
    const bySession = new Map<string, number[]>();
    records.forEach((r, i) => {
      if (r === null) return;
      const list = bySession.get(sessionIds[i]!) ?? [];
      list.push(i);
      bySession.set(sessionIds[i]!, list);
    });
    for (const [sessionId, indexes] of bySession) {
      let start = 0;
      while (start < indexes.length) {
        let end = start;
        let bytes = 0;
        while (
          end < indexes.length &&
          (end === start || bytes + records[indexes[end]!]!.length <= BLOCK_BYTES)
        ) {
          bytes += records[indexes[end]!]!.length;
          end += 1;
        }
        const parts = indexes.slice(start, end).map((i) => records[i]!);
        const info = this.insertBlock.run(sessionId, encodeBlock(Buffer.concat(parts)));
        const block = Number(info.lastInsertRowid);
        let off = 0;
        for (const i of indexes.slice(start, end)) {
          const len = records[i]!.length;
          pointers[i] = { block, off, len };
          off += len;
        }
        start = end;
      }
    }
    return pointers;
  }

  read(p: RawPointer): string | null {
    let data = this.cache.get(p.block);
    if (data === undefined) {
      const row = this.selectBlock.get(p.block) as { data: Buffer } | undefined;
      if (!row) return null;
      data = decodeBlock(row.data);
      if (this.cache.size >= CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(p.block, data);
    }
    return data.toString('utf8', p.off, p.off + p.len);
  }
}
