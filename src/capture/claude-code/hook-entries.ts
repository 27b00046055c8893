// Which Claude Code hooks Baton registers, and how to recognise its own among the user's.
// Everything but SessionStart (which prints the brief), PreCompact (a checkpoint must precede the
// compaction) and SessionEnd (Claude Code may exit before a background hook finishes) runs
// `async`, so no tool call ever waits on Baton.
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { HookSet } from '../hooks-json-plan.js';
import { isBatonHookCommand } from '../hooks-json-plan.js';
import { AGENT } from './refs.js';

export interface HookSpec {
  event: string;
  async: boolean;
  /** Seconds; Claude Code's default is 600. */
  timeout: number;
}

export const CLAUDE_HOOKS: readonly HookSpec[] = [
  { event: 'SessionStart', async: false, timeout: 15 },
  { event: 'UserPromptSubmit', async: true, timeout: 30 },
  { event: 'PreToolUse', async: true, timeout: 30 },
  { event: 'PostToolUse', async: true, timeout: 30 },
  { event: 'PostToolUseFailure', async: true, timeout: 30 },
  { event: 'Notification', async: true, timeout: 30 },
  { event: 'PreCompact', async: false, timeout: 30 },
  { event: 'PostCompact', async: true, timeout: 30 },
  { event: 'Stop', async: true, timeout: 60 },
  { event: 'SubagentStart', async: true, timeout: 30 },
  { event: 'SubagentStop', async: true, timeout: 60 },
  { event: 'SessionEnd', async: false, timeout: 5 },
];

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
