// Salvage: what a damaged store file still holds, copied into a new store. The damaged file is
// never written: it is copied aside (with its WAL) and only the copy is read. Each table is read
// in its own order, row by row; where a page cannot be read, the reader jumps past it (by rowid,
// in growing steps) and reads on, and a table without rowids is read from both ends. The rows go
// into a new store made at the damaged file's schema version, which is then migrated, its search
// indexes rebuilt from the events and records, and checked. VACUUM INTO and the backup API stop at
// the first bad page, which is why this reads row by row.
import { chmodSync, closeSync, copyFileSync, existsSync, fstatSync, ftruncateSync } from 'node:fs';
import { openSync, readSync, rmSync, writeSync } from 'node:fs';
import { BatonError } from '../core/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { Database } from './sqlite/driver.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export interface TableSalvage {
  table: string;
  /** Rows copied into the new store. */
  saved: number;
  /** Rows the damaged file held that could not be read; null when its count is unreadable too. */
  lost: number | null;
  /** Whether reading met damage (rows may be lost even when the count cannot say how many). */
  damaged: boolean;
}

export interface SalvageReport {
  /** The damaged store, untouched. */
  source: string;
  /** The copy of it that was read (kept: a later tool may get more out of it). */
  copy: string;
  /** The new store. */
  output: string;
  schemaVersion: number;
  tables: TableSalvage[];
  /** The new store's integrity check: empty when sound. */
  problems: string[];
}

/**
 * Tables that are rebuilt, not copied: the full-text indexes (from events and records), and the
 * events per kind (the triggers count the events as they are copied).
 */
const REBUILT = /^(events_fts|records_fts)(_|$)|^sqlite_|^event_counts$/;
/** Rows read per statement before it is stepped again from the last rowid read. */
const BATCH = 512;

type Row = Record<string, unknown>;

/**
 * Copies what `storeFile` holds into a new store at `output` (which must not exist); the damaged
 * file is copied aside first (to `<storeFile>.damaged-<time>`) and never written.
 */
export function salvageStore(storeFile: string, output: string, now: number): SalvageReport {
  if (!existsSync(storeFile)) throw new BatonError('NOT_FOUND', `no store at ${storeFile}`);
  if (existsSync(output)) {
    throw new BatonError('USAGE', `${output} already exists; name a new file for the salvage`);
  }
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const copy = `${storeFile}.damaged-${stamp}`;
  copyFileSync(storeFile, copy);
  chmodSync(copy, 0o600);
  if (existsSync(`${storeFile}-wal`)) copyFileSync(`${storeFile}-wal`, `${copy}-wal`);
  fitToFile(copy);

  let damaged: Database | undefined;
  let schemaVersion: number;
  let sourceTables: Map<string, string>;
  try {
    damaged = new Database(copy, { fileMustExist: true });
    schemaVersion = damaged.pragma('user_version', { simple: true }) as number;
    sourceTables = new Map(
      (
        damaged.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
          name: string;
          sql: string;
        }[]
      ).map((t) => [t.name, t.sql]),
    );
  } catch (error) {
    damaged?.close();
    throw new BatonError(
      'STORE_CORRUPT',
      `nothing in ${storeFile} can be read: its first page or its table list is damaged (${(error as Error).message})`,
      // No cause: the CLI would swap this hint for one naming salvage, which is what just failed.
      { hint: 'restore a backup: baton restore-backup (lists them)' },
    );
  }
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (schemaVersion < 1 || schemaVersion > latest || !sourceTables.has('events')) {
    damaged.close();
    throw new BatonError(
      'STORE_CORRUPT',
      `${storeFile} does not read as a Baton store this version knows (schema version ${schemaVersion})`,
      { hint: 'restore a backup: baton restore-backup (lists them)' },
    );
  }

  const tables: TableSalvage[] = [];
  try {
    // The new store, at the damaged file's schema, so every column has a place.
    SqliteStore.open({ path: output, migrateTo: schemaVersion }).close();
    const target = new Database(output);
    try {
      target.pragma('foreign_keys = OFF');
      const names = (
        target.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as {
          name: string;
        }[]
      )
        .map((t) => t.name)
        .filter((n) => !REBUILT.test(n));
      for (const table of names) {
        const sql = sourceTables.get(table);
        if (sql === undefined) continue;
        tables.push(copyTable(damaged, target, table, /without\s+rowid/i.test(sql)));
      }
    } finally {
      target.close();
    }
  } catch (error) {
    rmSync(output, { force: true });
    rmSync(`${output}-wal`, { force: true });
    rmSync(`${output}-shm`, { force: true });
    throw error;
  } finally {
    damaged.close();
  }

  // Migrated to this version's schema, its search indexes built again, and checked.
  const store = SqliteStore.open({ path: output });
  let problems: string[];
  try {
    store.maintenance.rebuildSearchIndex();
    problems = store.maintenance.integrityCheck(false);
  } finally {
    store.close();
  }
  chmodSync(output, 0o600);
  return { source: storeFile, copy, output, schemaVersion, tables, problems };
}

