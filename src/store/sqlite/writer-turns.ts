// SQLite hands its write lock to whoever asks at the right moment: a process waiting in its busy
// handler polls every few to 100 ms, so a bulk writer that commits and begins again at once can
// keep a hook waiting for seconds. Urgent writers (hooks: an agent waits on them) say so with a
// file in `<store>-urgent/` while their store is open; every other writer, before it begins a
// write transaction, waits while such a file names a live process — for at most a bound, so a
// stuck hook cannot stop an import.
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long a bulk writer waits for urgent ones before it takes its turn anyway. */
const MAX_YIELD_MS = 2000;
/** A marker older than this is a hook that died without removing it. */
const STALE_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export const urgentDir = (storePath: string) => `${storePath}-urgent`;

/** Marks this process an urgent writer of the store at `storePath`; returns how to unmark it. */
export function announceUrgent(storePath: string, pid: number): () => void {
  const dir = urgentDir(storePath);
  const file = join(dir, `${pid}-${Math.random().toString(36).slice(2, 10)}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, '', { mode: 0o600 });
  } catch {
    return () => undefined; // Without the marker the hook still writes, only with less priority.
  }
  // unlinkSync, not rmSync: Node 20's rmSync loads its rimraf module, milliseconds of a hook.
  return () => {
    try {
      unlinkSync(file);
    } catch {
      // Already gone (a reader removed it as stale): nothing to release.
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live urgent writer waits for the store at `storePath` (stale markers are removed). */
export function urgentWaiting(storePath: string, now = Date.now()): boolean {
  const dir = urgentDir(storePath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  for (const name of names) {
    const file = join(dir, name);
    const pid = Number(name.split('-')[0]);
    let fresh = false;
    try {
      fresh = now - statSync(file).mtimeMs < STALE_MS;
    } catch {
      continue; // Removed meanwhile.
    }
    if (fresh && pid > 0 && (pid === process.pid || alive(pid))) {
      if (pid !== process.pid) return true;
      continue;
    }
    rmSync(file, { force: true });
  }
  return false;
}

/** Waits (blocking, in small steps) while an urgent writer waits, up to MAX_YIELD_MS. */
export function yieldToUrgent(storePath: string, maxMs = MAX_YIELD_MS): number {
  const start = Date.now();
  while (urgentWaiting(storePath) && Date.now() - start < maxMs) Atomics.wait(sleeper, 0, 0, 5);
  return Date.now() - start;
}
