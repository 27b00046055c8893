// The handlers Baton writes for Gemini CLI's hooks (which ones and their timeouts, in
// milliseconds, are in hook-events.ts).
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { installedEvents } from '../hooks/hook-table.js';
import { GEMINI_HOOK_TABLE } from './hook-events.js';
import { AGENT } from './refs.js';

const TIMEOUTS_MS: Readonly<Record<string, number>> = Object.fromEntries(
  GEMINI_HOOK_TABLE.flatMap((e) => (e.install ? [[e.event, e.install.timeout]] : [])),
);

const GEMINI_HOOK_EVENTS = installedEvents(GEMINI_HOOK_TABLE);

export function geminiHookSet(batonCommand: string): HookSet {
  return {
    events: GEMINI_HOOK_EVENTS,
    handlerFor: (event): JsonObject => ({
      name: 'baton',
      type: 'command',
      command: `${batonCommand} hook ${AGENT}`,
      timeout: TIMEOUTS_MS[event] ?? 30_000,
    }),
    isBatonHandler: (h: JsonValue) => isBatonHookCommand(h, AGENT),
  };
}

export const anyGeminiHookSet: HookSet = geminiHookSet('baton');
