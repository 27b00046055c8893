// The handlers Baton writes for Codex's hooks (which ones and their timeouts, in seconds, are in
// hook-events.ts) and the `notify` program it sets when the user has none: Codex runs it after
// each turn with one JSON argument.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { splitCommand } from '../command-words.js';
import { preparedStartCommand } from '../install/prepared-start.js';
import { notifySpoolArgv, spoolCommand } from '../install/spool-command.js';
import type { SpoolWorker } from '../install/spool-command.js';
import type { HookSet } from '../install/hooks-json-plan.js';
import { isBatonHookCommand } from '../install/hooks-json-plan.js';
import { installedEvents } from '../hooks/hook-table.js';
import { CODEX_PROCESS } from './agent-process.js';
import { CODEX_HOOK_TABLE } from './hook-events.js';
import { AGENT } from './refs.js';

const TIMEOUTS: Readonly<Record<string, number>> = Object.fromEntries(
  CODEX_HOOK_TABLE.flatMap((e) => (e.install ? [[e.event, e.install.timeout]] : [])),
);

const CODEX_HOOK_EVENTS = installedEvents(CODEX_HOOK_TABLE);

const hookCommand = (batonCommand: string) => `${batonCommand} hook ${AGENT}`;

/**
 * Hooks Codex need not wait for, spooled by the shell itself (spool-command.ts: no Node process
 * starts): the prompt (the rollout holds it too, and a prompt stored from the rollout first is not
 * stored again), and the turn's and session's ends, replayed by the spool's worker (Stop and
 * SubagentStop still answer `{}`). Only the session's end starts the worker (once Codex has exited); a turn's end
 * leaves it to the session's end (or starts one a few seconds later if nothing drained it: the TUI
 * fires no SessionEnd). The tool hooks stay in step with Codex, so each call is spooled before its
 * result.
 */
const SPOOLED_BY_SHELL: ReadonlyMap<string, SpoolWorker> = new Map([
  ['UserPromptSubmit', 'none'],
  ['Stop', 'later'],
  ['SubagentStop', 'later'],
  ['SessionEnd', 'exit'],
]);

const REPLIES: ReadonlyMap<string, string | undefined> = new Map(
  CODEX_HOOK_TABLE.map((e) => [e.event, e.background?.reply]),
);

/** Baton's handlers; `home` (Baton's home) is where the shell spools (absent: no hook is shell-spooled). */
export function codexHookSet(batonCommand: string, home?: string): HookSet {
  const command = (event: string) => {
    if (home !== undefined && event === 'SessionStart')
      return preparedStartCommand(hookCommand(batonCommand), home, {
        agent: AGENT,
        // The client's process, noted as hook-events.ts notes it (agent-process.ts).
        agentProcess: CODEX_PROCESS,
      });
    const worker = SPOOLED_BY_SHELL.get(event);
    if (worker === undefined || home === undefined) return hookCommand(batonCommand);
    const reply = REPLIES.get(event);
    return spoolCommand({
      agent: AGENT,
      event,
      home,
      batonCommand,
      worker,
      ...(reply !== undefined && { reply }),
    });
  };
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

/**
 * `notify = [...]`: Codex appends one JSON argument (`agent-turn-complete`) to this argv. With
 * `home`, a shell that spools it (spool-command.ts) like Stop; without, Baton's hook program.
 */
export function notifyArgv(batonCommand: string, home?: string): string[] {
  if (home === undefined) return [...splitCommand(batonCommand), 'hook', AGENT];
  return notifySpoolArgv({
    agent: AGENT,
    event: 'agent-turn-complete',
    home,
    batonCommand,
    worker: 'later',
  });
}

export function isBatonNotify(value: unknown): boolean {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return false;
  const words = value;
  return words.at(-1) === AGENT && words.at(-2) === 'hook' && words.some((w) => /baton/i.test(w));
}