/**
 * A file cut short still claims its old size in its header, and SQLite then refuses even its
 * first page: the copy is cut to whole pages and its header made to say so (the copy only).
 */
function fitToFile(copy: string): void {
  const header = Buffer.alloc(100);
  const fd = openSync(copy, 'r+');
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return;
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return;
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65_536 : raw;
    if (pageSize < 512) return;
    const pages = Math.floor(fstatSync(fd).size / pageSize);
    if (pages === 0 || pages >= header.readUInt32BE(28)) return;
    ftruncateSync(fd, pages * pageSize);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(pages);
    writeSync(fd, count, 0, 4, 28);
  } finally {
    closeSync(fd);
  }
}

function columnsOf(db: Database, table: string): { name: string; pk: number }[] {
  return db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as {
    name: string;
    pk: number;
  }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function copyTable(
  from: Database,
  to: Database,
  table: string,
  withoutRowid: boolean,
): TableSalvage {
  const targetColumns = new Set(columnsOf(to, table).map((c) => c.name));
  const sourceColumns = columnsOf(from, table);
  const cols = sourceColumns.filter((c) => targetColumns.has(c.name));
  const list = cols.map((c) => quote(c.name)).join(', ');
  const insert = to.prepare(
    `INSERT OR REPLACE INTO ${quote(table)} (${list}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  let saved = 0;
  const write = to.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(cols.map((c) => row[c.name]));
    saved += rows.length;
  });
  const result = withoutRowid
    ? readFromBothEnds(from, table, list, sourceColumns)
    : readByRowid(from, table, list, write);
  if (withoutRowid) write(result.rows);
  let count: number | null = null;
  try {
    // count(*) may walk an index rather than the table: often it still knows what was there.
    count = (from.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
  } catch {
    count = null;
  }
  const lost = count === null ? null : Math.max(0, count - saved);
  return { table, saved, lost, damaged: result.damaged || (lost ?? 0) > 0 };
}

/**
 * Reads a rowid table in rowid order. A read that meets a bad page keeps the rows it got, and the
 * reader looks for the next readable rowid past the last one read, in steps that double, then
 * reads on from there.
 */
function readByRowid(
  db: Database,
  table: string,
  list: string,
  write: (rows: Row[]) => void,
): { rows: Row[]; damaged: boolean } {
  const page = db.prepare(
    `SELECT rowid AS "__rowid", ${list} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`,
  );
  const probe = db.prepare(
    `SELECT rowid AS r FROM ${quote(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`,
  );
  let after = Number.MIN_SAFE_INTEGER;
  // Where the last jump resumed: a read from there that gets nothing means that row itself is
  // unreadable, and the next jump must land past it (so every jump moves on).
  let resumedAt: number | null = null;
  let damaged = false;
  for (;;) {
    const rows: Row[] = [];
    let failed = false;
    try {
      for (const row of page.iterate(after) as IterableIterator<Row>) rows.push(row);
    } catch {
      failed = true;
    }
    if (rows.length > 0) {
      write(rows);
      after = rows[rows.length - 1]!.__rowid as number;
    }
    if (!failed) {
      if (rows.length < BATCH) return { rows: [], damaged };
      continue;
    }
    damaged = true;
    const from = rows.length === 0 && resumedAt !== null ? resumedAt + 1 : after + 1;
    const next = nextReadable(probe, Math.max(from, after + 1));
    if (next === null) return { rows: [], damaged };
    resumedAt = next;
    after = next - 1;
  }
}

/** The first rowid at or past `from` (then past `from` + 1, 2, 4, …) that the table's tree finds. */
function nextReadable(probe: ReturnType<Database['prepare']>, from: number): number | null {
  const start = from === Number.MIN_SAFE_INTEGER + 1 ? 0 : from;
  for (let step = 0; step < 2 ** 52; step = step === 0 ? 1 : step * 2) {
    try {
      const r = probe.get(start + step) as { r: number } | undefined;
      return r === undefined ? null : r.r;
    } catch {
      // Still inside the damage: a longer step.
    }
  }
  return null;
}

/** A table without rowids: read forwards until damage, then backwards from the end. */
function readFromBothEnds(
  db: Database,
  table: string,
  list: string,
  columns: { name: string; pk: number }[],
): { rows: Row[]; damaged: boolean } {
  const key = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => quote(c.name));
  const seen = new Map<string, Row>();
  const keyOf = (row: Row) => JSON.stringify(key.map((k) => row[k.slice(1, -1)]));
  let damaged = false;
  for (const order of ['ASC', 'DESC']) {
    if (order === 'DESC' && !damaged) break;
    const by = key.map((k) => `${k} ${order}`).join(', ');
    try {
      for (const row of db
        .prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY ${by}`)
        .iterate() as IterableIterator<Row>) {
        seen.set(keyOf(row), row);
      }
    } catch {
      damaged = true;
    }
  }
  return { rows: [...seen.values()], damaged };
}
