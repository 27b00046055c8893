// The hook's hot entry (dist/hook.cjs): `bin/baton.js hook <agent>` runs this on every tool call of
// an agent, so it is bundled alone, as CommonJS (Node's ESM loader by itself costs a few ms), and
// does only what a spooled event needs: read fd 0, decide, write one fsync'd file. It never
// creates process.stdin/stdout/stderr (that loads Node's net and tty machinery). SessionStart is
// spooled here too (its worker started before anything big is loaded, so the fork is cheap); the
// full hook then only prints the brief, read-only. Everything else —
// lifecycle events, an unknown agent, a payload that does not parse, a failed spool — goes to the
// full hook (hook-main.ts, dist/hook-full.cjs), loaded only then, which handles it as it always has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// Straight from the file, not the store's door: the door would bring SQLite into the bundle.
import { resolveHome } from '../../store/paths.js';
import { spoolHotEvent } from './hook-hot-path.js';
import type * as HookMain from './hook-main.js';

/** The payload: Codex's `notify` passes it as an argument; else fd 0, read whole. */
function payload(): string | undefined {
  const arg = process.argv[4];
  if (arg !== undefined) return arg;
  try {
    return readFileSync(0, 'utf8');
  } catch {
    // A non-blocking stdin (EAGAIN): the full hook reads it as a stream.
    return undefined;
  }
}

/** Says why on stderr, still exiting 0: the agent must not notice. */
function complain(message: string): void {
  process.stderr.write(`baton hook: ${message}\n`);
  process.exitCode = 0;
}

type FullHook = typeof HookMain;

/**
 * The full hook: on Node ≥ 22.1 with Node's compile cache on, else (Node 20) compiled with a code
 * cache of our own in Baton's home (code-cache.ts), saved once the first run is done.
 */
async function loadFullHook(): Promise<FullHook> {
  const module = (await import('node:module')) as { enableCompileCache?: () => unknown };
  if (module.enableCompileCache) {
    module.enableCompileCache();
    return import('./hook-main.js');
  }
  const { requireWithCodeCache } = await import('./code-cache.js');
  // hook.cjs is CommonJS: the full hook sits beside it.
  const file = join(__dirname, 'hook-full.cjs');
  const loaded = requireWithCodeCache(file, join(resolveHome(process.env), 'cache'));
  if (!loaded.hit) process.once('beforeExit', () => loaded.save());
  return loaded.exports as FullHook;
}

/** `spooled`: the payload's spooled name when only SessionStart's brief is left to print. */
function fullHook(text: string | undefined, spooled?: string): void {
  loadFullHook()
    .then(
      (full) => full.runHookMain(text, spooled),
      (error: unknown) => complain(`cannot load dist/hook-full.cjs: ${String(error)}`),
    )
    .catch((error: unknown) => complain(String(error)));
}

// `--background` (the spool's worker) and `--wait` read no payload.
const text = process.argv[3]?.startsWith('--') ? undefined : payload();
let done: ReturnType<typeof spoolHotEvent> = false;
if (text !== undefined) {
  try {
    done = spoolHotEvent(
      process.argv[3] ?? '',
      text,
      process.env,
      Date.now(),
      process.pid,
      process.argv[1],
    );
  } catch {
    // The full hook spools it again and, if that fails too, logs why.
  }
}
if (done === false) fullHook(text);
// `BATON_HOOK_BRIEF=0`: the shell printed a prepared brief (install/prepared-start.ts); only the
// start is spooled here.
else if (done !== true && process.env.BATON_HOOK_BRIEF !== '0') fullHook(text, done.briefAfter);
