// capture/codex: Codex CLI's rollouts and hooks → Baton (agent-formats.md §3). A pure rollout
// parser (rollout-parser, response-item, event-msg), the incremental importer, the hook handler
// (hooks and the `notify` program), the installer (hooks.json and config.toml), and its status.
// Hooks and the rollout build the same refs, so the same record is stored once.
export { codex, codexStatus, codexPresent } from './adapter.js';
export { handleCodexHook } from './hook-handler.js';
export { discoverRollouts, importCodexRollout } from './import-rollout.js';
export { codexInstaller, codexFilesFor } from './installer.js';
export type { TomlEntryPlanner } from './installer.js';
export { CODEX_HOOK_EVENTS } from './hook-entries.js';
export { codexHome } from './paths.js';
export { CodexRolloutParser } from './rollout-parser.js';
