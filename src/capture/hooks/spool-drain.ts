// Moves spooled hook payloads into the store, oldest first, by replaying each through its agent's
// hook handler with the clock fixed at the moment the hook ran — so a spooled event is stored
// exactly as if the hook had written it directly, a tool's result after its call (spool-order.ts).
// Nothing spooled is lost:
// - each file is claimed by renaming it first, so two drainers never replay it at once; a claim
//   left by a drainer that died (agents kill hooks past their timeout) is taken over;
// - each replay commits together with the file's name (Store.once), so a file replayed again
//   after a kill between the commit and its removal adds nothing;
// - a busy store puts the file back and ends the drain (the next one retries it); only a payload
//   that can never be replayed (not JSON, unknown agent) goes to spool/failed/, which every drain
//   retries too and `baton doctor` reports.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { classifyError, fixedClock } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HookContext } from '../adapter.js';
import { hookHandlerFor } from './hook-handlers.js';
import { openSpooled, sealPlainSpooled } from './spool-crypt.js';
import { callsBeforeResults } from './spool-order.js';
import { SPOOL_SUFFIX, spoolDir } from './spool-write.js';

export interface DrainResult {
  replayed: number;
  failed: { file: string; message: string }[];
  /** Files left for a later drain (the store was busy, or the time was up). */
  left: number;
  /** The folders (payloads' `cwd`) of the payloads replayed. */
  cwds: string[];
}

export interface DrainOptions {
  pid?: number;
  /** Stop claiming files after this many ms (the rest waits for the next drain). */
  budgetMs?: number;
  now?: () => number;
}

const CLAIM = '.claimed-';
/** Replay keys older than this are forgotten: no file stays claimed that long. */
const ONCE_KEEP_MS = 7 * 24 * 3600_000;

/** How many payloads wait in the spool, and how many could not be replayed (for doctor). */
export function spoolState(home: string): { waiting: number; claimed: number; failed: number } {
  const count = (dir: string, test: (f: string) => boolean) => {
    try {
      return readdirSync(dir).filter(test).length;
    } catch {
      return 0;
    }
  };
  const dir = spoolDir(home);
  return {
    waiting: count(dir, (f) => f.endsWith(SPOOL_SUFFIX)),
    claimed: count(dir, (f) => f.includes(SPOOL_SUFFIX + CLAIM)),
    failed: count(join(dir, 'failed'), (f) => f.endsWith(SPOOL_SUFFIX)),
  };
}

