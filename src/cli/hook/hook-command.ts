// `baton hook <agent>`: reads the payload, spools hot events (tool calls, prompts) without loading
// SQLite, and hands everything else to the store path (hook-store-path.ts, loaded only then).
// Shared by the small hook bundle (hook-main.ts) and the full CLI, so both behave the same.
import {
  backgroundFor,
  hookHandlerFor,
  isSpooledEvent,
  logFailure,
  parsePayload,
  readAll,
  reportFailure,
  spoolHook,
  spooledName,
} from '../../capture/index.js';
// Straight from the file, not the store's door: with code splitting, the door would put SQLite
// in the hot path's static imports.
import { resolveHome } from '../../store/paths.js';
import type { World } from '../world.js';

export async function runHookCommand(
  agent: string | undefined,
  world: World,
  pid: number = process.pid,
  /**
   * A payload passed as an argument instead of on stdin: Codex's `notify` program gets its JSON
   * as its last argument and no stdin to read.
   */
  argPayload?: string,
  /**
   * Baton's launcher (bin/baton.js), to start the spool's background worker with; without it,
   * lifecycle events marked `background` are handled here and now.
   */
  script?: string,
  /**
   * The payload's spooled name when the hot entry already spooled it (and started the worker):
   * only SessionStart's brief is left to print.
   */
  spooled?: string,
): Promise<number> {
  const home = resolveHome(world.env);
  const name = agent ?? '';
  if (name === '--background' || name === '--wait') {
    const { runBackgroundWorker, waitForBackground } = await import('./hook-store-path.js');
    if (name === '--wait') return waitForBackground(home, world, script);
    return runBackgroundWorker({
      env: world.env,
      clock: world.clock,
      home,
      pid,
      get stdout() {
        return world.stdout;
      },
      get stderr() {
        return world.stderr;
      },
    });
  }
  if (hookHandlerFor(name) === null) {
    // A misconfigured hook must not break the agent: say so where it is visible, exit 0.
    const message = `unknown agent "${name}"`;
    logFailure({ home, clock: world.clock }, name || '-', 'unknown', message);
    world.stderr.write(`baton hook: ${message}\n`);
    return 0;
  }
  // Streams are read from `world` only when used: creating process.stdout costs a spooled hook
  // a good share of its time, and it prints nothing.
  const hookWorld = {
    env: world.env,
    get stdout() {
      return world.stdout;
    },
    get stderr() {
      return world.stderr;
    },
    clock: world.clock,
    home,
    pid,
  };
  let text: string;
  let event: string;
  try {
    text = argPayload ?? (await readAll(world.stdin));
    event = parsePayload(text).event;
  } catch (error) {
    reportFailure(hookWorld, name, 'unknown', error);
    return 0;
  }
  const background = backgroundFor(name, event);
  if (
    background &&
    script !== undefined &&
    world.env.BATON_HOOK_SPOOL !== '0' &&
    world.env.BATON_HOOK_BACKGROUND !== '0'
  ) {
    let spooledAs = spooled;
    try {
      const { payload } = parsePayload(text);
      if (spooledAs === undefined && !background.skip?.(payload)) {
        spooledAs = spooledName(
          spoolHook(home, name, text, world.clock.now(), pid, background.note?.(world.env)),
        );
        const { startBackground } = await import('./hook-hot-path.js');
        startBackground(home, script, world.env);
      }
    } catch (error) {
      reportFailure(hookWorld, name, event, error);
    }
    if (background.brief) {
      // The shell printed a prepared brief (install/prepared-start.ts): only the start is spooled.
      if (world.env.BATON_HOOK_BRIEF === '0' && spooledAs !== undefined) return 0;
      const { runBriefStorePath, runStoreHook } = await import('./hook-store-path.js');
      // Not spooled (it failed): recorded and briefed here and now, as without a worker.
      if (spooledAs === undefined) return runStoreHook(name, text, hookWorld);
      return runBriefStorePath(name, text, spooledAs, hookWorld);
    }
    if (background.reply !== undefined) world.stdout.write(background.reply);
    return 0;
  }
  if (isSpooledEvent(name, event) && world.env.BATON_HOOK_SPOOL !== '0') {
    try {
      spoolHook(home, name, text, world.clock.now(), pid);
    } catch (error) {
      reportFailure(hookWorld, name, event, error);
    }
    return 0;
  }
  const { runStoreHook } = await import('./hook-store-path.js');
  return runStoreHook(name, text, hookWorld);
}
