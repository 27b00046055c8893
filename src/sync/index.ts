// sync: one memory across machines through a vault on an existing PostgreSQL, sealed on the
// client. The SyncTarget role is the seam (postgres/ implements it); record-merge.ts and
// pull-plan.ts decide merges purely; sync-engine.ts moves batches and positions; vault-crypto.ts
// and vault-key.ts hold the key and seal records. See docs/sync.md for the threat model.
export type { PulledRecord, SealedRecord, SyncTarget, VaultInfo, VaultKdf } from './sync-target.js';
export { canonicalJson, covers, mergeRecord } from './record-merge.js';
export type { FieldConflict, MergeResult } from './record-merge.js';
export { planPull } from './pull-plan.js';
export type { PullPlan, PulledItem } from './pull-plan.js';
export { SyncEngine } from './sync-engine.js';
export type {
  PullReport,
  PushReport,
  SyncEngineOptions,
  SyncProgress,
  SyncStatus,
} from './sync-engine.js';
export { DEFAULT_KDF, deriveKey, keyCheck, open, seal, verifyKey } from './vault-crypto.js';
export type { KdfParams, RecordAddress } from './vault-crypto.js';
export {
  exportKey,
  generateKey,
  keyFilePath,
  parseExportedKey,
  readKeyFile,
  writeKeyFile,
} from './vault-key.js';
export {
  CONFLICT_MARK,
  fileStates,
  remoteFiles,
  setTrackedPaths,
  trackedPaths,
} from './files/file-sync.js';
export type { FileVersion, RemoteFiles } from './files/file-sync.js';
export { isTracked, portablePath, trackedFiles } from './files/file-paths.js';
export {
  BATON_SERVER,
  listMcp,
  mcpConflicts,
  removeMcp,
  resolveMcp,
  trackMcp,
} from './mcp/mcp-sync.js';
export type { McpConfigs, McpConflict, McpListing, McpReport } from './mcp/mcp-sync.js';
export { localEntry, pathMap, portableEntry } from './mcp/mcp-paths.js';
export type { PathMap } from './mcp/mcp-paths.js';
export { startAutoSync } from './auto-sync.js';
export type { AutoSync, AutoSyncRound, AutoSyncWorld } from './auto-sync.js';
export { SYNC_SETTING, readSyncConfig, remoteName, syncKeyPath } from './sync-config.js';
export type { SyncConfig } from './sync-config.js';
export { PostgresSyncTarget, pgError, redactUrl } from './postgres/postgres-sync-target.js';
export { VAULT_NAME_RE, memberRole } from './postgres/vault-schema.js';
