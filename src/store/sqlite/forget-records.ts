// The parts of forgetting beyond the journal: checkpoints (deleted, or their snapshot rewritten
// without the text), records that hold the text (turned into content-free tombstones, as
// `todos.remove` does, so sync can still propagate the deletion), and titles and log lines.
import type { ForgetReport, ForgetSelector } from '../store.js';
import type { SqliteContext } from './context.js';
import { contains, cut, cutJson } from './forget-text.js';
import { pushIds } from './forget-report.js';
import { compressSnapshot, decompressSnapshot } from './sqlite-checkpoints.js';
import { noteTombstones } from './sync-tombstones.js';

function scopeWhere(selector: ForgetSelector, sessionColumn: string, timeColumn: string) {
  const where = ['1 = 1'];
  const params: unknown[] = [];
  if (selector.sessionId !== undefined) {
    where.push(`${sessionColumn} = ?`);
    params.push(selector.sessionId);
  }
  if (selector.before !== undefined) {
    where.push(`${timeColumn} < ?`);
    params.push(selector.before);
  }
  return { sql: where.join(' AND '), params };
}

/** Without a text: the checkpoints in scope go. With one: those holding it are rewritten. */
export function forgetCheckpoints(
  ctx: SqliteContext,
  selector: ForgetSelector,
  report: ForgetReport,
  stamp: string | null = null,
): void {
  const { db } = ctx;
  const { sql, params } = scopeWhere(selector, 'session_id', 'created_at');
  if (selector.match === undefined) {
    const ids = db
      .prepare(`SELECT id FROM checkpoints WHERE ${sql}`)
      .pluck()
      .all(...params) as string[];
    if (stamp)
      noteTombstones(ctx, 'checkpoint', stamp, `SELECT id FROM checkpoints WHERE ${sql}`, params);
    const drop = db.prepare('DELETE FROM checkpoints WHERE id = ?');
    for (const id of ids) report.checkpointsDeleted += drop.run(id).changes;
    pushIds(report.ids.checkpoints, ids);
    return;
  }
  const needle = selector.match;
  const rows = db
    .prepare(`SELECT id, label, snapshot FROM checkpoints WHERE ${sql}`)
    .all(...params) as { id: string; label: string | null; snapshot: Buffer }[];
  const update = db.prepare(
    'UPDATE checkpoints SET label = ?, snapshot = ?, size = ?, hlc = ? WHERE id = ?',
  );
  for (const row of rows) {
    const text = decompressSnapshot(row.snapshot);
    if (!contains(text, needle) && !contains(row.label, needle)) continue;
    const snapshot = compressSnapshot(cutJson(text, needle));
    const label = row.label === null ? null : cut(row.label, needle);
    update.run(label, snapshot, snapshot.length, ctx.hlc.tick(), row.id);
    report.checkpointsRewritten += 1;
  }
}

const RECORDS = [
  {
    kind: 'todos' as const,
    table: 'todos',
    session: 'origin_session_id',
    columns: ['content', 'active_form', 'blocked_reason'],
    tombstone: "content = '', active_form = NULL, blocked_reason = NULL",
  },
  {
    kind: 'decisions' as const,
    table: 'decisions',
    session: 'session_id',
    columns: ['decision', 'reasoning', 'outcome', 'files'],
    tombstone: "decision = '', reasoning = NULL, outcome = NULL, files = '[]'",
  },
  {
    kind: 'facts' as const,
    table: 'facts',
    session: 'session_id',
    columns: ['key', 'value', 'category'],
    tombstone: "key = 'forgotten:' || id, value = 'null', category = NULL",
  },
];

/** Todos, decisions and facts that hold the text become tombstones, out of the index too. */
export function forgetRecords(
  ctx: SqliteContext,
  selector: ForgetSelector,
  report: ForgetReport,
): void {
  const { db } = ctx;
  const needle = selector.match!;
  const unindex = db.prepare('DELETE FROM records_fts WHERE record_id = ?');
  for (const r of RECORDS) {
    const { sql, params } = scopeWhere(selector, r.session, 'created_at');
    const has = r.columns.map((c) => `baton_has(${c}, ?)`).join(' OR ');
    const ids = db
      .prepare(`SELECT id FROM ${r.table} WHERE deleted_at IS NULL AND ${sql} AND (${has})`)
      .pluck()
      .all(...params, ...r.columns.map(() => needle)) as string[];
    const tomb = db.prepare(
      `UPDATE ${r.table} SET ${r.tombstone}, deleted_at = ?, hlc = ?, updated_at = ? WHERE id = ?`,
    );
    for (const id of ids) {
      const now = ctx.clock.now();
      tomb.run(now, ctx.hlc.tick(), now, id);
      unindex.run(id);
    }
    report[r.kind] += ids.length;
    pushIds(report.ids.records, ids);
  }
}

/** Sessions stay, but their title, end reason and metadata lose the text. */
export function scrubSessions(ctx: SqliteContext, needle: string, report: ForgetReport): void {
  const { db } = ctx;
  const rows = db
    .prepare(
      'SELECT id, title, end_reason, meta FROM sessions WHERE baton_has(title, ?) OR baton_has(end_reason, ?) OR baton_has(meta, ?)',
    )
    .all(needle, needle, needle) as {
    id: string;
    title: string | null;
    end_reason: string | null;
    meta: string;
  }[];
  const update = db.prepare(
    'UPDATE sessions SET title = ?, end_reason = ?, meta = ?, hlc = ? WHERE id = ?',
  );
  for (const r of rows) {
    update.run(
      r.title === null ? null : cut(r.title, needle),
      r.end_reason === null ? null : cut(r.end_reason, needle),
      cutJson(r.meta, needle),
      ctx.hlc.tick(),
      r.id,
    );
  }
  report.sessionsRewritten += rows.length;
}

/** Capture errors and audit lines may quote what was captured; they lose the text too. */
export function scrubLogs(ctx: SqliteContext, needle: string, report: ForgetReport): void {
  const { db } = ctx;
  const errors = db
    .prepare('SELECT source, last_error FROM capture_log WHERE baton_has(last_error, ?)')
    .all(needle) as { source: string; last_error: string }[];
  const fixError = db.prepare('UPDATE capture_log SET last_error = ? WHERE source = ?');
  for (const e of errors) fixError.run(cut(e.last_error, needle), e.source);
  const lines = db
    .prepare(
      'SELECT seq, target, detail FROM audit_log WHERE baton_has(target, ?) OR baton_has(detail, ?)',
    )
    .all(needle, needle) as { seq: number; target: string | null; detail: string }[];
  const fixLine = db.prepare('UPDATE audit_log SET target = ?, detail = ? WHERE seq = ?');
  for (const l of lines) {
    fixLine.run(l.target === null ? null : cut(l.target, needle), cutJson(l.detail, needle), l.seq);
  }
  report.logLinesRewritten += errors.length + lines.length;
}
