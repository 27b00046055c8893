// capture/claude-code: Claude Code's hooks and transcripts → Baton (agent-formats.md §1–2).
// A pure transcript parser (transcript-parser and parse-*), the incremental reader that applies it
// to the store (import-transcript), the hook handler (hook-handler, with lifecycle events in
// hook-lifecycle), the settings installer (installer, with hook-entries planned by ../hooks-json-plan), and the status doctor shows.
// Hook and transcript build the same source refs, so the same record is stored once.
export { claudeCode } from './adapter.js';
export { handleClaudeHook } from './hook-handler.js';
export { importClaudeTranscript } from './import-transcript.js';
export { discoverTranscripts } from './discover.js';
export { claudeConfigDir, claudeProjectsDir } from './paths.js';
export { claudeInstaller, settingsFileFor } from './installer.js';
export { CLAUDE_HOOKS, isBatonHandler } from './hook-entries.js';
export { claudeCodeStatus } from './status.js';
