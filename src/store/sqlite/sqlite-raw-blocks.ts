// Packs the raw records of one append into compressed blocks, one session's records together, and
// reads a record back out of its block (keeping the last few blocks inflated, since readers walk
// a session's events in order). A block holds whole records only; a record larger than a block
// gets a block of its own.
import type { JsonValue } from '../../core/index.js';
import type { Statement } from './driver.js';
import type { SqliteContext } from './context.js';
import { decodeBlock, encodeBlock } from './raw-codec.js';
import { planBlocks, redactRawWith } from '../prepare-raw.js';
import type { PackedRaw } from '../prepare-raw.js';

const CACHED_BLOCKS = 4;

export interface RawPointer {
  block: number;
  off: number;
  len: number;
}

/** Redacted like everything else before it is packed (see ../prepare-raw.ts). */
export function redactRaw(ctx: SqliteContext, raw: JsonValue, bytes?: Buffer): Buffer {
  return redactRawWith(ctx.redactor, raw, bytes);
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
    for (const indexes of planBlocks(records, sessionIds)) {
      const parts = indexes.map((i) => records[i]!);
      const info = this.insertBlock.run(
        sessionIds[indexes[0]!]!,
        encodeBlock(Buffer.concat(parts)),
      );
      const block = Number(info.lastInsertRowid);
      let off = 0;
      for (const i of indexes) {
        const len = records[i]!.length;
        pointers[i] = { block, off, len };
        off += len;
      }
    }
    return pointers;
  }

  /**
   * Writes blocks packed off this thread (../prepare-raw.ts) for the events that are new
   * (`fresh`); returns where each event's record went. A block also holding records that are not
   * to be stored (an event already stored, or left out by the caller) is packed again without them.
   */
  insertPacked(packed: PackedRaw, fresh: boolean[], sessionIds: string[]): (RawPointer | null)[] {
    this.cache.clear();
    const pointers: (RawPointer | null)[] = packed.pointers.map(() => null);
    const members: number[][] = packed.blocks.map(() => []);
    packed.pointers.forEach((p, i) => {
      if (p !== null && fresh[i]) members[p.block]!.push(i);
    });
    members.forEach((indexes, b) => {
      if (indexes.length === 0) return;
      const block = packed.blocks[b]!;
      let data = block.data;
      let kept = 0;
      for (const i of indexes) kept += packed.pointers[i]!.len;
      if (kept === block.bytes && block.plain) data = encodeBlock(block.data);
      if (kept !== block.bytes) {
        const whole = block.plain ? block.data : decodeBlock(block.data);
        data = encodeBlock(
          Buffer.concat(
            indexes.map((i) => {
              const p = packed.pointers[i]!;
              return whole.subarray(p.off, p.off + p.len);
            }),
          ),
        );
      }
      const id = Number(this.insertBlock.run(sessionIds[indexes[0]!]!, data).lastInsertRowid);
      let off = 0;
      for (const i of indexes) {
        const len = packed.pointers[i]!.len;
        pointers[i] = { block: id, off: kept === block.bytes ? packed.pointers[i]!.off : off, len };
        off += len;
      }
    });
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
