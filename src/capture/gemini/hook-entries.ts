// The handlers Baton writes for Gemini CLI's hooks (which ones and their timeouts, in
// milliseconds, are in hook-events.ts).
import type { JsonObject, JsonValue } from '../../core/index.js';
import { preparedStartCommand } from '../install/prepared-start.js';
import { spoolCommand } from '../install/spool-command.js';
import type { SpoolWorker } from '../install/spool-command.js';
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
 * Hooks Gemini CLI need not wait for, spooled by the shell itself (spool-command.ts: no Node
 * process starts): all but SessionStart, whose brief Gemini reads. The prompt, a request to read
 * the chat file and a notification only spool; a manual compression starts the spool's worker at
 * once, the session's end once Gemini has exited; the turn's end leaves it to the session's end (or starts one a few
 * seconds later if nothing drained it). The chat file holds the prompt and the tool calls too.
 */
const SPOOLED_BY_SHELL: ReadonlyMap<string, SpoolWorker> = new Map([
  ['BeforeAgent', 'none'],
  ['AfterTool', 'none'],
  ['Notification', 'none'],
  ['AfterAgent', 'later'],
  ['PreCompress', 'now'],
  ['SessionEnd', 'exit'],
]);

/** Baton's handlers; `home` (Baton's home) is where the shell spools (absent: no hook is shell-spooled). */
export function geminiHookSet(batonCommand: string, home?: string): HookSet {
  const hook = `${batonCommand} hook ${AGENT}`;
  const command = (event: string) => {
    if (home !== undefined && event === 'SessionStart')
      return preparedStartCommand(hook, home, { agent: AGENT });
    const worker = SPOOLED_BY_SHELL.get(event);
    if (worker === undefined || home === undefined) return hook;
    return spoolCommand({ agent: AGENT, event, home, batonCommand, worker });
  };
  return {
    events: GEMINI_HOOK_EVENTS,
    handlerFor: (event): JsonObject => ({
      name: 'baton',
      type: 'command',
      command: command(event),
      timeout: TIMEOUTS_MS[event] ?? 30_000,
    }),
    isBatonHandler: (h: JsonValue) => isBatonHookCommand(h, AGENT),
    matcherFor: (event) => MATCHERS[event],
  };
}

export const anyGeminiHookSet: HookSet = geminiHookSet('baton');
