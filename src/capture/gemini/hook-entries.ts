// Which Gemini CLI hooks Baton registers (agent-formats.md §4.1). Gemini waits for every hook and
// its timeouts are milliseconds. BeforeTool is not registered: it names no tool-call id, so
// recording it would duplicate the chat file's own record of the call, which AfterTool and
// AfterAgent read instead (the handler still accepts it if a user wires it).
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { HookSet } from '../hooks-json-plan.js';
import { isBatonHookCommand } from '../hooks-json-plan.js';
import { AGENT } from './refs.js';

const TIMEOUTS_MS: Readonly<Record<string, number>> = {
  SessionStart: 15_000,
  BeforeAgent: 10_000,
  AfterAgent: 30_000,
  AfterTool: 10_000,
  PreCompress: 30_000,
  Notification: 10_000,
  SessionEnd: 10_000,
};

export const GEMINI_HOOK_EVENTS = Object.keys(TIMEOUTS_MS);

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