/** How many payloads wait in the spool (for diagnostics). */
export function spooledCount(home: string): number {
  return spoolState(home).waiting;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Pending {
  /** The payload's own name (`<time>-<pid>-<n>-<rand>.hook`): its identity and its order. */
  name: string;
  /** Where it is now. */
  path: string;
}

/** Every file a drain should replay, oldest first: waiting, orphaned claims, failed before. */
function pending(dir: string, pid: number): Pending[] {
  const found: Pending[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const f of names) {
    if (f.endsWith(SPOOL_SUFFIX)) found.push({ name: f, path: join(dir, f) });
    const at = f.indexOf(SPOOL_SUFFIX + CLAIM);
    if (at > 0) {
      const owner = Number(f.slice(at + SPOOL_SUFFIX.length + CLAIM.length));
      if (owner !== pid && !alive(owner)) {
        found.push({ name: f.slice(0, at + SPOOL_SUFFIX.length), path: join(dir, f) });
      }
    }
  }
  try {
    for (const f of readdirSync(join(dir, 'failed'))) {
      if (f.endsWith(SPOOL_SUFFIX)) found.push({ name: f, path: join(dir, 'failed', f) });
    }
  } catch {
    // No failed payloads.
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Spooled = {
  agent: string;
  receivedAt: number;
  payload: unknown;
  note?: Record<string, unknown>;
};

interface Claimed {
  name: string;
  /** Whether it came from spool/failed/ (its failure was reported when it first failed). */
  retried: boolean;
  claimed: string;
  /** The payload as spool-order reads it (a header line, then the payload's JSON). */
  text: string;
  spooled: Spooled | { message: string };
}

/** Claims every pending file and reads it (a file another drainer took is skipped). */
function claimAll(home: string, dir: string, pid: number): Claimed[] {
  const out: Claimed[] = [];
  for (const { name, path } of pending(dir, pid)) {
    const claimed = join(dir, `${name}${CLAIM}${pid}`);
    try {
      renameSync(path, claimed);
    } catch {
      continue; // Another drainer took it.
    }
    let spooled: Claimed['spooled'];
    try {
      spooled = openSpooled(home, readFileSync(claimed, 'utf8'));
    } catch (error) {
      spooled = { message: (error as Error).message };
    }
    const text = 'payload' in spooled ? `\n${JSON.stringify(spooled.payload)}` : '';
    out.push({ name, retried: path.includes(join('failed', name)), claimed, text, spooled });
  }
  return out;
}

/**
 * How long one drain transaction may run: its replays share one commit (one fsync, one turn at
 * the write lock) instead of one each, and the lock is handed back this often to other writers.
 */
const SLICE_MS = 50;

export async function drainSpool(
  store: Store,
  home: string,
  ctx: Omit<HookContext, 'store' | 'clock'>,
  options: DrainOptions | number = {},
): Promise<DrainResult> {
  const opts = typeof options === 'number' ? { pid: options } : options;
  const pid = opts.pid ?? process.pid;
  const now = opts.now ?? Date.now;
  const start = now();
  const dir = spoolDir(home);
  const result: DrainResult = { replayed: 0, failed: [], left: 0, cwds: [] };
  const files = callsBeforeResults(claimAll(home, dir, pid));
  const putBack = (f: Claimed) => {
    sealQuietly(home, f.claimed);
    renameSync(f.claimed, join(dir, f.name));
    result.left += 1;
  };
  let at = 0;
  let stopped = false;
  while (at < files.length && !stopped) {
    if (opts.budgetMs !== undefined && now() - start > opts.budgetMs) break;
    // One slice: replays in one transaction; a file is removed only once its replay committed.
    const done: Claimed[] = [];
    let tried = at;
    try {
      await store.onceBatch(async () => {
        const sliceStart = now();
        for (; tried < files.length; tried++) {
          if (tried > at && now() - sliceStart > SLICE_MS) break;
          const f = files[tried]!;
          const outcome = await replayFile(store, f.spooled, f.name, ctx);
          if (outcome === 'busy') {
            stopped = true;
            break;
          }
          if (outcome === 'done') done.push(f);
          else {
            // Reported once, when it first fails; doctor counts what stays in failed/.
            if (!f.retried) result.failed.push({ file: f.name, message: outcome.message });
            mkdirSync(join(dir, 'failed'), { recursive: true, mode: 0o700 });
            sealQuietly(home, f.claimed);
            renameSync(f.claimed, join(dir, 'failed', f.name));
          }
        }
        // In the last slice's commit, not one of its own.
        if (done.length > 0 && tried >= files.length) store.forgetOnceKeys(now() - ONCE_KEEP_MS);
      });
    } catch (error) {
      // The store stayed busy (or the commit failed): nothing of this slice was kept.
      const e = classifyError(error);
      if (e.code !== 'STORE_LOCKED' && e.code !== 'IO') throw error;
      for (const f of done) putBack(f);
      stopped = true;
      continue;
    }
    // unlinkSync, not rmSync: Node 20's rmSync loads its rimraf module, milliseconds of a hook.
    for (const f of done) unlinkQuietly(f.claimed);
    result.replayed += done.length;
    for (const f of done) {
      const cwd = 'payload' in f.spooled ? (f.spooled.payload as { cwd?: unknown })?.cwd : null;
      if (typeof cwd === 'string') result.cwds.push(cwd);
    }
    at = tried;
  }
  // What was not replayed goes back to the spool, for the next drain.
  for (; at < files.length; at++) {
    const f = files[at]!;
    if (existsSync(f.claimed)) putBack(f);
  }
  return result;
}

/** A plain spool file (the shell's) is sealed before it is kept; if that fails it stays as it is. */
function sealQuietly(home: string, path: string): void {
  try {
    sealPlainSpooled(home, path);
  } catch {
    // Kept in plain text rather than lost.
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already: a later drain found its key and removed it.
  }
}

async function replayFile(
  store: Store,
  spooled: Claimed['spooled'],
  name: string,
  ctx: Omit<HookContext, 'store' | 'clock'>,
): Promise<'done' | 'busy' | { message: string }> {
  if (!('payload' in spooled)) return spooled;
  const handler = hookHandlerFor(spooled.agent);
  if (handler === null) return { message: `spooled payload of unknown agent "${spooled.agent}"` };
  try {
    await store.once(`spool:${name}`, async () => {
      await handler(spooled.payload, {
        ...ctx,
        store: () => store,
        clock: fixedClock(spooled.receivedAt),
        replayed: spooled.note ?? {},
      });
    });
  } catch (error) {
    const e = classifyError(error);
    if (e.code === 'STORE_LOCKED' || e.code === 'IO') return 'busy';
    return { message: e.message };
  }
  return 'done';
}
