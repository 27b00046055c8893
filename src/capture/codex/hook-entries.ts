// The handlers Baton writes for Codex's hooks (which ones and their timeouts, in seconds, are in
// hook-events.ts) and the `notify` program it sets when the user has none: Codex runs it after
// each turn with one JSON argument.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { splitCommand } from '../command-words.js';
import { detachedCommand } from '../install/detached-command.js';
import { preparedStartCommand } from '../install/prepared-start.js';
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

/**
 * Hooks Codex need not wait for, started detached (detached-command.ts): the prompt (the rollout
 * holds it too, and a prompt stored from the rollout first is not stored again) and the turn's and
 * session's ends, which only spool for the background worker (Stop and SubagentStop still answer
 * `{}`). The tool hooks stay in step with Codex, so each call is spooled before its result.
 */
const DETACHED: ReadonlySet<string> = new Set([
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionEnd',
]);

const REPLIES: ReadonlyMap<string, string | undefined> = new Map(
  CODEX_HOOK_TABLE.map((e) => [e.event, e.background?.reply]),
);

/** Baton's handlers; `home` (Baton's home) is where a detached hook is noted (absent: none is). */
export function codexHookSet(batonCommand: string, home?: string): HookSet {
  const command = (event: string) =>
    home === undefined
      ? hookCommand(batonCommand)
      : DETACHED.has(event)
        ? detachedCommand(hookCommand(batonCommand), home, REPLIES.get(event))
        : event === 'SessionStart'
          ? preparedStartCommand(hookCommand(batonCommand), home)
          : hookCommand(batonCommand);
  return {
    events: CODEX_HOOK_EVENTS,
    handlerFor: (event): JsonObject => ({
      type: 'command',
      command: command(event),
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
