// The spool's background worker loop (`baton hook --background`, started by spool-background.ts):
// while it holds the drain lock it drains the spool into the store, replaying the lifecycle
// payloads hooks left to it, and it goes round again while new payloads keep arriving (their own
// worker found the lock taken and left them to this one). The CLI only wires in how the store is
// opened and what a replay's brief and checkpoint triggers are, as it does for runHook.
import type { Store } from '../../store/index.js';
import type { BriefProvider, TriggerCallback } from '../adapter.js';
import { logFailure, reportFailure } from './hook-runtime.js';
import type { HookWorld } from './hook-runtime.js';
import { releaseWorkerLock, takeWorkerLock, workerDone } from './spool-background.js';
import { drainSpool, spoolState } from './spool-drain.js';

export interface SpoolWorkerDeps {
  /**
   * Starts a fresh worker: called when this one has drained its rounds and payloads still keep
   * arriving (hooks that found its lock taken started none).
   */
  successor?: () => void;
  /** Opens the store for one round (closed at the end of the round). */
  openStore: () => Store;
  /** The brief a replayed SessionStart asks for (its text is not printed anywhere). */
  brief: BriefProvider;
  /** Checkpoint triggers, given the round's store. */
  onTrigger?: (store: () => Store) => TriggerCallback;
  /**
   * Called once the spool is empty, with the folders of the payloads this worker replayed: the
   * briefs their next SessionStart can be served from the shell (prepared-brief.ts).
   */
  prepare?: (cwds: string[]) => Promise<void>;
}

/** Drains at most this many times in a row (each after new payloads arrived). */
const WORKER_ROUNDS = 20;

/** Runs the worker until the spool is empty or another worker holds the lock. Always 0. */
export async function runSpoolWorker(world: HookWorld, deps: SpoolWorkerDeps): Promise<number> {
  const cwds: string[] = [];
  // Still noted as running meanwhile: a SessionStart falls back to the Node hook until it is done.
  const prepare = async () => {
    if (cwds.length === 0 || !deps.prepare || spoolState(world.home).waiting !== 0) return;
    try {
      await deps.prepare(cwds);
    } catch (error) {
      reportFailure(world, 'background', 'prepare', error);
    }
  };
  try {
    for (let round = 0; round < WORKER_ROUNDS; round++) {
      if (!takeWorkerLock(world.home, world.pid)) return 0;
      let replayed = 0;
      try {
        const drained = await drainOnce(world, deps);
        replayed = drained.replayed;
        cwds.push(...drained.cwds);
      } finally {
        releaseWorkerLock(world.home);
      }
      // Payloads spooled while the lock was held: their hook saw it taken and started no worker
      // (or one that left at once), so this one looks again — after releasing the lock, so a
      // payload spooled after that look sees the lock free and starts a worker itself.
      if (spoolState(world.home).waiting === 0) {
        await prepare();
        return 0;
      }
      // Nothing could be replayed (the store stayed busy): the next hook's worker tries again.
      if (replayed === 0) return 0;
    }
    deps.successor?.();
    return 0;
  } catch (error) {
    reportFailure(world, 'background', 'drain', error);
    return 0;
  } finally {
    workerDone(world.home, world.pid);
  }
}

async function drainOnce(
  world: HookWorld,
  deps: SpoolWorkerDeps,
): Promise<{ replayed: number; cwds: string[] }> {
  let opened: Store | undefined;
  const openStore = () => (opened ??= deps.openStore());
  try {
    const store = openStore();
    const drained = await drainSpool(
      store,
      world.home,
      {
        env: world.env,
        brief: deps.brief,
        ...(deps.onTrigger && { onTrigger: deps.onTrigger(openStore) }),
      },
      { pid: world.pid },
    );
    for (const f of drained.failed)
      logFailure(world, 'background', 'spool', `${f.file}: ${f.message}`);
    return drained;
  } finally {
    opened?.close();
  }
}
