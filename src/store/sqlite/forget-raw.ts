// Forgetting inside the packed raw records (migration 3): an event's source record lives in a
// compressed block shared with its session's neighbours. Finding the text means reading the
// blocks; removing a record means rewriting its block with the record's bytes blanked, so the
// other records keep their offsets and the forgotten bytes are gone once the store compacts.
import type { ForgetSelector } from '../store.js';
import type { SqliteContext } from './context.js';
import { contains } from './forget-text.js';
import { decodeBlock, encodeBlock } from './raw-codec.js';

interface Pointer {
  seq: number;
  block: number;
  off: number;
  len: number;
}

/** Whether this store packs raw records in blocks (schema 3 and later). */
export function hasRawBlocks(ctx: SqliteContext): boolean {
  return (
    ctx.db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'raw_block'").get() !==
    undefined
  );
}

/** Adds to temp.forget_events the events in scope whose packed raw record holds the text. */
export function selectRawMatches(ctx: SqliteContext, selector: ForgetSelector): void {
  if (selector.match === undefined || !hasRawBlocks(ctx)) return;
  const where = ['raw_block IS NOT NULL'];
  const params: unknown[] = [];
  if (selector.sessionId !== undefined) {
    where.push('session_id = ?');
    params.push(selector.sessionId);
  }
  if (selector.before !== undefined) {
    where.push('ts < ?');
    params.push(selector.before);
  }
  const pointers = ctx.db
    .prepare(
      `SELECT seq, raw_block AS block, raw_off AS off, raw_len AS len FROM events
       WHERE ${where.join(' AND ')} ORDER BY raw_block`,
    )
    .all(...params) as Pointer[];
  const add = ctx.db.prepare(
    'INSERT OR IGNORE INTO temp.forget_events SELECT seq, session_id FROM events WHERE seq = ?',
  );
  const read = ctx.db.prepare('SELECT data FROM raw_blocks WHERE id = ?');
  let current = -1;
  let data: Buffer | null = null;
  for (const p of pointers) {
    if (p.block !== current) {
      current = p.block;
      const row = read.get(p.block) as { data: Buffer } | undefined;
      data = row ? decodeBlock(row.data) : null;
      // Most blocks do not hold the text at all: one test spares looking at each record.
      if (data && !contains(data.toString('utf8'), selector.match)) data = null;
    }
    if (data && contains(data.toString('utf8', p.off, p.off + p.len), selector.match)) {
      add.run(p.seq);
    }
  }
}

/** The packed records of the events about to be forgotten. */
export function rawPointersOfForgotten(ctx: SqliteContext): Pointer[] {
  if (!hasRawBlocks(ctx)) return [];
  return ctx.db
    .prepare(
      `SELECT e.seq, e.raw_block AS block, e.raw_off AS off, e.raw_len AS len
       FROM events e JOIN temp.forget_events f ON f.seq = e.seq WHERE e.raw_block IS NOT NULL`,
    )
    .all() as Pointer[];
}

/** Rewrites each block with the forgotten records' bytes blanked. */
export function blankRawRecords(ctx: SqliteContext, pointers: Pointer[]): void {
  const byBlock = new Map<number, Pointer[]>();
  for (const p of pointers) byBlock.set(p.block, [...(byBlock.get(p.block) ?? []), p]);
  const read = ctx.db.prepare('SELECT data FROM raw_blocks WHERE id = ?');
  const write = ctx.db.prepare('UPDATE raw_blocks SET data = ? WHERE id = ?');
  for (const [block, list] of byBlock) {
    const row = read.get(block) as { data: Buffer } | undefined;
    if (!row) continue;
    const data = decodeBlock(row.data);
    for (const p of list) data.fill(0x20, p.off, p.off + p.len);
    write.run(encodeBlock(data), block);
  }
}

/** A forgotten session's blocks go whole. */
export function dropSessionBlocks(ctx: SqliteContext, sessionId: string): void {
  if (hasRawBlocks(ctx))
    ctx.db.prepare('DELETE FROM raw_blocks WHERE session_id = ?').run(sessionId);
}
