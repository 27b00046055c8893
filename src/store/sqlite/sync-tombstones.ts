// Tombstones for sync: `baton forget` notes the ids of the events, sessions and checkpoints it
// removes (ids only, with one stamp), so the deletion travels to every machine; what arrives from
// other machines is removed here the same way and noted too, so that no later pull, of a copy
// still on the server or of events another machine recorded meanwhile, brings it back.
import type { SyncTombstone } from '../sync-support.js';
import type { SqliteContext } from './context.js';

type Kind = SyncTombstone['kind'];

/** Notes a tombstone for every `id` that `select` yields, under `stamp` and this machine. */
export function noteTombstones(
  ctx: SqliteContext,
  kind: Kind,
  stamp: string,
  select: string,
  params: unknown[] = [],
): void {
  ctx.db
    .prepare(
      `INSERT OR IGNORE INTO sync_tombstones (kind, id, hlc, machine_id)
       SELECT ?, id, ?, ? FROM (${select})`,
    )
    .run(kind, stamp, ctx.machineId, ...params);
}

export function hasTombstones(ctx: SqliteContext): boolean {
  return ctx.stmt('SELECT 1 FROM sync_tombstones LIMIT 1').get() !== undefined;
}

export function isTombstoned(ctx: SqliteContext, kind: Kind, id: string): boolean {
  return (
    ctx.stmt('SELECT 1 FROM sync_tombstones WHERE kind = ? AND id = ?').get(kind, id) !== undefined
  );
}

export function ownTombstones(
  ctx: SqliteContext,
  afterSeq: number,
  limit: number,
): { seq: number; tombstone: SyncTombstone }[] {
  const rows = ctx
    .stmt(
      `SELECT seq, kind, id, hlc FROM sync_tombstones WHERE seq > ? AND machine_id = ?
       ORDER BY seq LIMIT ?`,
    )
    .all(afterSeq, ctx.machineId, limit) as { seq: number; kind: Kind; id: string; hlc: string }[];
  return rows.map((r) => ({ seq: r.seq, tombstone: { kind: r.kind, id: r.id, hlc: r.hlc } }));
}

/** Notes tombstones that came from another machine; returns those not known before. */
export function noteForeignTombstones(
  ctx: SqliteContext,
  tombstones: readonly SyncTombstone[],
): SyncTombstone[] {
  const insert = ctx.stmt(
    `INSERT OR IGNORE INTO sync_tombstones (kind, id, hlc, machine_id) VALUES (?, ?, ?, '')`,
  );
  return tombstones.filter((t) => insert.run(t.kind, t.id, t.hlc).changes > 0);
}
