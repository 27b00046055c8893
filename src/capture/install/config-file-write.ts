// Writes one planned edit of an agent's config file the way every installer must: nothing on a
// dry run, a backup into Baton's home (never the agent's folder) before changing a file, a marker
// for a file Baton created so uninstall can delete it again when it says nothing else, and a
// ConfigChange that reports exactly what happened.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ConfigChange } from '../adapter.js';

export function readConfigText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const createdMarker = (backupDir: string, file: string) =>
  join(backupDir, `created-${createHash('sha1').update(file).digest('hex').slice(0, 16)}`);

function backup(file: string, backupDir: string, stamp: number): string {
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const target = join(backupDir, `${basename(file)}-${stamp}`);
  copyFileSync(file, target);
  return target;
}

export interface PlannedEdit {
  file: string;
  before: string | null;
  after: string;
  details: string[];
}

export interface WriteOptions {
  dryRun: boolean;
  backupDir: string;
  now: number;
}

/** Installs: creates or updates the file when the plan changes it. */
export function writeInstall(edit: PlannedEdit, o: WriteOptions): ConfigChange {
  const changed = edit.after !== (edit.before ?? '');
  const action = !changed ? 'unchanged' : edit.before === null ? 'create' : 'update';
  const change: ConfigChange = { file: edit.file, action, details: edit.details, backup: null };
  if (o.dryRun || !changed) return change;
  if (edit.before !== null) change.backup = backup(edit.file, o.backupDir, o.now);
  else {
    mkdirSync(o.backupDir, { recursive: true, mode: 0o700 });
    writeFileSync(createdMarker(o.backupDir, edit.file), edit.file);
  }
  mkdirSync(dirname(edit.file), { recursive: true });
  writeFileSync(edit.file, edit.after);
  return change;
}

/**
 * Uninstalls: writes the file without Baton's entries, or deletes it when Baton created it and
 * `isEmpty` says nothing is left in it.
 */
export function writeUninstall(
  edit: PlannedEdit,
  o: WriteOptions,
  isEmpty: (text: string) => boolean,
): ConfigChange {
  const change: ConfigChange = {
    file: edit.file,
    action: 'unchanged',
    details: edit.details,
    backup: null,
  };
  if (edit.before === null || edit.after === edit.before) return change;
  const marker = createdMarker(o.backupDir, edit.file);
  const remove = existsSync(marker) && isEmpty(edit.after);
  change.action = remove ? 'delete' : 'update';
  if (o.dryRun) return change;
  change.backup = backup(edit.file, o.backupDir, o.now);
  if (remove) {
    rmSync(edit.file);
    rmSync(marker, { force: true });
  } else writeFileSync(edit.file, edit.after);
  return change;
}

/** A JSON settings text that holds an empty object and nothing else. */
export function isEmptyJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
  } catch {
    return false;
  }
}
