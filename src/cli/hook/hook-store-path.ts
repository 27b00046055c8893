// The hook's store path, loaded only for events that need the store (lifecycle, and anything
// when spooling is off): opens the store with a short busy timeout and runs capture's hook
// runtime with the brief and triggers chosen in capture-wiring.
import {
  hookHandlerFor,
  pendingWorkers,
  prepareBriefs,
  runBriefHook,
  runHook,
  runSpoolWorker,
  spoolState,
  startWorker,
  waitForWorkers,
} from '../../capture/index.js';
import type { HookWorld } from '../../capture/index.js';
import { SqliteStore, storePath } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import {
  memoGit,
  wiredBrief,
  wiredCrashCheck,
  wiredCrashPending,
  wiredTrigger,
} from '../capture-wiring.js';
// eslint-disable-next-line no-restricted-imports -- the daemon's door would bring its HTTP API into the hook bundle
import { autostartDaemon } from '../../daemon/daemon-autostart.js';

/**
 * How long a hook waits for a store another process is writing (env BATON_HOOK_BUSY_MS). Hooks
 * are urgent writers (other writers let them go first) and, past this, spool their payload and
 * print SessionStart's brief from a snapshot — so this bounds the hook well inside every agent's
 * timeout (5 s for Claude Code's SessionEnd), with a drain's budget on top.
 */
const DEFAULT_BUSY_MS = 1500;

/**
 * How long a store hook waits for background workers still replaying earlier payloads (a turn's
 * or a session's end), so that what it drains and briefs comes after them; SessionStart's brief
 * waits this long at most for the replays it needs (env BATON_HOOK_WAIT_MS).
 */
const WORKER_WAIT_MS = 2000;

/**
 * The store read-only as one snapshot, for a brief: the spool's worker may commit this very start
 * while the brief is read, and a brief reading across that commit would not know the new session
 * is the one asking, and describe it instead of the last one.
 */
export function openHookSnapshot(world: Pick<HookWorld, 'home' | 'clock'>): Store {
  return SqliteStore.open({
    path: storePath(world.home),
    clock: world.clock,
    readonly: true,
    snapshot: true,
  });
}

export function runStoreHook(
  agent: string,
  payloadText: string,
  world: HookWorld,
): Promise<number> {
  waitForWorkers(world.home, WORKER_WAIT_MS);
  const busy = Number(world.env.BATON_HOOK_BUSY_MS);
  let opened: Store | undefined;
  let autostart = false;
  const openStore = () => {
    if (opened) return opened;
    opened = SqliteStore.open({
      path: storePath(world.home),
      clock: world.clock,
      busyTimeoutMs: Number.isFinite(busy) && busy > 0 ? busy : DEFAULT_BUSY_MS,
      urgent: true,
    });
    // Read now: the hook runtime closes the store before it returns.
    autostart = opened.getSetting('daemon.autostart') === true;
    return opened;
  };
  return runHook(agent, payloadText, world, {
    handler: hookHandlerFor(agent)!,
    openStore,
    openSnapshot: () => openHookSnapshot(world),
    brief: wiredBrief(world.clock),
    snapshotBrief: wiredBrief(world.clock, { readOnly: true }),
    onTrigger: wiredTrigger(openStore, world.clock),
  }).finally(() => {
    if (autostart) maybeStartDaemon(world);
  });
}

/**
 * SessionStart once its payload is spooled and the worker started: the brief alone, read-only
 * (capture's hook-brief.ts says when it waits for the worker, and for what).
 */
export function runBriefStorePath(
  agent: string,
  payloadText: string,
  spooled: string,
  world: HookWorld,
): Promise<number> {
  const wait = Number(world.env.BATON_HOOK_WAIT_MS);
  let autostart = false;
  return runBriefHook(agent, payloadText, spooled, world, {
    openSnapshot: () => openHookSnapshot(world),
    brief: wiredBrief(world.clock, { readOnly: true }),
    crashPending: wiredCrashPending(world.clock),
    waitMs: Number.isFinite(wait) && wait >= 0 ? wait : WORKER_WAIT_MS,
    after: (store) => {
      autostart = store.getSetting('daemon.autostart') === true;
    },
  }).finally(() => {
    if (autostart) maybeStartDaemon(world);
  });
}

/**
 * With `daemon.autostart` on, a lifecycle hook starts the daemon when none runs (detached, not
 * waited for). A failure here is the daemon's, never the hook's.
 */
function maybeStartDaemon(world: HookWorld): void {
  try {
    const script = process.argv[1];
    if (!script) return;
    autostartDaemon(world.home, world.env, { command: process.execPath, args: [script] });
  } catch {
    // The hook's own work is done; a daemon that cannot start shows in `baton daemon status`.
  }
}

/** A worker may wait this long for the store (it holds no agent up). */
const WORKER_BUSY_MS = 10_000;

/**
 * `baton hook --background`: the spool's worker (capture's spool-worker.ts), with the store, the
 * brief and the checkpoint triggers wired here.
 */
export function runBackgroundWorker(world: HookWorld): Promise<number> {
  return runSpoolWorker(world, {
    openStore: () =>
      SqliteStore.open({
        path: storePath(world.home),
        clock: world.clock,
        busyTimeoutMs: WORKER_BUSY_MS,
      }),
    // A replayed start's brief is printed nowhere: only the crashes it would mark are wanted.
    brief: wiredCrashCheck(world.clock),
    // The next SessionStart's brief, for the shell to print while it stays exact.
    prepare: (cwds) => {
      const git = memoGit();
      return prepareBriefs(world.home, cwds, {
        openSnapshot: () => openHookSnapshot(world),
        briefAt: (now) => wiredBrief({ now: () => now }, { readOnly: true, git }),
        storePath: storePath(world.home),
        env: world.env,
      });
    },
    onTrigger: (store) => wiredTrigger(store, world.clock),
    successor: () => {
      const script = process.argv[1];
      if (!script) return;
      try {
        startWorker(world.home, script, world.env);
      } catch {
        // The payloads wait for the next hook's worker.
      }
    },
  });
}

/** How long `baton hook --wait` waits for the background work. */
const WAIT_LIMIT_MS = 60_000;

/**
 * `baton hook --wait`: returns once no background worker runs (0), or says which still run after
 * a minute (1). Tests call it before reading what a session's end recorded. Payloads a turn's end
 * left waiting for a later worker (the shell spools them and starts none at once:
 * capture/install/spool-command.ts) are drained too, by a worker started here (`script`).
 */
export function waitForBackground(
  home: string,
  world: { env: NodeJS.ProcessEnv; stderr: NodeJS.WritableStream },
  script?: string,
): number {
  let settled = waitForWorkers(home, WAIT_LIMIT_MS);
  if (settled && script !== undefined && spoolState(home).waiting > 0) {
    try {
      startWorker(home, script, world.env);
    } catch {
      // They wait for the next worker.
    }
    settled = waitForWorkers(home, WAIT_LIMIT_MS);
  }
  if (settled) return 0;
  world.stderr.write(
    `baton hook --wait: background work still running after ${WAIT_LIMIT_MS / 1000} s (pids ${pendingWorkers(home).join(', ')})\n`,
  );
  return 1;
}
