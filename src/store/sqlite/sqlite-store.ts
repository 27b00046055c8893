import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database, nativeBinding } from './driver.js';
import type { Statement } from './driver.js';
import {
  BatonError,
  HybridLogicalClock,
  classifyError,
  createIdSource,
  createRedactor,
  newMachineId,
  systemClock,
} from '../../core/index.js';
import type { Clock, IdSource, JsonObject, JsonValue } from '../../core/index.js';
import { MIGRATIONS, migrate, schemaVersion } from '../migrations/index.js';
import type { Migration } from '../migrations/index.js';
import type { CaptureLogEntry, ImportCursor, ImportSource, Store, StoreInfo } from '../store.js';
import { parseJson, write } from './context.js';
import type { SqliteContext } from './context.js';
import { SqliteActivity } from './sqlite-activity.js';
import { SqliteCheckpoints } from './sqlite-checkpoints.js';
import { SqliteComponents } from './sqlite-components.js';
import { SqliteDecisions } from './sqlite-decisions.js';
import { SqliteEvents } from './sqlite-events.js';
import { SqliteFacts } from './sqlite-facts.js';
import { SqliteMaintenance } from './sqlite-maintenance.js';
import { findWalCut } from './wal-cut.js';
import { SqliteProjects } from './sqlite-projects.js';
import { SqliteSessions } from './sqlite-sessions.js';
import { SqliteStats } from './sqlite-stats.js';
import { SqliteEmbeddings } from './sqlite-embeddings.js';
import { SqliteSync } from './sqlite-sync.js';
import { SqliteTodos } from './sqlite-todos.js';
import { announceUrgent, yieldToUrgent } from './writer-turns.js';
import { sqlTextFunction } from '../text-codec.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a throw-away store. */
  path: string;
  clock?: Clock;
  ids?: IdSource;
  /** How long a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
  /** SQLite's page cache, in MiB (default 128): a long-running process keeps its memory small. */
  cacheMiB?: number;
  /**
   * Read the file through a memory map of up to this many MiB (default 0: off). For a short-lived
   * command that reads a large store once (`baton search`): pages come straight from the OS's
   * cache instead of being copied into SQLite's, which is most of a cold search's time. Not for a
   * long-running process, whose resident memory would count every page it ever touched.
   */
  mmapMiB?: number;
  readonly?: boolean;
  /**
   * With `readonly`: every read sees the store as it was when opened — one read transaction is
   * held until `close` — so reads that must agree (a session looked up, then the brief that
   * leaves it out) never straddle another process's commit.
   */
  snapshot?: boolean;
  /** For tests of upgrades: stop migrating at this schema version. */
  migrateTo?: number;
  migrations?: readonly Migration[];
  /**
   * An urgent writer (a hook an agent waits on): while it is open, other processes' writers
   * wait before their next transaction, so its few writes never queue behind an import.
   */
  urgent?: boolean;
  /** The integrity check's worker script (maintenance.integrityCheckApart): replaced by tests. */
  integrityWorker?: URL;
}

/** Creates the file with owner-only permissions; SQLite gives its -wal and -shm files the same. */
function prepareFile(path: string): void {
  if (path === ':memory:') return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

function metaValue(db: Database, key: string, make: () => string): string {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (row) return row.value;
  const value = make();
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }).value;
}

const isList = (p: readonly unknown[] | Record<string, unknown>): p is readonly unknown[] =>
  Array.isArray(p);

const PAGE_SIZE = 16384;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Something to wait on between tries of a busy open (nothing ever wakes it). */
const OPEN_PAUSE = new Int32Array(new SharedArrayBuffer(4));
/** Settings keys that Store.once stored. */
const ONCE_PREFIX = 'once:';

