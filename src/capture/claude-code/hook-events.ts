// Claude Code's hook events (see docs/agents.md). Everything but SessionStart (which prints the
// brief), PreCompact (a checkpoint must precede the compaction) and SessionEnd (Claude Code may
// exit before a background hook finishes) runs `async`, so no tool call ever waits on Baton.
// Timeouts are seconds; Claude Code's default is 600.
import type { HookTable } from '../hooks/hook-table.js';

export const CLAUDE_HOOK_TABLE: HookTable = [
  {
    event: 'SessionStart',
    path: 'lifecycle',
    mapsTo: 'session (re)started, linked to the one it continues; prints the brief',
    install: { timeout: 15 },
  },
  {
    event: 'UserPromptSubmit',
    path: 'spooled',
    mapsTo: 'user_message',
    install: { timeout: 30, async: true },
  },
  {
    event: 'PreToolUse',
    path: 'spooled',
    mapsTo: 'tool_call',
    install: { timeout: 30, async: true },
  },
  {
    event: 'PostToolUse',
    path: 'spooled',
    mapsTo: 'tool_result (plan tools update todos)',
    install: { timeout: 30, async: true },
  },
  {
    event: 'PostToolUseFailure',
    path: 'spooled',
    mapsTo: 'error',
    install: { timeout: 30, async: true },
  },
  {
    event: 'Notification',
    path: 'spooled',
    mapsTo: 'system',
    install: { timeout: 30, async: true },
  },
  {
    event: 'PreCompact',
    path: 'lifecycle',
    mapsTo: 'transcript sweep, compaction, pre_compaction checkpoint',
    install: { timeout: 30 },
  },
  {
    event: 'PostCompact',
    path: 'lifecycle',
    mapsTo: 'compaction',
    install: { timeout: 30, async: true },
  },
  {
    event: 'Stop',
    path: 'lifecycle',
    mapsTo: 'transcript sweep, turn end',
    install: { timeout: 60, async: true },
  },
  {
    event: 'SubagentStart',
    path: 'lifecycle',
    mapsTo: 'subagent session under its parent',
    install: { timeout: 30, async: true },
  },
  {
    event: 'SubagentStop',
    path: 'lifecycle',
    mapsTo: 'subagent transcript sweep, subagent end',
    install: { timeout: 60, async: true },
  },
  {
    event: 'SessionEnd',
    path: 'lifecycle',
    mapsTo: 'transcript sweep, session ended with its reason, session_end checkpoint',
    install: { timeout: 5 },
  },
];
