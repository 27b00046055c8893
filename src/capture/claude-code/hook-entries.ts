// The handlers Baton writes for Claude Code's hooks (which ones, async or not, and their timeouts
// are in hook-events.ts), and how to recognise Baton's own among the user's: a command running
// `… baton… hook claude-code`, or an `mcp_tool` handler calling Baton's server's hook tool.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { isRec } from '../json-fields.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { preparedStartCommand } from '../install/prepared-start.js';
import { spoolCommand } from '../install/spool-command.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { CLAUDE_HOOK_TABLE } from './hook-events.js';
import { HOOK_SERVER, HOOK_TOOL, hookToolInput } from './mcp-hook.js';
import { AGENT } from './refs.js';

/**
 * Events that fire before Baton's MCP server is connected (SessionStart), must finish before Claude
 * Code goes on (PreCompact's checkpoint), or fire after it has closed the server (SessionEnd): they
 * stay commands. Every other event goes to the running server when there is one.
 */
const COMMAND_ONLY: ReadonlySet<string> = new Set(['SessionStart', 'PreCompact', 'SessionEnd']);

/**
 * Events spooled by the shell itself (spool-command.ts), which then starts the spool's worker
 * detached, to run once Claude Code has exited, and returns (SessionEnd: nothing to print, and Claude Code would otherwise wait for a
 * Node start as it exits).
 */
const DETACHED: ReadonlySet<string> = new Set(['SessionEnd']);

export interface HookSpec {
  event: string;
  async: boolean;
  /** Seconds; Claude Code's default is 600. */
  timeout: number;
}

/** The hooks Baton registers, in the order it writes them (from the hook table). */
export const CLAUDE_HOOKS: readonly HookSpec[] = CLAUDE_HOOK_TABLE.flatMap((e) =>
  e.install
    ? [{ event: e.event, async: e.install.async ?? false, timeout: e.install.timeout }]
    : [],
);

/** Whether Baton's MCP server answers `event` when it is registered beside the hooks. */
export const viaMcp = (event: string) => !COMMAND_ONLY.has(event);

/** The handler object Baton writes for one event. */
function handlerFor(spec: HookSpec, batonCommand: string, mcp: boolean, home?: string): JsonObject {
  if (mcp && viaMcp(spec.event))
    return {
      type: 'mcp_tool',
      server: HOOK_SERVER,
      tool: HOOK_TOOL,
      input: hookToolInput(),
      timeout: spec.timeout,
    };
  const command = `${batonCommand} hook ${AGENT}`;
  const handler: JsonObject = {
    type: 'command',
    command:
      home === undefined
        ? command
        : DETACHED.has(spec.event)
          ? spoolCommand({ agent: AGENT, event: spec.event, home, batonCommand, worker: 'exit' })
          : spec.event === 'SessionStart'
            ? preparedStartCommand(command, home, { agent: AGENT })
            : command,
  };
  if (spec.async) handler.async = true;
  handler.timeout = spec.timeout;
  return handler;
}

/** A handler Baton installed: its hook command, or an `mcp_tool` call of its server's hook tool. */
export function isBatonHandler(handler: JsonValue | undefined): boolean {
  if (handler === undefined) return false;
  if (isRec(handler) && handler.type === 'mcp_tool')
    return handler.server === HOOK_SERVER && handler.tool === HOOK_TOOL;
  return isBatonHookCommand(handler, AGENT);
}

/**
 * Baton's handlers; with `mcp` (Baton's MCP server is registered too) the events the server can
 * answer go to it. `home` (Baton's home) is where a detached hook is noted; without it (reading
 * and removing) no hook is detached.
 */
export function claudeHookSet(
  batonCommand: string,
  options: { mcp?: boolean; home?: string } = {},
): HookSet {
  const { mcp = false, home } = options;
  const specFor = (event: string) => CLAUDE_HOOKS.find((h) => h.event === event)!;
  return {
    events: CLAUDE_HOOKS.map((h) => h.event),
    handlerFor: (event) => handlerFor(specFor(event), batonCommand, mcp, home),
    isBatonHandler,
    addedNote: (event) =>
      mcp && viaMcp(event)
        ? ' (MCP tool)'
        : specFor(event).async
          ? ' (async)'
          : DETACHED.has(event) && home !== undefined
            ? ' (detached)'
            : '',
  };
}

export const anyClaudeHookSet: HookSet = claudeHookSet('baton');
