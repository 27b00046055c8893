// What another machine forgot is removed here too, by the same code as `baton forget` (events with
// their index rows and raw records; sessions with their events and checkpoints), and its tombstone
// kept so that nothing of it comes back with a later pull.
import type { SyncTombstone } from '../sync-support.js';
import { write } from './context.js';
import type { SqliteContext } from './context.js';
import { emptyReport } from './forget-report.js';
import { forgetEvents, forgetSessions } from './sqlite-forget.js';
import { noteForeignTombstones } from './sync-tombstones.js';

export function applyTombstones(
  ctx: SqliteContext,
  tombstones: readonly SyncTombstone[],
): { removed: number } {
  return write(ctx, () => {
    const fresh = noteForeignTombstones(ctx, tombstones);
    for (const t of fresh) ctx.hlc.observe(t.hlc);
    let removed = 0;
    const count = (run: (report: ReturnType<typeof emptyReport>) => void) => {
      const r = emptyReport();
      run(r);
      removed += r.events + r.sessions + r.checkpointsDeleted;
    };
    const ids = (kind: SyncTombstone['kind']) =>
      JSON.stringify(fresh.filter((t) => t.kind === kind).map((t) => t.id));
    const inList = 'id IN (SELECT value FROM json_each(?))';
    count((r) => forgetEvents(ctx, {}, r, null, { sql: inList, params: [ids('event')] }));
    const checkpoints = ctx.db
      .prepare(`DELETE FROM checkpoints WHERE ${inList}`)
      .run(ids('checkpoint'));
    for (const t of fresh) {
      if (t.kind !== 'session') continue;
      count((r) => forgetEvents(ctx, { sessionId: t.id }, r, null));
      count((r) => forgetSessions(ctx, { sessionId: t.id }, r, null));
    }
    return { removed: removed + checkpoints.changes };
  });
}