export class SqliteStore implements Store {
  readonly info: StoreInfo;
  readonly projects: SqliteProjects;
  readonly sessions: SqliteSessions;
  readonly events: SqliteEvents;
  readonly todos: SqliteTodos;
  readonly decisions: SqliteDecisions;
  readonly facts: SqliteFacts;
  readonly components: SqliteComponents;
  readonly checkpoints: SqliteCheckpoints;
  readonly maintenance: SqliteMaintenance;
  readonly activity: SqliteActivity;
  readonly stats: SqliteStats;
  readonly embeddings: SqliteEmbeddings;
  readonly sync: SqliteSync;
  private readonly ctx: SqliteContext;
  private release: () => void = () => {};
  /** Inside onceBatch: `once` takes savepoints of its transaction. */
  private batching = false;

  /**
   * Opens (creating and migrating when needed) the store at `options.path`. SQLite's busy handler
   * waits out most locks, but not all: two processes opening a brand-new file at once can meet
   * in a lock upgrade SQLite refuses at once (SQLITE_BUSY without waiting, to avoid a deadlock).
   * Every step of opening can be repeated, so a busy open is tried again until the busy timeout
   * has passed, and only then reported as a locked store.
   */
  static open(options: SqliteStoreOptions): SqliteStore {
    const deadline = Date.now() + (options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    for (;;) {
      try {
        return SqliteStore.openOnce(options);
      } catch (error) {
        if (!(error instanceof BatonError && error.code === 'STORE_LOCKED')) throw error;
        if (Date.now() >= deadline) throw error;
        Atomics.wait(OPEN_PAUSE, 0, 0, 5 + Math.floor(Math.random() * 20));
      }
    }
  }

  private static openOnce(options: SqliteStoreOptions): SqliteStore {
    if (options.snapshot && !options.readonly)
      throw new BatonError('INTERNAL', 'a snapshot is read-only');
    let db: Database | undefined;
    let release = () => {};
    try {
      if (!options.readonly) prepareFile(options.path);
      else if (!existsSync(options.path)) {
        throw new BatonError('NOT_FOUND', `no store at ${options.path}`, {
          hint: 'run any baton command that records something (or `baton quickstart`) to create it',
        });
      }
      if (options.urgent && options.path !== ':memory:') {
        release = announceUrgent(options.path, process.pid);
      }
      // Before SQLite reads the log and rebuilds its index, which would hide a cut.
      const cut =
        options.readonly || options.path === ':memory:'
          ? null
          : findWalCut(options.path, (options.clock ?? systemClock).now());
      db = new Database(options.path, {
        ...(nativeBinding !== undefined && { nativeBinding }),
        readonly: options.readonly ?? false,
        timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      });
      if (!options.readonly) {
        // A new file gets 16 KiB pages: long event texts fit a page instead of an overflow chain,
        // and the bulk of a store's work (appends, the full-text index) touches fewer pages. An
        // existing store keeps the page size it was made with.
        if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
      }
      db.pragma(`cache_size = -${(options.cacheMiB ?? 128) * 1024}`);
      db.pragma('temp_store = MEMORY');
      if (options.mmapMiB) db.pragma(`mmap_size = ${Math.floor(options.mmapMiB) * 1024 * 1024}`);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      if (!options.readonly) migrate(db, options.migrations ?? MIGRATIONS, options.migrateTo);
      const store = new SqliteStore(db, options);
      store.release = release;
      if (options.snapshot) {
        db.exec('BEGIN');
        db.prepare('SELECT count(*) FROM meta').get();
      }
      if (cut) store.maintenance.noteWalCut(cut);
      return store;
    } catch (error) {
      release();
      db?.close();
      throw classifyError(error);
    }
  }

  private constructor(db: Database, options: SqliteStoreOptions) {
    const clock = options.clock ?? systemClock;
    // Read first: only a brand-new store needs the write lock to create its identity.
    const identity = () => ({
      machineId: metaValue(db, 'machine_id', () => newMachineId(randomBytes)),
      redactionKey: metaValue(db, 'redaction_key', () => randomBytes(32).toString('hex')),
    });
    const known = db
      .prepare("SELECT count(*) AS n FROM meta WHERE key IN ('machine_id', 'redaction_key')")
      .get() as { n: number };
    const { machineId, redactionKey } =
      known.n === 2 || options.readonly ? identity() : db.transaction(identity).immediate();
    // The text of a stored event column, packed or not, for queries (../text-codec.ts).
    db.function('baton_text', { deterministic: true }, sqlTextFunction());
    const statements = new Map<string, Statement>();
    this.ctx = {
      db,
      stmt: (sql) => {
        let st = statements.get(sql);
        if (!st) {
          st = db.prepare(sql);
          statements.set(sql, st);
        }
        return st;
      },
      machineId,
      hlc: new HybridLogicalClock(machineId, clock),
      ids: options.ids ?? createIdSource(() => clock.now()),
      clock,
      redactor: createRedactor(redactionKey),
      ...(!options.urgent &&
        !options.readonly &&
        options.path !== ':memory:' && { beforeWrite: () => yieldToUrgent(options.path) }),
    };
    this.info = { path: options.path, machineId, schemaVersion: schemaVersion(db) };
    this.projects = new SqliteProjects(this.ctx);
    this.sessions = new SqliteSessions(this.ctx);
    this.events = new SqliteEvents(this.ctx);
    this.todos = new SqliteTodos(this.ctx);
    this.decisions = new SqliteDecisions(this.ctx);
    this.facts = new SqliteFacts(this.ctx);
    this.components = new SqliteComponents(this.ctx);
    this.checkpoints = new SqliteCheckpoints(this.ctx);
    this.sync = new SqliteSync(this.ctx);
    this.maintenance = new SqliteMaintenance(
      this.ctx,
      options.path,
      (...args) => this.audit(...args),
      options.integrityWorker,
    );
    this.activity = new SqliteActivity(this.ctx);
    this.stats = new SqliteStats(this.ctx);
    this.embeddings = new SqliteEmbeddings(this.ctx);
  }

  /** The connection itself, for maintenance code in this module (backup, integrity, vacuum). */
  get database(): Database {
    return this.ctx.db;
  }

  transaction<T>(fn: () => T): T {
    return write(this.ctx, fn);
  }

  async once(key: string, fn: () => Promise<void>): Promise<boolean> {
    const { db } = this.ctx;
    if (db.inTransaction) {
      if (!this.batching) throw new BatonError('INTERNAL', 'Store.once cannot nest');
      return this.onceIn(
        key,
        fn,
        'SAVEPOINT once',
        'RELEASE once',
        'ROLLBACK TO once; RELEASE once',
      );
    }
    this.ctx.beforeWrite?.();
    return this.onceIn(key, fn, 'BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK');
  }

  private async onceIn(
    key: string,
    fn: () => Promise<void>,
    begin: string,
    commit: string,
    rollback: string,
  ): Promise<boolean> {
    const { db } = this.ctx;
    db.exec(begin);
    try {
      const k = `${ONCE_PREFIX}${key}`;
      if (this.ctx.stmt('SELECT 1 FROM settings WHERE key = ?').get(k)) {
        db.exec(commit);
        return false;
      }
      await fn();
      this.ctx
        .stmt('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run(k, 'null', this.ctx.clock.now());
      db.exec(commit);
      return true;
    } catch (error) {
      if (db.inTransaction) db.exec(rollback);
      throw error;
    }
  }

  async onceBatch<T>(fn: () => Promise<T>): Promise<T> {
    const { db } = this.ctx;
    if (db.inTransaction) throw new BatonError('INTERNAL', 'Store.onceBatch cannot nest');
    this.ctx.beforeWrite?.();
    db.exec('BEGIN IMMEDIATE');
    this.batching = true;
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      this.batching = false;
    }
  }

  forgetOnceKeys(before: number): void {
    write(this.ctx, () =>
      this.ctx
        .stmt('DELETE FROM settings WHERE key >= ? AND key < ? AND updated_at < ?')
        .run(ONCE_PREFIX, `${ONCE_PREFIX}\uffff`, before),
    );
  }

  query<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] | Record<string, unknown> = [],
  ): T[] {
    const stmt = this.ctx.db.prepare(sql);
    if (!stmt.reader) throw new BatonError('INTERNAL', 'Store.query is for reading only');
    return (isList(params) ? stmt.all(...params) : stmt.all(params)) as T[];
  }

  queryEach<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
    visit: (row: T) => void,
  ): void {
    const stmt = this.ctx.db.prepare(sql);
    if (!stmt.reader) throw new BatonError('INTERNAL', 'Store.queryEach is for reading only');
    for (const row of stmt.iterate(...params)) visit(row as T);
  }

  getCursor(path: string): ImportCursor | null {
    const row = this.ctx.db.prepare('SELECT * FROM import_cursors WHERE path = ?').get(path) as
      | {
          path: string;
          agent: string;
          offset: number;
          size: number;
          mtime_ms: number;
          fingerprint: string | null;
          state: string;
        }
      | undefined;
    if (!row) return null;
    return {
      path: row.path,
      agent: row.agent,
      offset: row.offset,
      size: row.size,
      mtimeMs: row.mtime_ms,
      fingerprint: row.fingerprint,
      state: parseJson<JsonObject>(row.state, {}),
    };
  }

  importSources(): ImportSource[] {
    return this.ctx.db
      .prepare(
        `SELECT path, agent, offset, size, updated_at AS updatedAt FROM import_cursors ORDER BY path`,
      )
      .all() as ImportSource[];
  }

  setCursor(c: ImportCursor): void {
    this.ctx
      .stmt(
        `INSERT INTO import_cursors (path, agent, offset, size, mtime_ms, fingerprint, state, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET agent = excluded.agent, offset = excluded.offset,
           size = excluded.size, mtime_ms = excluded.mtime_ms, fingerprint = excluded.fingerprint,
           state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(
        c.path,
        c.agent,
        c.offset,
        c.size,
        c.mtimeMs,
        c.fingerprint,
        JSON.stringify(c.state),
        this.ctx.clock.now(),
      );
  }

  getSetting(key: string): JsonValue | undefined {
    const row = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row ? parseJson<JsonValue>(row.value, null) : undefined;
  }

  setSetting(key: string, value: JsonValue): void {
    this.ctx.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), this.ctx.clock.now());
  }

  settingsWithPrefix(prefix: string): Map<string, JsonValue> {
    const pattern = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    const rows = this.ctx
      .stmt("SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'")
      .all(pattern) as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, parseJson<JsonValue>(r.value, null)]));
  }

  captureLog(source: string): CaptureLogEntry | null {
    const row = this.ctx
      .stmt(
        'SELECT last_seen_at, last_error, last_error_at, error_count FROM capture_log WHERE source = ?',
      )
      .get(source) as
      | {
          last_seen_at: number | null;
          last_error: string | null;
          last_error_at: number | null;
          error_count: number;
        }
      | undefined;
    if (!row) return null;
    return {
      lastSeenAt: row.last_seen_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      errorCount: row.error_count,
    };
  }

  noteCapture(source: string, error?: string): void {
    const now = this.ctx.clock.now();
    if (error === undefined) {
      this.ctx.db
        .prepare(
          `INSERT INTO capture_log (source, last_seen_at) VALUES (?, ?)
           ON CONFLICT (source) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
        )
        .run(source, now);
    } else {
      this.ctx.db
        .prepare(
          `INSERT INTO capture_log (source, last_error, last_error_at, error_count) VALUES (?, ?, ?, 1)
           ON CONFLICT (source) DO UPDATE SET last_error = excluded.last_error,
             last_error_at = excluded.last_error_at, error_count = error_count + 1`,
        )
        .run(source, this.ctx.redactor.text(error).slice(0, 2000), now);
    }
  }

  audit(action: string, target: string | null, detail: JsonObject = {}, actor = 'cli'): void {
    this.ctx.db
      .prepare(
        'INSERT INTO audit_log (ts, machine_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(this.ctx.clock.now(), this.ctx.machineId, actor, action, target, JSON.stringify(detail));
  }

  close(): void {
    this.maintenance.stopWorkers();
    this.release();
    if (this.ctx.db.open) {
      // A snapshot's read transaction ends here (it wrote nothing).
      if (this.ctx.db.readonly && this.ctx.db.inTransaction) this.ctx.db.exec('COMMIT');
      this.ctx.db.close();
    }
  }
}
