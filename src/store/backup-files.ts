// The default backup folder: where `baton backup` writes without a path, what it rotates, and
// what a damaged store's message (and `baton doctor`) points the user to.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BatonError } from '../core/index.js';
import { backupDir } from './paths.js';

const NAME = /^baton-\d{8}-\d{6}(-\d+)?\.db$/;

export interface BackupFile {
  path: string;
  bytes: number;
  modifiedAt: number;
}

export function defaultBackupPath(home: string, now: number): string {
  const dir = backupDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dir, `baton-${stamp}.db`);
}

/** The backups in the default folder, newest first. */
export function listBackups(home: string): BackupFile[] {
  const dir = backupDir(home);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => NAME.test(n));
  } catch {
    return [];
  }
  return names
    .map((n) => {
      const st = statSync(join(dir, n));
      return { path: join(dir, n), bytes: st.size, modifiedAt: st.mtimeMs };
    })
    .sort((a, b) => b.modifiedAt - a.modifiedAt || b.path.localeCompare(a.path));
}

/** Deletes all but the newest `keep` backups of the default folder; returns what it deleted. */
export function rotateBackups(home: string, keep: number): string[] {
  const old = listBackups(home).slice(keep);
  for (const b of old) rmSync(b.path, { force: true });
  return old.map((b) => b.path);
}

/** A damaged store's error, with the one command that brings the newest backup back. */
/** The remedy that keeps what a damaged file still holds (salvage.ts). */
export const SALVAGE = 'baton doctor --salvage';

export function withRestoreHint(error: BatonError, home: string): BatonError {
  // A store Baton may not open is not damaged: its own hint (whose file, which mode) stands.
  if (error.code !== 'STORE_CORRUPT') return error;
  // A damaged search index is rebuilt in place (its hint says how), not restored.
  if ((error.cause as { code?: string } | undefined)?.code === 'SQLITE_CORRUPT_VTAB') return error;
  const [newest] = listBackups(home);
  const hint = newest
    ? `restore the newest backup: baton restore-backup ${newest.path}; or copy what the file still holds into a new store: ${SALVAGE}`
    : `no backups in ${backupDir(home)}; copy what the damaged file still holds into a new store: ${SALVAGE} (or restore a backup you have: baton restore-backup PATH)`;
  return new BatonError(error.code, error.message, { hint, cause: error.cause ?? error });
}
