// capture: turning what agents and people do into Baton events. One folder per agent
// (claude-code/, codex/, gemini/), each a CaptureAdapter (adapter.ts) with a pure transcript
// parser, its hook table and handler, and its installer; the parts they share are hooks/ (the hook
// runtime, the spool, the hook tables), transcripts/ (incremental reading, drafts, the session
// linker and the one append path) and install/ (edits of the agents' own config files). events/
// is Baton's portable JSONL format. This door lists exactly what the rest of Baton uses.
export type {
  AgentRetention,
  BriefProvider,
  CaptureAdapter,
  CaptureStatus,
  HookContext,
  InstallReport,
  InstallScope,
  TriggerCallback,
} from './adapter.js';
export { CAPTURE_ADAPTERS, adapterFor, presentAdapters } from './adapters.js';
export { claudeCode } from './claude-code/index.js';
export { HOOK_TOOL, payloadFromToolArguments } from './claude-code/mcp-hook.js';
export { codex } from './codex/index.js';
export { gemini } from './gemini/index.js';
export { TimeSlicer, exportEvents, exportRecords, importEvents } from './events/index.js';
export type { EventsExportFilter, EventsImportResult } from './events/index.js';
export { AGENT_BRIEF_BUDGET as BRIEF_BUDGET } from './hooks/hook-session.js';
export { hookHandlerFor } from './hooks/hook-handlers.js';
export { logFailure, parsePayload, readAll, reportFailure, runHook } from './hooks/hook-runtime.js';
export type { HookWorld } from './hooks/hook-runtime.js';
export { drainSpool, spoolState } from './hooks/spool-drain.js';
export { openSpooled } from './hooks/spool-crypt.js';
export { spoolKeyPath } from './hooks/spool-seal.js';
export { backgroundFor, isSpooledEvent } from './hooks/spool-policy.js';
export {
  BACKGROUND_NICE,
  lowerPriority,
  pendingWorkers,
  releaseWorkerLock,
  startWorker,
  takeWorkerLock,
  waitForWorkers,
  workerDone,
  workerHoldsLock,
  WORKER_LOCK,
} from './hooks/spool-background.js';
export { SPOOL_SUFFIX, spoolHook, spooledName } from './hooks/spool-write.js';
export { HOOK_TABLES } from './hooks/spool-policy.js';
export { runSpoolWorker } from './hooks/spool-worker.js';
export { runBriefHook } from './hooks/hook-brief.js';
export { prepareBriefs, preparedPath } from './hooks/prepared-brief.js';
export type { PrepareDeps } from './hooks/prepared-brief.js';
export type { BriefHookDeps } from './hooks/hook-brief.js';
export type { SpoolWorkerDeps } from './hooks/spool-worker.js';
export { exitWorkerStart } from './install/spool-command.js';
export { agentMcpConfigs, batonMcpEntry } from './install/mcp-config/index.js';
export type { AgentMcpConfigs } from './install/mcp-config/index.js';
export type { McpServerEntry } from './install/mcp-config/index.js';
export { discoverHistory, importHistory } from './transcripts/import-history.js';
export type { AgentImportSummary } from './transcripts/import-history.js';
export { importHistoryPiped } from './transcripts/tail-pipeline.js';
export type { PipedImportOptions } from './transcripts/tail-pipeline.js';
export { splitCommand } from './command-words.js';
