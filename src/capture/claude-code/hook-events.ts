// Claude Code's hook events (see docs/agents.md). The tool, prompt and notification hooks run
// `async`, so no tool call ever waits on Baton. SessionStart (which prints the brief), PreCompact
// (a checkpoint must precede the compaction) and SessionEnd are synchronous, and so are Stop and
// SubagentStop: in `claude -p`, Claude Code 2.1.197 kills async hooks still running at exit and
// then never runs SessionEnd, and 2.1.332 waits about 1.5 s at exit for them. SessionEnd prints
// nothing, so its hook only spools the payload and leaves the transcript sweep and the session's
// end to a detached background process: the agent waits for a spool write. Stop and SubagentStop
// keep their sweep while Claude Code waits: the prompt hooks are async, and a sweep running beside
// the next turn (a background task's notification arrives as a prompt right after its subagent
// stops) would store that prompt from the transcript before its hook, whose copy would then
// count as a second occurrence.
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
    install: { timeout: 60 },
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
    install: { timeout: 60 },
  },
  {
    event: 'SessionEnd',
    path: 'lifecycle',
    mapsTo: 'transcript sweep, session ended with its reason, session_end checkpoint',
    install: { timeout: 5 },
    background: {},
  },
];
