// capture/codex: Codex CLI's rollouts and hooks → Baton (formats in docs/agents.md). A pure
// rollout parser (rollout-parser, response-item, event-msg), the incremental importer, the hook
// table and handler (hooks and the `notify` program), the installer (hooks.json and config.toml)
// and its status. Hooks and the rollout build the same refs, so the same record is stored once.
export { codex } from './adapter.js';
