// Which Codex hooks Baton registers (agent-formats.md §3.3) and the `notify` program it sets when
// the user has none (§3.2). Codex skips `async` handlers, so none is async: the tool and prompt
// hooks stay fast by spooling instead of opening the store. Timeouts are seconds.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { splitCommand } from '../command-words.js';
import type { HookSet } from '../hooks-json-plan.js';
import { isBatonHookCommand } from '../hooks-json-plan.js';
import { AGENT } from './refs.js';

const TIMEOUTS: Readonly<Record<string, number>> = {
  SessionStart: 15,
  UserPromptSubmit: 10,
  PreToolUse: 10,
  PostToolUse: 10,
  PreCompact: 30,
  PostCompact: 10,
  Stop: 30,
  SubagentStart: 10,
  SubagentStop: 30,
};

export const CODEX_HOOK_EVENTS = Object.keys(TIMEOUTS);

export const hookCommand = (batonCommand: string) => `${batonCommand} hook ${AGENT}`;

export function codexHookSet(batonCommand: string): HookSet {
  return {
    events: CODEX_HOOK_EVENTS,
    handlerFor: (event): JsonObject => ({
      type: 'command',
      command: hookCommand(batonCommand),
      timeout: TIMEOUTS[event] ?? 30,
    }),
    isBatonHandler: (h: JsonValue) => isBatonHookCommand(h, AGENT),
  };
}

/** For reading and removing, where the command Baton used is whatever the file says. */
export const anyCodexHookSet: HookSet = codexHookSet('baton');

/** `notify = [...]`: Codex appends one JSON argument (`agent-turn-complete`) to this argv. */
export function notifyArgv(batonCommand: string): string[] {
  return [...splitCommand(batonCommand), 'hook', AGENT];
}

export function isBatonNotify(value: unknown): boolean {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return false;
  const words = value;
  return words.at(-1) === AGENT && words.at(-2) === 'hook' && words.some((w) => /baton/i.test(w));
}
