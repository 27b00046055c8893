// Auto-sync, run by the daemon when sync is set up: a push soon after anything new is written
// here (the daemon nudges it after each pass that recorded something, and a cheap local check
// catches writes made by other processes), and a pull whenever the vault's change sequence has
// moved past this store's position. Rounds never overlap and share one connection; when the server
// is away, one line is logged, the connection is dropped, and rounds back off until it returns.
// Nothing is lost meanwhile: positions only move after a batch is on the server or in the store.
import type { Store } from '../store/index.js';
import type { PullReport, PushReport } from './sync-engine.js';
import { SyncEngine } from './sync-engine.js';
import { readSyncConfig, remoteName, syncKeyPath } from './sync-config.js';
import type { SyncTarget } from './sync-target.js';
import { readKeyFile } from './vault-key.js';
import { PostgresSyncTarget } from './postgres/postgres-sync-target.js';

export interface AutoSyncWorld {
  store: Store;
  home: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Opens the vault (PostgreSQL by default). */
  connect?: (remote: string, vault: string) => Promise<SyncTarget>;
}

export interface AutoSyncRound {
  pushed: PushReport | null;
  pulled: PullReport | null;
  error: string | null;
}

export interface AutoSync {
  /** Something was written here: push soon. */
  nudge(): void;
  /** One round now (waits for a round in flight first). */
  round(): Promise<AutoSyncRound>;
  /** Waits for the round in flight, pushes what is left if the server answers, and stops. */
  stop(): Promise<void>;
}

/** How often the store and the vault are looked at; BATON_SYNC_EVERY_MS changes it. */
const EVERY_MS = 250;
/** The vault is asked every other look. */
const PULL_EVERY = 2;
const NUDGE_MS = 20;
/** Chosen files are read and compared every this many looks (reading them is not free). */
const FILES_EVERY = 20;
const MAX_BACKOFF_MS = 30_000;

/** Auto-sync for this store, or null when sync is not set up (or BATON_SYNC_AUTO=0). */
export function startAutoSync(world: AutoSyncWorld): AutoSync | null {
  const config = readSyncConfig(world.store, world.env);
  if (!config || world.env.BATON_SYNC_AUTO === '0') return null;
  let key: Buffer;
  try {
    key = readKeyFile(syncKeyPath(world.home, config.vault), config.vault);
  } catch (error) {
    world.log(`auto-sync off: ${(error as Error).message}`);
    return null;
  }
  const connect = world.connect ?? ((r, v) => PostgresSyncTarget.connect(r, v));
  const every = Number(world.env.BATON_SYNC_EVERY_MS) || EVERY_MS;
  let target: SyncTarget | null = null;
  let engine: SyncEngine | null = null;
  let looks = 0;
  let backoff = 0;
  let lastError: string | null = null;
  let inFlight: Promise<AutoSyncRound> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let dueAt = 0;
  let stopped = false;

  const open = async (): Promise<SyncEngine> => {
    if (engine) return engine;
    target = await connect(config.remote, config.vault);
    engine = new SyncEngine({
      store: world.store,
      target,
      key,
      vault: config.vault,
      remoteName: remoteName(config.remote, config.vault),
      auditIdle: false,
      ...(world.env.HOME && { userHome: world.env.HOME }),
    });
    return engine;
  };
  const drop = async () => {
    const t = target;
    target = null;
    engine = null;
    await t?.close();
  };

  const once = async (pullToo: boolean, files = false): Promise<AutoSyncRound> => {
    const out: AutoSyncRound = { pushed: null, pulled: null, error: null };
    try {
      const e = await open();
      if (e.hasLocalChanges(files)) out.pushed = await e.push();
      if (pullToo && (await e.hasRemoteChanges())) out.pulled = await e.pull();
      if (lastError) world.log('auto-sync: the sync server answers again');
      lastError = null;
      backoff = 0;
    } catch (error) {
      out.error = (error as Error).message;
      // One line per outage, not one per round.
      if (lastError === null) world.log(`auto-sync: ${out.error}`);
      lastError = out.error;
      backoff = Math.min(MAX_BACKOFF_MS, Math.max(every * 4, backoff * 2));
      await drop();
    }
    return out;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    const at = Date.now() + ms;
    if (timer && dueAt <= at) return;
    if (timer) clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => {
      timer = null;
      looks += 1;
      const pullToo = backoff > 0 || (looks - 1) % PULL_EVERY === 0;
      void run(pullToo, (looks - 1) % FILES_EVERY === 0).then(() => schedule(backoff || every));
    }, ms);
    timer.unref?.();
  };

  const run = async (pullToo: boolean, files = false): Promise<AutoSyncRound> => {
    while (inFlight) await inFlight;
    if (stopped) return { pushed: null, pulled: null, error: null };
    inFlight = once(pullToo, files);
    try {
      return await inFlight;
    } finally {
      inFlight = null;
    }
  };

  schedule(0);
  return {
    nudge: () => {
      if (backoff === 0) schedule(NUDGE_MS);
    },
    round: () => run(true, true),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (inFlight) await inFlight;
      if (!lastError) await once(false, true);
      await drop();
    },
  };
}
