// The single-instance lock: a file created exclusively (O_EXCL) holding the owner's pid. A lock
// whose owner is gone (kill -9, a reboot) is stale and taken over; two starters racing for a
// stale lock both try to remove it and re-create it exclusively, so only one wins.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

export type LockResult = { held: true; release(): void } | { held: false; ownerPid: number };

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireLock(path: string, pid: number = process.pid): LockResult {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return { held: true, release: () => releaseIfMine(path, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = lockOwner(path);
    if (owner !== null && owner !== pid) return { held: false, ownerPid: owner };
    rmSync(path, { force: true });
  }
  return { held: false, ownerPid: lockOwner(path) ?? 0 };
}

function releaseIfMine(path: string, pid: number): void {
  try {
    if (Number(readFileSync(path, 'utf8').trim()) === pid) rmSync(path, { force: true });
  } catch {
    // Already gone.
  }
}
