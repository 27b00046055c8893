// capture/claude-code: Claude Code's hooks and transcripts → Baton (formats in docs/agents.md).
// A pure transcript parser (transcript-parser and parse-*), the incremental reader that applies it
// to the store (import-transcript), the hook table (hook-events) and handler (hook-handler, with
// lifecycle events in hook-lifecycle), the settings installer (installer, hook-entries) and the
// status doctor shows. The rest of Baton reaches all of it through the adapter.
export { claudeCode } from './adapter.js';
