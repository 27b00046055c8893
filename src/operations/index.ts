// operations: every action a person or an agent can take on Baton's memory, once. Each is a
// function of the world it needs (the store, the clock, the environment's session, git — see
// OpsWorld) and plain input, returning plain records; the rules live here — validation, which
// session an action means, the automatic checkpoint a change calls for — so that each face (the
// CLI, the MCP server, later the daemon's HTTP API) only parses, calls and presents.
export { projectActivity } from './activity.js';
export type { ActivityReport } from './activity.js';
export type { AutoTrigger } from './checkpoint-triggers.js';
export {
  compareCheckpoints,
  listCheckpoints,
  pruneCheckpoints,
  restoreCheckpoint,
  showCheckpoint,
  takeCheckpoint,
} from './checkpoints.js';
export { listComponents, setComponent } from './components.js';
export { findDecision, listDecisions, recordDecision, updateDecision } from './decisions.js';
export { recoveryBrief } from './brief.js';
export {
  diagnosticChecks,
  historyCheck,
  hookInstallationCheck,
  keptOnlyByBaton,
  retentionCheck,
  spoolCheck,
} from './diagnostics.js';
export type { KeptHistory } from './diagnostics.js';
export { backupStore } from './backup.js';
export { withHint } from './face-hints.js';
export { logEvent } from './events.js';
export { getFact, listFacts, setFact, unsetFact } from './facts.js';
export { applyForget, forgottenCount, planForget } from './forget.js';
export { nextBriefs } from './next-brief.js';
export type { NextBrief } from './next-brief.js';
export {
  MIRROR_FILE,
  disableMirror,
  enableMirror,
  mirrorEnabled,
  refreshMirrors,
  renderMirror,
} from './mirror.js';
export { pruneByRetention } from './retention.js';
export type { PruneResult } from './retention.js';
export { searchEvents, searchMemory } from './search.js';
export { embeddingsStatus, indexEmbeddings } from './embeddings.js';
export { embeddingsConfig } from './search.js';
export type { SearchWorld } from './search.js';
export type { EmbeddingsStatus } from './embeddings.js';
export { listSessions, sessionPage } from './session-reads.js';
export { endSession, startSession } from './sessions.js';
export { SHOW_AROUND, findEvent, showEvent } from './show-event.js';
export type { EventInContext, ShowEventInput } from './show-event.js';
export { SETTINGS, lastRunSetting, settingSpec, settingValue } from './settings.js';
export {
  SYNC_CONFLICT_KEEP,
  keepBoth,
  listSyncConflicts,
  resolveSyncConflict,
} from './sync-conflicts.js';
export type { ResolvedSyncConflict, SyncConflictKeep } from './sync-conflicts.js';
export { addSyncFiles, listSyncFiles, removeSyncFiles } from './sync-files.js';
export type { SyncFilesList, SyncFilesWorld } from './sync-files.js';
export {
  SYNC_MCP_KEEP,
  addSyncMcp,
  listSyncMcp,
  removeSyncMcp,
  resolveSyncMcp,
} from './sync-mcp.js';
export type { SyncMcpChange, SyncMcpKeep, SyncMcpWorld } from './sync-mcp.js';
export {
  exportSyncKey,
  importSyncKey,
  initSync,
  pullSync,
  pushSync,
  showSyncKey,
  syncConfig,
  syncConfigOrNull,
  syncDiff,
  syncStatus,
} from './sync-vault.js';
export type {
  ImportSyncKeyResult,
  InitSyncInput,
  InitSyncResult,
  SyncDiff,
  SyncKeyInfo,
  SyncStatusReport,
  SyncWorld,
} from './sync-vault.js';
export { addTodo, listTodos, removeTodo, updateTodo } from './todos.js';
export type { UpdateTodoInput } from './todos.js';
export { whichSession } from './which-session.js';
export type { OpsWorld } from './world.js';
