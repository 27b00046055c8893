// Claude Code's hook events (see docs/agents.md). The tool, prompt and notification hooks run
// `async`, so no tool call ever waits on Baton. SessionStart (which prints the brief), PreCompact
// (a checkpoint must precede the compaction) and SessionEnd are synchronous, and so are Stop and
// SubagentStop: in `claude -p`, Claude Code 2.1.197 kills async hooks still running at exit and
// then never runs SessionEnd, and 2.1.332 waits about 1.5 s at exit for them. Stop, SubagentStop
// and SessionEnd print nothing, so their hook only spools the payload and leaves the transcript
// sweep, the turn's or session's end to a detached background process: the agent waits for a
// spool write. SessionStart spools the start the same way and reads only the brief, read-only.
// A sweep running in the background beside the next turn may store that turn's prompt from the
// transcript before the prompt's own (async) hook is replayed; the hook's copy still gets the same
// ref, since a hook numbers its prompt by counting only the hooks' own copies (hookPromptRef).
// Timeouts are seconds; Claude Code's default is 600.
import type { HookTable } from '../hooks/hook-table.js';

export const CLAUDE_HOOK_TABLE: HookTable = [
  {
    event: 'SessionStart',
    path: 'lifecycle',
    mapsTo: 'session (re)started, linked to the one it continues; prints the brief',
    install: { timeout: 15 },
    background: { brief: true },
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
    background: {},
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
    background: {},
  },
  {
    event: 'SessionEnd',
    path: 'lifecycle',
    mapsTo: 'transcript sweep, session ended with its reason, session_end checkpoint',
    install: { timeout: 5 },
    background: {},
  },
];
