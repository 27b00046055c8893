// The daemon process itself (`baton daemon run`, which `baton daemon start` launches detached):
// takes the single-instance lock, opens the store, serves the API, and keeps the recorder going —
// a pass at start, one soon after anything changes in a watched folder, and one every poll
// interval in case the watcher missed something. SIGTERM or SIGINT: stop taking requests, let
// those in flight commit, make a last pass so nothing a hook or agent wrote is left waiting,
// checkpoint every active session, release the lock and resolve with exit code 0.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/index.js';
import { SqliteStore, storePath } from '../store/index.js';
import { startAutoSync } from '../sync/index.js';
import { refreshMirrors } from '../operations/index.js';
import { createApp } from './app.js';
import type { PidFile } from './daemon-control.js';
import { DEFAULT_PORT, daemonPaths } from './daemon-paths.js';
import { watchFolders } from './folder-watch.js';
import { acquireLock } from './instance-lock.js';
import { createRecorder } from './recorder.js';
import { mcpEndpoint } from './mcp-endpoint.js';
import { listen } from './server.js';
import { ensureToken } from './token-file.js';

export interface DaemonWorld {
  home: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  log: (line: string) => void;
  /** This Baton's version, written to daemon.pid so `baton doctor` can tell an outdated daemon. */
  version?: string;
  /** Resolves when the daemon should stop (the caller wires SIGTERM and SIGINT to it). */
  stopSignal: Promise<string>;
}

export type DaemonExit = { code: 0; alreadyRunning: number | null };

const DEFAULT_POLL_MS = 30_000;
const DAEMON_CACHE_MIB = 8;
/** Events recorded in one burst after which the daemon collects its garbage at once. */
const GC_AFTER_EVENTS = 1000;

export async function runDaemon(world: DaemonWorld): Promise<DaemonExit> {
  const paths = daemonPaths(world.home);
  const lock = acquireLock(paths.lock);
  if (!lock.held) {
    world.log(`already running (pid ${lock.ownerPid}); this one exits`);
    return { code: 0, alreadyRunning: lock.ownerPid };
  }
  try {
    await serveUntilStopped(world, paths);
  } finally {
    rmSync(paths.pid, { force: true });
    lock.release();
  }
  return { code: 0, alreadyRunning: null };
}

async function serveUntilStopped(world: DaemonWorld, paths: ReturnType<typeof daemonPaths>) {
  const timeout = Number(world.env.BATON_BUSY_TIMEOUT_MS);
  const store = SqliteStore.open({
    path: storePath(world.home),
    clock: world.clock,
    // The daemon runs for days: a small page cache keeps its memory flat (writes are appends,
    // reads are recent pages).
    cacheMiB: DAEMON_CACHE_MIB,
    ...(timeout > 0 && { busyTimeoutMs: timeout }),
  });
  const recorder = createRecorder({ ...world, store });
  const autoSync = startAutoSync({ ...world, store });
  // Made now if no hook has spooled yet, so the watcher sees the first spooled event at once
  // rather than at the next poll.
  const spool = join(world.home, 'spool');
  mkdirSync(spool, { recursive: true, mode: 0o700 });
  const watcher = watchFolders(() => void pass());
  // A burst is over (the daemon idles far more than it works): hand back the page cache it filled,
  // and after a large one collect its garbage now rather than when the heap next fills.
  let burst = 0;
  const endOfBurst = (recorded: number) => {
    burst += recorded;
    if (burst === 0) return;
    store.maintenance.releaseMemory();
    if (burst >= GC_AFTER_EVENTS) (globalThis as { gc?: () => void }).gc?.();
    burst = 0;
  };
  const pass = async () => {
    const r = await recorder.tick();
    if (r.spooled || r.imported || r.checkpoints || r.crashed) {
      world.log(
        `recorded: ${r.spooled} spooled, ${r.imported} from transcripts, ${r.checkpoints} checkpoint(s), ${r.crashed} crashed`,
      );
      autoSync?.nudge();
      refreshMirrors(store, world.clock.now());
    }
    watcher.watchOnly([spool, ...r.folders]);
    // The rest of a long append: read on at once, in a pass of its own.
    if (r.more && !closing.signal.aborted) {
      burst += r.imported + r.spooled;
      setImmediate(() => void pass());
    } else endOfBurst(r.imported + r.spooled);
    return r;
  };
  const closing = new AbortController();
  const token = ensureToken(paths.token);
  const appFor = (port: number) =>
    createApp(
      {
        store,
        clock: world.clock,
        env: world.env,
        home: world.home,
        token,
        port,
        ...(world.version && { version: world.version }),
        importNow: () => recorder.tickAll(),
        closing: closing.signal,
        mcp: mcpEndpoint(store, world.clock, world.env),
      },
      world.log,
    );
  const server = await listen(appFor, configuredPort(world.env, store));
  const pidFile: PidFile = {
    pid: process.pid,
    port: server.port,
    startedAt: world.clock.now(),
    ...(world.version && { version: world.version }),
  };
  writeFileSync(paths.pid, `${JSON.stringify(pidFile)}\n`);
  world.log(`listening on http://127.0.0.1:${server.port} (pid ${process.pid})`);
  const pollMs = Number(world.env.BATON_DAEMON_POLL_MS) || DEFAULT_POLL_MS;
  const poll = setInterval(() => void pass(), pollMs);
  await pass();
  const why = await world.stopSignal;
  world.log(`${why}: finishing writes in flight`);
  clearInterval(poll);
  watcher.close();
  closing.abort();
  await server.close();
  // Everything written so far, however long, before stopping.
  while ((await pass()).more);
  const checkpoints = await recorder.stop();
  await autoSync?.stop();
  store.close();
  world.log(`stopped (${checkpoints} session checkpoint(s) taken)`);
}

/** $BATON_DAEMON_PORT, else the `daemon.port` setting, else the documented default. */
export function configuredPort(
  env: NodeJS.ProcessEnv,
  store: { getSetting(key: string): unknown },
): number {
  const text = env.BATON_DAEMON_PORT?.trim();
  const fromEnv = Number(text);
  if (text && Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv < 65536) return fromEnv;
  const setting = store.getSetting('daemon.port');
  return typeof setting === 'number' ? setting : DEFAULT_PORT;
}
