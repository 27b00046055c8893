// The hook's store path, loaded only for events that need the store (lifecycle, and anything
// when spooling is off): opens the store with a short busy timeout and runs capture's hook
// runtime with the brief and triggers chosen in capture-wiring.
import { hookHandlerFor, runHook } from '../../capture/index.js';
import type { HookWorld } from '../../capture/index.js';
import { SqliteStore, storePath } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { wiredBrief, wiredTrigger } from '../capture-wiring.js';

/**
 * How long a hook waits for a store another process is writing (env BATON_HOOK_BUSY_MS). Hooks
 * are urgent writers (other writers let them go first) and, past this, spool their payload and
 * print SessionStart's brief from a snapshot — so this bounds the hook well inside every agent's
 * timeout (5 s for Claude Code's SessionEnd), with a drain's budget on top.
 */
const DEFAULT_BUSY_MS = 1500;

export function runStoreHook(
  agent: string,
  payloadText: string,
  world: HookWorld,
): Promise<number> {
  const busy = Number(world.env.BATON_HOOK_BUSY_MS);
  let opened: Store | undefined;
  const openStore = () =>
    (opened ??= SqliteStore.open({
      path: storePath(world.home),
      clock: world.clock,
      busyTimeoutMs: Number.isFinite(busy) && busy > 0 ? busy : DEFAULT_BUSY_MS,
      urgent: true,
    }));
  const openSnapshot = () =>
    SqliteStore.open({ path: storePath(world.home), clock: world.clock, readonly: true });
  return runHook(agent, payloadText, world, {
    handler: hookHandlerFor(agent)!,
    openStore,
    openSnapshot,
    brief: wiredBrief(world.clock),
    onTrigger: wiredTrigger(openStore, world.clock),
  });
}
