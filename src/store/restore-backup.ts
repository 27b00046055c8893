// Putting a backup back in place of the store. Nothing here opens the current store, so it works
// when that store is damaged beyond opening. The backup is checked first (a SQLite file, sound,
// with Baton's tables, a schema this version reads); the current file and its WAL are moved
// aside rather than deleted, so a restore can itself be undone by hand.
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { Database } from './sqlite/driver.js';
import { BatonError, UPDATE_BATON } from '../core/index.js';
import { MIGRATIONS } from './migrations/index.js';

export interface BackupFacts {
  schemaVersion: number;
  events: number;
  sessions: number;
}

/** Checks that `path` is a sound Baton store this version can read; says what it holds. */
export function verifyBackup(path: string): BackupFacts {
  if (!existsSync(path)) throw new BatonError('NOT_FOUND', `no file ${path}`);
  let db: Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const [check] = db.pragma('quick_check') as { quick_check: string }[];
    if (check?.quick_check !== 'ok') throw new Error(check?.quick_check ?? 'check failed');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    const count = (table: string) =>
      (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (schemaVersion < 1 || count('meta') === 0) throw new Error('it has no Baton tables');
    if (schemaVersion > latest) {
      throw new BatonError(
        'INVALID_INPUT',
        `${path} has schema version ${schemaVersion}, newer than this Baton reads`,
        {
          hint: `${UPDATE_BATON}, then restore`,
        },
      );
    }
    return { schemaVersion, events: count('events'), sessions: count('sessions') };
  } catch (error) {
    if (error instanceof BatonError) throw error;
    throw new BatonError(
      'INVALID_INPUT',
      `${path} is not a usable Baton backup: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    db?.close();
  }
}

export interface RestoreReport extends BackupFacts {
  /** Where the replaced store now lives, if there was one. */
  previous: string | null;
}

/** Replaces the store at `storeFile` with the backup at `from`; the old file is kept aside. */
export function restoreBackup(from: string, storeFile: string, now: number): RestoreReport {
  const facts = verifyBackup(from);
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const previous = existsSync(storeFile) ? `${storeFile}.before-restore-${stamp}` : null;
  const incoming = `${storeFile}.restoring`;
  copyFileSync(from, incoming);
  chmodSync(incoming, 0o600);
  if (previous !== null) {
    renameSync(storeFile, previous);
    // The WAL holds committed pages of the file it belongs to: it travels with it.
    if (existsSync(`${storeFile}-wal`)) renameSync(`${storeFile}-wal`, `${previous}-wal`);
  }
  rmSync(`${storeFile}-wal`, { force: true });
  rmSync(`${storeFile}-shm`, { force: true });
  renameSync(incoming, storeFile);
  return { ...facts, previous };
}
