// The handlers Baton writes for Gemini CLI's hooks (which ones and their timeouts, in
// milliseconds, are in hook-events.ts).
import type { JsonObject, JsonValue } from '../../core/index.js';
import { detachedCommand } from '../install/detached-command.js';
import { preparedStartCommand } from '../install/prepared-start.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { installedEvents } from '../hooks/hook-table.js';
import { GEMINI_HOOK_TABLE } from './hook-events.js';
import { AGENT } from './refs.js';

const TIMEOUTS_MS: Readonly<Record<string, number>> = Object.fromEntries(
  GEMINI_HOOK_TABLE.flatMap((e) => (e.install ? [[e.event, e.install.timeout]] : [])),
);

const GEMINI_HOOK_EVENTS = installedEvents(GEMINI_HOOK_TABLE);

const MATCHERS: Readonly<Record<string, string>> = Object.fromEntries(
  GEMINI_HOOK_TABLE.flatMap((e) => (e.install?.matcher ? [[e.event, e.install.matcher]] : [])),
);

/**
 * Hooks Gemini CLI need not wait for, started detached (detached-command.ts): all but SessionStart,
 * whose brief Gemini reads. Each only spools (the prompt, a request to read the chat file, a
 * notification) or spools for the background worker (the turn's and session's ends, a manual
 * compression); the chat file holds the prompt and the tool calls too.
 */
const ATTACHED: ReadonlySet<string> = new Set(['SessionStart']);

/** Baton's handlers; `home` (Baton's home) is where a detached hook is noted (absent: none is). */
export function geminiHookSet(batonCommand: string, home?: string): HookSet {
  const hook = `${batonCommand} hook ${AGENT}`;
  return {
    events: GEMINI_HOOK_EVENTS,
    handlerFor: (event): JsonObject => ({
      name: 'baton',
      type: 'command',
      command:
        home === undefined
          ? hook
          : event === 'SessionStart'
            ? preparedStartCommand(hook, home)
            : ATTACHED.has(event)
              ? hook
              : detachedCommand(hook, home),
      timeout: TIMEOUTS_MS[event] ?? 30_000,
    }),
    isBatonHandler: (h: JsonValue) => isBatonHookCommand(h, AGENT),
    matcherFor: (event) => MATCHERS[event],
  };
}

export const anyGeminiHookSet: HookSet = geminiHookSet('baton');
