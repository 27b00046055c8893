// Codex's hook events (see docs/agents.md). Codex waits for every hook and skips `async` ones, so
// none is async and the tool and prompt hooks stay cheap by spooling; Stop, SubagentStop and
// SessionEnd spool too and leave their rollout sweep to a background process (Stop and SubagentStop
// must still answer with JSON: `{}`); SessionStart spools its start the same way and reads only
// the brief. Timeouts are seconds.
// Codex's `notify` program (`agent-turn-complete`, its JSON an argument) is not a hook event and is
// not installed as one; the handler takes it apart, and like Stop it is left to the background
// worker: Codex does not wait for it, but it runs while Codex exits.
import type { HookTable } from '../hooks/hook-table.js';
import { agentProcessMeta } from '../agent-process.js';
import { codexAgentProcess } from './agent-process.js';

export const CODEX_HOOK_TABLE: HookTable = [
  {
    event: 'SessionStart',
    path: 'lifecycle',
    mapsTo: 'session active again, rollout sweep; prints the brief',
    install: { timeout: 15 },
    // The Codex client this session belongs to, found by the hook process (the background replay
    // runs elsewhere): see agent-process.ts.
    background: {
      brief: true,
      // The shell serving a prepared brief notes the client itself when it is the hook's parent
      // (`codex exec`), else starts the hook detached and passes the agent's pid (prepared-start.ts).
      note: (env) =>
        agentProcessMeta(codexAgentProcess(Number(env.BATON_HOOK_PPID) || process.ppid, env)),
    },
  },
  { event: 'UserPromptSubmit', path: 'spooled', mapsTo: 'user_message', install: { timeout: 10 } },
  { event: 'PreToolUse', path: 'spooled', mapsTo: 'tool_call', install: { timeout: 10 } },
  {
    event: 'PostToolUse',
    path: 'spooled',
    mapsTo: 'tool_result (error on a non-zero exit)',
    install: { timeout: 10 },
  },
  {
    event: 'PreCompact',
    path: 'lifecycle',
    mapsTo: 'rollout sweep, compaction, pre_compaction checkpoint',
    install: { timeout: 30 },
  },
  { event: 'PostCompact', path: 'lifecycle', mapsTo: 'compaction', install: { timeout: 10 } },
  {
    event: 'Stop',
    path: 'lifecycle',
    mapsTo: 'system, rollout sweep; prints {}',
    install: { timeout: 30 },
    background: { reply: '{}' },
  },
  { event: 'SubagentStart', path: 'lifecycle', mapsTo: 'system', install: { timeout: 10 } },
  {
    event: 'SubagentStop',
    path: 'lifecycle',
    mapsTo: 'system, rollout sweep; prints {}',
    install: { timeout: 30 },
    background: { reply: '{}' },
  },
  {
    event: 'SessionEnd',
    path: 'lifecycle',
    mapsTo: 'rollout sweep, session ended with its reason, session_end checkpoint',
    // Codex gives a SessionEnd handler 3 s at most, whatever the file says (0.171).
    install: { timeout: 3 },
    background: {},
  },
  { event: 'PermissionRequest', path: 'spooled', mapsTo: 'system' },
  {
    event: 'agent-turn-complete',
    path: 'lifecycle',
    mapsTo: '`notify`: rollout sweep, system (turn complete)',
    background: {},
  },
];
