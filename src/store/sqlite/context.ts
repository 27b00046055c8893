// What every part of the SQLite store shares: the connection, who is writing (machine, HLC), the
// world (clock, ids) and the redactor that every written value passes through.
import type Database from 'better-sqlite3';
import { ftsBody } from '../fts-text.js';
import type {
  Clock,
  HybridLogicalClock,
  IdSource,
  JsonObject,
  JsonValue,
  Redactor,
} from '../../core/index.js';

export interface SqliteContext {
  db: Database.Database;
  /** A prepared statement for this SQL, prepared once per connection (preparing is not cheap). */
  stmt(sql: string): Database.Statement;
  machineId: string;
  hlc: HybridLogicalClock;
  ids: IdSource;
  clock: Clock;
  redactor: Redactor;
  /** Called before a write transaction begins: a bulk writer lets urgent ones go first. */
  beforeWrite?: () => void;
}

export function parseJson<T extends JsonValue>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Redacts a nullable text. */
export function clean(ctx: SqliteContext, text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : ctx.redactor.text(text);
}

/** Stamps each changed field with the new HLC, so that sync can merge two machines' edits field by field. */
export function stampFields(previous: string, fields: string[], hlc: string): string {
  const map = parseJson<JsonObject>(previous, {});
  for (const f of fields) map[f] = hlc;
  return JSON.stringify(map);
}

/** The next per-project number for todos and decisions. */
export function nextNumber(ctx: SqliteContext, table: 'todos' | 'decisions', projectId: string) {
  const row = ctx
    .stmt(`SELECT coalesce(max(number), 0) + 1 AS n FROM ${table} WHERE project_id = ?`)
    .get(projectId) as { n: number };
  return row.n;
}

/** Resolves a user's reference to a row id: a number (`12`, `#12`), a full id or an id prefix. */
export function resolveRef(
  ctx: SqliteContext,
  table: 'todos' | 'decisions',
  projectId: string,
  ref: string,
): string | null {
  const trimmed = ref.trim().replace(/^#/, '');
  if (/^\d+$/.test(trimmed)) {
    const row = ctx
      .stmt(`SELECT id FROM ${table} WHERE project_id = ? AND number = ? AND deleted_at IS NULL`)
      .get(projectId, Number(trimmed)) as { id: string } | undefined;
    return row?.id ?? null;
  }
  const rows = ctx
    .stmt(`SELECT id FROM ${table} WHERE id >= ? AND id < ? AND deleted_at IS NULL LIMIT 2`)
    .all(trimmed.toUpperCase(), trimmed.toUpperCase() + '\uffff') as { id: string }[];
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * Runs `fn` in a write transaction taken up front (BEGIN IMMEDIATE), or simply inside the
 * caller's: an error anywhere rolls the whole outer transaction back, so no savepoint is needed.
 */
export function write<T>(ctx: SqliteContext, fn: () => T): T {
  if (ctx.db.inTransaction) return fn();
  ctx.beforeWrite?.();
  return ctx.db.transaction(fn).immediate();
}

/** Keeps the records' full-text index in step with a todo, decision or fact (null body: removed). */
export function indexRecord(
  ctx: SqliteContext,
  kind: 'todo' | 'decision' | 'fact',
  id: string,
  projectId: string | null,
  body: string | null,
  fresh = false,
): void {
  // record_id is not an indexed column, so this delete scans the table: a new record skips it.
  if (!fresh) ctx.stmt('DELETE FROM records_fts WHERE record_id = ?').run(id);
  if (body !== null) {
    ctx
      .stmt('INSERT INTO records_fts (kind, record_id, project_id, body) VALUES (?, ?, ?, ?)')
      .run(kind, id, projectId, ftsBody(body));
  }
}
