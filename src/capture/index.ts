// capture: turning what agents and people do into Baton events. events/ is the portable JSONL
// format; each agent has its folder (claude-code/ today; codex/ and gemini/ fit the same
// CaptureAdapter seam in adapter.ts) with a pure parser, a reader, the hook handler and the
// installer. hook-runtime runs any adapter's hook without ever failing the agent.
export * from './events/index.js';
export type * from './adapter.js';
export { CAPTURE_TRIGGERS } from './adapter.js';
export {
  claudeCode,
  claudeCodeStatus,
  claudeConfigDir,
  claudeProjectsDir,
} from './claude-code/index.js';
export { AGENT_BRIEF_BUDGET as BRIEF_BUDGET } from './hooks/hook-session.js';
export { CAPTURE_ADAPTERS, adapterFor, presentAdapters } from './adapters.js';
export { hookHandlerFor } from './hooks/hook-handlers.js';
export { hookLogPath, hookSource } from './hooks/hook-names.js';
export { logFailure, parsePayload, readAll, reportFailure, runHook } from './hooks/hook-runtime.js';
export { spoolDir, spoolHook } from './hooks/spool-write.js';
export { drainSpool, spooledCount } from './hooks/spool-drain.js';
export type { DrainResult } from './hooks/spool-drain.js';
export { isSpooledEvent } from './hooks/spool-policy.js';
export type { HookDeps, HookWorld } from './hooks/hook-runtime.js';
export { applyPlanEffect } from './plan-sync.js';
export { discoverHistory, importHistory } from './transcripts/import-history.js';
export type {
  AgentImportSummary,
  HistoryProblem,
  HistoryProgress,
} from './transcripts/import-history.js';
export type { PlanEffect, PlanItem, PlanSyncResult } from './plan-sync.js';
export { readJsonLines } from './transcripts/jsonl-lines.js';
export { splitCommand } from './command-words.js';
export * from './install/mcp-config/index.js';
export { codex, codexStatus, codexHome, CODEX_HOOK_EVENTS } from './codex/index.js';
export type { TomlEntryPlanner } from './codex/index.js';
export { gemini, geminiStatus, geminiHome, GEMINI_HOOK_EVENTS } from './gemini/index.js';
export type { JsonEntryPlanner } from './gemini/index.js';
