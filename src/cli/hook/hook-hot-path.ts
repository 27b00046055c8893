// The hook's hot path on its own: a tool event or prompt is spooled here and nothing else happens.
// It is what the hot entry (hook-entry.ts) runs before loading anything more, so it imports only
// leaf modules: no store, no crypto, no streams.
import { writeSync } from 'node:fs';
import {
  backgroundFor,
  isSpooledEvent,
  parsePayload,
  spoolHook,
  spooledName,
  startWorker,
  workerHoldsLock,
} from '../../capture/index.js';
// Straight from the file, not the store's door: the door would bring SQLite into the bundle.
import { resolveHome } from '../../store/paths.js';

/**
 * Spools `payloadText` when it is a hot event of `agent`, or a lifecycle event handled in the
 * background (then prints the fixed reply the agent needs and starts a background worker with
 * `script`, Baton's launcher); true when done. False leaves the payload to the full hook
 * (runHookCommand): not such an event, not JSON, spooling turned off, or no launcher to start a
 * worker with. `{ briefAfter }` (SessionStart): spooled and the worker started, but the brief is
 * still to be printed by the full hook, `briefAfter` being the payload's spooled name. A spool
 * that fails throws, so the full hook can try again and report it.
 */
export function spoolHotEvent(
  agent: string,
  payloadText: string,
  env: NodeJS.ProcessEnv,
  now: number,
  pid: number,
  script?: string,
): boolean | { briefAfter: string } {
  if (env.BATON_HOOK_SPOOL === '0') return false;
  let parsed: ReturnType<typeof parsePayload>;
  try {
    parsed = parsePayload(payloadText);
  } catch {
    return false;
  }
  const home = resolveHome(env);
  if (isSpooledEvent(agent, parsed.event)) {
    spoolHook(home, agent, payloadText, now, pid);
    return true;
  }
  const background = backgroundFor(agent, parsed.event);
  if (!background || script === undefined || env.BATON_HOOK_BACKGROUND === '0') return false;
  if (!background.skip?.(parsed.payload)) {
    const spooled = spoolHook(home, agent, payloadText, now, pid, background.note?.(env));
    startBackground(home, script, env);
    if (background.brief) return { briefAfter: spooledName(spooled) };
  }
  if (background.reply !== undefined) writeSync(1, background.reply);
  return true;
}

/**
 * Starts a worker for a payload just spooled, unless a live worker holds the drain lock (it drains
 * the payload before it exits). A worker that cannot start leaves the payload in the spool, for
 * the next drain.
 */
export function startBackground(home: string, script: string, env: NodeJS.ProcessEnv): void {
  try {
    if (workerHoldsLock(home)) return;
    startWorker(home, script, env);
  } catch {
    // Replayed by the next lifecycle hook, CLI command or import that drains the spool.
  }
}
