// The hook's hot path on its own: a tool event or prompt is spooled here and nothing else happens.
// It is what the hot entry (hook-entry.ts) runs before loading anything more, so it imports only
// leaf modules: no store, no crypto, no streams.
import { isSpooledEvent, parsePayload, spoolHook } from '../../capture/index.js';
// Straight from the file, not the store's door: the door would bring SQLite into the bundle.
import { resolveHome } from '../../store/paths.js';

/**
 * Spools `payloadText` when it is a hot event of `agent`; true when done. False leaves the payload
 * to the full hook (runHookCommand): not a hot event, not JSON, or spooling turned off. A spool
 * that fails throws, so the full hook can try again and report it.
 */
export function spoolHotEvent(
  agent: string,
  payloadText: string,
  env: NodeJS.ProcessEnv,
  now: number,
  pid: number,
): boolean {
  if (env.BATON_HOOK_SPOOL === '0') return false;
  let event: string;
  try {
    event = parsePayload(payloadText).event;
  } catch {
    return false;
  }
  if (!isSpooledEvent(agent, event)) return false;
  spoolHook(resolveHome(env), agent, payloadText, now, pid);
  return true;
}
