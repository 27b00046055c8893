// A backup of the store, safe while agents keep recording: to the path asked for, or to a dated
// file in the home's backups folder, where backup.keep then limits how many are kept. Audited.
import { defaultBackupPath, rotateBackups } from '../store/index.js';
import type { BackupReport } from '../store/index.js';
import { settingValue } from './settings.js';
import type { OpsWorld } from './world.js';

export interface BackupResult {
  report: BackupReport;
  /** Older dated backups deleted under backup.keep (only when no path was given). */
  rotated: string[];
  /** The backup.keep setting as it stands. */
  keep: unknown;
}

export async function backupStore(
  world: OpsWorld,
  input: { home: string; path?: string | undefined },
): Promise<BackupResult> {
  const { store } = world;
  const target = input.path ?? defaultBackupPath(input.home, world.clock.now());
  const report = await store.maintenance.backup(target);
  const keep = settingValue(store, 'backup.keep');
  const rotated =
    input.path === undefined && typeof keep === 'number' ? rotateBackups(input.home, keep) : [];
  try {
    store.audit('backup', report.path, { bytes: report.bytes });
  } catch {
    // The backup is whole and checked; a store too full to note it must not call it failed.
  }
  return { report, rotated, keep };
}
