// Forgetting for real (a secret or a mistake must be removable from the disk): the selected events leave the journal and its contentless
// index, checkpoints holding them are deleted or have the text cut out, records holding the text
// become tombstones, titles and log lines lose it, and the audit log says what went — ids and
// counts, never the content. Dry runs do the same work in a transaction that is rolled back, so
// the counts they print are exactly what a real run deletes.
import { BatonError } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { ForgetOptions, ForgetReport, ForgetSelector } from '../store.js';
import { write } from './context.js';
import type { SqliteContext } from './context.js';
import { forgetCheckpoints, forgetRecords, scrubLogs, scrubSessions } from './forget-records.js';
import { emptyReport, MAX_IDS, pushIds } from './forget-report.js';
import {
  blankRawRecords,
  dropSessionBlocks,
  rawPointersOfForgotten,
  selectRawMatches,
} from './forget-raw.js';
import { registerMatchers } from './forget-text.js';
import { noteTombstones } from './sync-tombstones.js';

class DryRun extends Error {
  constructor(readonly report: ForgetReport) {
    super('dry run');
  }
}

export function forget(
  ctx: SqliteContext,
  selector: ForgetSelector,
  options: ForgetOptions,
  audit: (action: string, target: string | null, detail: JsonObject, actor?: string) => void,
): ForgetReport {
  checkSelector(selector);
  registerMatchers(ctx.db);
  try {
    return write(ctx, () => {
      const report = emptyReport();
      // A forget travels to the other machines as tombstones; a retention prune stays local.
      const stamp = (options.action ?? 'forget') === 'forget' ? ctx.hlc.tick() : null;
      forgetEvents(ctx, selector, report, stamp);
      forgetCheckpoints(ctx, selector, report, stamp);
      forgetSessions(ctx, selector, report, stamp);
      if (selector.match !== undefined) {
        forgetRecords(ctx, selector, report);
        scrubSessions(ctx, selector.match, report);
        scrubLogs(ctx, selector.match, report);
      }
      if (options.dryRun) throw new DryRun(report);
      audit(
        options.action ?? 'forget',
        describe(selector),
        auditDetail(report, selector),
        options.actor,
      );
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

function checkSelector(selector: ForgetSelector): void {
  if (
    selector.sessionId === undefined &&
    selector.match === undefined &&
    selector.before === undefined
  ) {
    throw new BatonError('USAGE', 'say what to forget: a session, a text to match, or a date');
  }
  if (selector.match !== undefined && selector.match.trim().length < 3) {
    throw new BatonError('USAGE', 'the text to forget must be at least 3 characters', {
      hint: 'a shorter text would match too much to be what you meant',
    });
  }
}

/** Where events are chosen: each given part of the selector narrows. */
export function eventWhere(selector: ForgetSelector): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (selector.sessionId !== undefined) {
    where.push('session_id = ?');
    params.push(selector.sessionId);
  }
  if (selector.before !== undefined) {
    where.push('ts < ?');
    params.push(selector.before);
  }
  if (selector.match !== undefined) {
    where.push(
      '(baton_has(text, ?) OR baton_has(data, ?) OR baton_has(tool, ?) OR baton_has_raw(raw, ?))',
    );
    params.push(selector.match, selector.match, selector.match, selector.match);
  }
  return { sql: where.join(' AND '), params };
}

/**
 * Removes the events the selector (or `where`, when given) selects, with their index rows and raw
 * records; with a `stamp`, their ids become tombstones that sync carries to the other machines.
 */
export function forgetEvents(
  ctx: SqliteContext,
  selector: ForgetSelector,
  report: ForgetReport,
  stamp: string | null,
  where = eventWhere(selector),
): void {
  const { db } = ctx;
  const { sql, params } = where;
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS forget_events (seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL)',
  );
  db.exec('DELETE FROM temp.forget_events');
  db.prepare(`INSERT INTO temp.forget_events SELECT seq, session_id FROM events WHERE ${sql}`).run(
    ...params,
  );
  selectRawMatches(ctx, selector);
  const packed = rawPointersOfForgotten(ctx);
  const ids = db
    .prepare('SELECT e.id FROM events e JOIN temp.forget_events f ON f.seq = e.seq LIMIT ?')
    .pluck()
    .all(MAX_IDS) as string[];
  pushIds(report.ids.events, ids);
  if (stamp) {
    const forgotten = 'SELECT e.id FROM events e JOIN temp.forget_events f ON f.seq = e.seq';
    noteTombstones(ctx, 'event', stamp, forgotten);
  }
  const perSession = db
    .prepare('SELECT session_id, count(*) AS n FROM temp.forget_events GROUP BY session_id')
    .all() as { session_id: string; n: number }[];
  db.exec('DELETE FROM events_fts WHERE rowid IN (SELECT seq FROM temp.forget_events)');
  report.events = db
    .prepare('DELETE FROM events WHERE seq IN (SELECT seq FROM temp.forget_events)')
    .run().changes;
  const recount = db.prepare(
    'UPDATE sessions SET event_count = max(0, event_count - ?) WHERE id = ?',
  );
  for (const s of perSession) recount.run(s.n, s.session_id);
  blankRawRecords(ctx, packed);
  db.exec('DELETE FROM temp.forget_events');
}

/** Sessions the selector names, or that `before` leaves empty and idle, go with what they held. */
export function forgetSessions(
  ctx: SqliteContext,
  selector: ForgetSelector,
  report: ForgetReport,
  stamp: string | null,
): void {
  if (selector.match !== undefined) return;
  const { db } = ctx;
  const where = ['NOT EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.id)'];
  const params: unknown[] = [];
  if (selector.sessionId !== undefined) {
    where.push('s.id = ?');
    params.push(selector.sessionId);
  }
  if (selector.before !== undefined) {
    where.push("s.last_activity_at < ? AND s.status != 'active'");
    params.push(selector.before);
  }
  const ids = db
    .prepare(`SELECT id FROM sessions s WHERE ${where.join(' AND ')}`)
    .pluck()
    .all(...params) as string[];
  const unlink = [
    'UPDATE todos SET origin_session_id = NULL WHERE origin_session_id = ?',
    'UPDATE decisions SET session_id = NULL WHERE session_id = ?',
    'UPDATE facts SET session_id = NULL WHERE session_id = ?',
    'UPDATE sessions SET parent_id = NULL, parent_kind = NULL WHERE parent_id = ?',
  ].map((q) => db.prepare(q));
  const dropCheckpoints = db.prepare('DELETE FROM checkpoints WHERE session_id = ?');
  const drop = db.prepare('DELETE FROM sessions WHERE id = ?');
  for (const id of ids) {
    if (stamp) {
      noteTombstones(ctx, 'session', stamp, 'SELECT ? AS id', [id]);
      noteTombstones(ctx, 'checkpoint', stamp, 'SELECT id FROM checkpoints WHERE session_id = ?', [
        id,
      ]);
    }
    for (const u of unlink) u.run(id);
    report.checkpointsDeleted += dropCheckpoints.run(id).changes;
    dropSessionBlocks(ctx, id);
    report.sessions += drop.run(id).changes;
  }
  pushIds(report.ids.sessions, ids);
}

function describe(selector: ForgetSelector): string {
  const parts: string[] = [];
  if (selector.sessionId !== undefined) parts.push(`session ${selector.sessionId}`);
  if (selector.before !== undefined)
    parts.push(`before ${new Date(selector.before).toISOString()}`);
  if (selector.match !== undefined) parts.push(`text of ${selector.match.length} characters`);
  return parts.join(', ');
}

/** What the audit log keeps: how much went and which ids — never the forgotten text itself. */
function auditDetail(report: ForgetReport, selector: ForgetSelector): JsonObject {
  const { ids, ...counts } = report;
  return {
    selector: {
      session: selector.sessionId ?? null,
      before: selector.before === undefined ? null : new Date(selector.before).toISOString(),
      match: selector.match === undefined ? null : { length: selector.match.length },
    },
    counts,
    ids,
  };
}
