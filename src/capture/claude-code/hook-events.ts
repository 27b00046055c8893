// Claude Code's hook events (see docs/agents.md). With Baton's MCP server registered, every event
// but SessionStart, PreCompact and SessionEnd is an `mcp_tool` handler answered by the running
// server (mcp-hook.ts, hook-entries.ts): no process starts, and Claude Code waits only for one
// spool write. SessionStart fires before the server is connected and prints the brief, so it stays
// a synchronous command; PreCompact too (its checkpoint must precede the compaction). SessionEnd
// fires after Claude Code has closed the server: its command is started detached from the shell
// Claude Code runs it in, so Claude Code does not wait for a Node start at exit. Stop,
// SubagentStop and SessionEnd only spool the payload and start a detached background process for
// the transcript sweep and the turn's or session's end (spool-background.ts). Without the MCP
// server (`--no-mcp`) the tool, prompt and notification hooks are `async` commands and Stop and
// SubagentStop synchronous ones that only spool (in `claude -p`, Claude Code 2.1.197 kills async
// hooks still running at exit and then never runs SessionEnd, and 2.1.332 waits about 1.5 s at exit
// for them). SessionStart spools the start the same way and reads only the brief, read-only. A sweep
// running in the background beside the next turn may store that turn's prompt from the transcript
// before the prompt's own hook is replayed; the hook's copy still gets the same ref, since a hook
// numbers its prompt by counting only the hooks' own copies (hookPromptRef).
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
