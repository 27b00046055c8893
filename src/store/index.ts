// store: the only writer of Baton's data (docs/ARCHITECTURE.md). The Store interface is the seam; SqliteStore
// is its implementation on one SQLite file (WAL, synchronous=FULL, busy timeout, versioned
// migrations), with ':memory:' as the throw-away variant tests use. Redaction and HLC stamping
// happen here, so no caller can forget them.
export type {
  AppendResult,
  BackupReport,
  DayActivity,
  DecisionPatch,
  Embeddings,
  EventExcerpt,
  EventFilter,
  EventInput,
  ForgetReport,
  ForgetSelector,
  ImportCursor,
  ImportSource,
  ProjectActivity,
  SessionInput,
  SessionPatch,
  Store,
  TodoPatch,
} from './store.js';
export type {
  CheckpointEntry,
  EventEntry,
  RecordState,
  SyncConflict,
  SyncEntry,
  SyncKind,
  NewSyncConflict,
  SyncSupport,
  SyncTombstone,
} from './sync-support.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export { MIGRATIONS } from './migrations/index.js';
export {
  cjkBigrams,
  eventFiles,
  ftsBody,
  ftsFiles,
  ftsMeta,
  ftsMetaToken,
  isCjkCode,
} from './fts-text.js';
export { createEventPreparer, packStored } from './prepare-event.js';
export { storedTextSql, unpackTexts } from './text-codec.js';
export type { EventPreparation, PreparableEvent, PreparedEvent } from './prepare-event.js';
export { createPreparers, packRaw } from './prepare-raw.js';
export type { PackedPointer, PackedRaw } from './prepare-raw.js';
export { resolveHome, storePath } from './paths.js';
export { BULK_NICE_STEP, lowerBulkPriority } from './bulk-priority.js';
export { restoreBackup, verifyBackup } from './restore-backup.js';
export { salvageStore } from './salvage.js';
export type { SalvageReport, TableSalvage } from './salvage.js';
export { defaultBackupPath, listBackups, rotateBackups, withRestoreHint } from './backup-files.js';
/** The SQLite driver this process loads (see sqlite/driver.ts), for maintenance code and tests. */
export { Database } from './sqlite/driver.js';
export { WalCheckpointer } from './sqlite/wal-checkpointer.js';

import type { Clock } from '../core/index.js';
import { SqliteStore as Sqlite } from './sqlite/sqlite-store.js';

/** A throw-away store in memory: the in-memory variant of the Store seam, for tests and demos. */
export function openMemoryStore(clock?: Clock): Sqlite {
  return Sqlite.open({ path: ':memory:', ...(clock && { clock }) });
}
