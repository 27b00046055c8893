// Upkeep of the store file: integrity checks, online backups, forgetting and compaction. The
// backup copies every page in one step of SQLite's backup API, so it is one read transaction:
// consistent, and (in WAL mode) never blocking the hooks that keep writing meanwhile.
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { Database } from './driver.js';
import { BatonError, classifyError } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type {
  BackupReport,
  CompactReport,
  ForgetOptions,
  ForgetReport,
  ForgetSelector,
  Maintenance,
} from '../store.js';
import type { SqliteContext } from './context.js';
import type { IntegrityAnswer, IntegrityStart } from './integrity-protocol.js';
import { forget } from './sqlite-forget.js';
import { rebuildSearchIndex, searchIndexProblems } from './search-index-repair.js';
import type { WalCut } from './wal-cut.js';

const ALL_PAGES = 0x7fffffff;

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

const requireHere = createRequire(import.meta.url);

/** How long the integrity worker's connection waits on a lock (another process's) before failing. */
const WORKER_BUSY_MS = 30_000;

/** The worker next to this file: its source under tsx and vitest, its bundle in dist/. */
function defaultIntegrityWorker(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./integrity-worker${ext}`, import.meta.url);
}

/**
 * A worker from its bundle (dist/integrity-worker.js), or from its TypeScript source under tsx and
 * vitest: Node 20 does not pass its parent's loader to a worker, so the source one registers tsx.
 */
function startIntegrityWorker(url: URL, start: IntegrityStart): Worker {
  // Required here: the hooks open the store too, and never run this check.
  const { Worker } = requireHere('node:worker_threads') as typeof WorkerThreads;
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: start });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: start });
}

export class SqliteMaintenance implements Maintenance {
  /** Integrity checks under way on a worker, by kind (quick or full): callers meanwhile share one. */
  private readonly checking = new Map<boolean, Promise<string[]>>();
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly ctx: SqliteContext,
    private readonly path: string,
    private readonly audit: (
      action: string,
      target: string | null,
      detail: JsonObject,
      actor?: string,
    ) => void,
    private readonly workerUrl: URL = defaultIntegrityWorker(),
  ) {}

  deferCheckpoints(): (() => void) | null {
    const { db } = this.ctx;
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    return () => db.pragma(`wal_autocheckpoint = ${before}`);
  }

  releaseMemory(): void {
    this.ctx.db.pragma('shrink_memory');
  }

  integrityCheck(quick = false): string[] {
    const rows = this.ctx.db.pragma(quick ? 'quick_check' : 'integrity_check') as Record<
      string,
      string
    >[];
    const lines = rows.map((r) => Object.values(r)[0] ?? '');
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  }

  integrityCheckApart(quick = false): Promise<string[]> {
    // An in-memory store has no file another connection could open: checked here, it is tiny.
    if (this.path === ':memory:') return Promise.resolve().then(() => this.integrityCheck(quick));
    let running = this.checking.get(quick);
    if (!running) {
      running = this.checkOnWorker(quick).finally(() => this.checking.delete(quick));
      this.checking.set(quick, running);
    }
    return running;
  }

  private checkOnWorker(quick: boolean): Promise<string[]> {
    const start = { path: this.path, quick, busyMs: WORKER_BUSY_MS };
    const worker = startIntegrityWorker(this.workerUrl, start);
    return new Promise((resolve, reject) => {
      this.workers.add(worker);
      let answer: IntegrityAnswer | null = null;
      worker.on('message', (m: IntegrityAnswer) => (answer = m));
      worker.on('error', (error) => {
        answer = { type: 'failed', message: error.message };
      });
      worker.on('exit', (code) => {
        this.workers.delete(worker);
        if (answer?.type === 'done') {
          const lines = answer.lines;
          return resolve(lines.length === 1 && lines[0] === 'ok' ? [] : lines);
        }
        const failure = new Error(
          answer?.message ?? `the integrity check's worker stopped early (exit code ${code})`,
        );
        // SQLite's code travels with it, as the same check on this thread would throw it.
        if (answer?.type === 'failed' && answer.code) Object.assign(failure, { code: answer.code });
        reject(failure);
      });
    });
  }

  /** Ends the integrity checks still running on a worker (the store is closing). */
  stopWorkers(): void {
    for (const worker of this.workers) void worker.terminate();
  }

  async backup(path: string): Promise<BackupReport> {
    if (this.path === ':memory:')
      throw new BatonError('USAGE', 'an in-memory store has no file to back up');
    if (existsSync(path)) {
      throw new BatonError('IO', `${path} already exists`, { hint: 'name a new file' });
    }
    const folder = dirname(path);
    if (!existsSync(folder)) {
      throw new BatonError('IO', `cannot back up to ${path}: the folder ${folder} does not exist`, {
        hint: `create it first (mkdir -p ${folder}), or name another path`,
      });
    }
    const started = performance.now();
    const partial = `${path}.partial`;
    rmSync(partial, { force: true });
    try {
      await this.ctx.db.backup(partial, { progress: () => ALL_PAGES });
      makeSelfContained(partial);
      chmodSync(partial, 0o600);
      renameSync(partial, path);
    } catch (error) {
      // Whatever failed (a full disk, a folder we may not write), only the copy is affected.
      rmSync(partial, { force: true });
      const e = classifyError(error);
      const why = e.code === 'IO' && /full/.test(e.message) ? 'the disk is full' : e.message;
      throw new BatonError(e.code, `the backup to ${path} failed: ${why}`, {
        hint: `the store is untouched and no partial copy was left${e.hint ? `; ${e.hint}` : ''}`,
        cause: error,
      });
    }
    return { path, bytes: sizeOf(path), ms: performance.now() - started };
  }

  forget(selector: ForgetSelector, options: ForgetOptions = {}): ForgetReport {
    return forget(this.ctx, selector, options, this.audit);
  }

  compact(): CompactReport {
    const { db } = this.ctx;
    const before = this.fileSizes();
    db.exec("INSERT INTO events_fts (events_fts) VALUES ('optimize')");
    db.exec("INSERT INTO records_fts (records_fts) VALUES ('optimize')");
    db.exec('VACUUM');
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    const after = this.fileSizes();
    return {
      bytesBefore: before.main + before.wal,
      bytesAfter: after.main + after.wal,
      walTruncated: (result?.busy ?? 1) === 0 && after.wal === 0,
    };
  }

  noteWalCut(cut: WalCut): void {
    const noted = { at: this.ctx.clock.now(), ...cut };
    this.ctx.db
      .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('wal_cut', ?)")
      .run(JSON.stringify(noted));
    this.audit('wal-cut', cut.keptAt, { committed: cut.committed, present: cut.present });
  }

  walCut(): (WalCut & { at: number }) | null {
    const row = this.ctx.db.prepare("SELECT value FROM meta WHERE key = 'wal_cut'").get() as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as WalCut & { at: number }) : null;
  }

  searchIndexProblems(): string[] {
    return searchIndexProblems(this.ctx.db);
  }

  rebuildSearchIndex(): { events: number } {
    return rebuildSearchIndex(this.ctx.db);
  }

  fileSizes(): { main: number; wal: number } {
    if (this.path === ':memory:') return { main: 0, wal: 0 };
    return { main: sizeOf(this.path), wal: sizeOf(`${this.path}-wal`) };
  }
}

/** A backup is one file a user can copy anywhere: no WAL to travel with it. */
function makeSelfContained(path: string): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    const [check] = db.pragma('quick_check') as { quick_check: string }[];
    if (check?.quick_check !== 'ok') {
      throw new BatonError(
        'STORE_CORRUPT',
        `the backup failed its check: ${check?.quick_check ?? '?'}`,
      );
    }
  } finally {
    db.close();
  }
}
