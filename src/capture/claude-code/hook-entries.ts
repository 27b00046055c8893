// The handlers Baton writes for Claude Code's hooks (which ones, async or not, and their timeouts
// are in hook-events.ts), and how to recognise Baton's own among the user's.
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { CLAUDE_HOOK_TABLE } from './hook-events.js';
import { AGENT } from './refs.js';

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

/** The handler object Baton writes for one event. */
function handlerFor(spec: HookSpec, batonCommand: string): JsonObject {
  const handler: JsonObject = { type: 'command', command: `${batonCommand} hook ${AGENT}` };
  if (spec.async) handler.async = true;
  handler.timeout = spec.timeout;
  return handler;
}

/** A handler Baton installed: a command running `… baton… hook claude-code`. */
export function isBatonHandler(handler: JsonValue | undefined): boolean {
  return handler !== undefined && isBatonHookCommand(handler, AGENT);
}

export function claudeHookSet(batonCommand: string): HookSet {
  const specFor = (event: string) => CLAUDE_HOOKS.find((h) => h.event === event)!;
  return {
    events: CLAUDE_HOOKS.map((h) => h.event),
    handlerFor: (event) => handlerFor(specFor(event), batonCommand),
    isBatonHandler,
    addedNote: (event) => (specFor(event).async ? ' (async)' : ''),
  };
}

export const anyClaudeHookSet: HookSet = claudeHookSet('baton');
