// The handlers Baton writes for Codex's hooks (which ones and their timeouts, in seconds, are in
// hook-events.ts) and the `notify` program it sets when the user has none: Codex runs it after
// each turn with one JSON argument.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { splitCommand } from '../command-words.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { installedEvents } from '../hooks/hook-table.js';
import { CODEX_HOOK_TABLE } from './hook-events.js';
import { AGENT } from './refs.js';

const TIMEOUTS: Readonly<Record<string, number>> = Object.fromEntries(
  CODEX_HOOK_TABLE.flatMap((e) => (e.install ? [[e.event, e.install.timeout]] : [])),
);

const CODEX_HOOK_EVENTS = installedEvents(CODEX_HOOK_TABLE);

const hookCommand = (batonCommand: string) => `${batonCommand} hook ${AGENT}`;

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
