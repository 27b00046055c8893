// The spool's background worker: lifecycle hooks whose answer the agent does not need (turn and
// session ends; `background` in the hook tables) spool their payload and start a detached worker
// (`baton hook --background`) that drains the spool into the store, so the agent never waits for a
// transcript sweep. The worker runs in a process group of its own with its stdio ignored, so an
// agent that kills its hooks' processes at exit (Claude Code's `-p`) does not kill it.
// - Each started worker is noted as `spool/workers/<pid>`, written by the hook that started it
//   before the hook returns, and removed by the worker as it exits: `pendingWorkers` (a note whose
//   process is gone is stale and removed) is how SessionStart and `baton hook --wait` know that
//   background work is still going on.
// - One worker drains at a time (`spool/worker.lock`, holding its pid); a worker that finds the
//   lock taken exits at once, and the holder looks at the spool again after releasing it, so a
//   payload spooled meanwhile is never left behind. So a hook that finds the lock held by a live
//   worker after spooling starts no worker at all (workerHoldsLock): a Node start saved.
// - A worker runs at the lowest CPU priority (nice 19, lowerPriority): on a busy machine it yields
//   to the agent it records. The one wait on it that an agent feels — SessionStart's brief, bounded
//   — asks for its priority back where the system lets it (raisePriority).
// Only leaf modules here: the hot hook bundle imports this file.
import { linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spoolDir } from './spool-write.js';

/** Where running workers are noted (also the start a prepared SessionStart hands on: prepared-start.ts). */
export const workersDir = (home: string) => join(spoolDir(home), 'workers');
/** A detached hook job's note is `hook-<pid>` and holds the folder the agent ran the hook in. */
export const HOOK_JOB_PREFIX = 'hook-';

const notedPid = (name: string) =>
  Number(name.startsWith(HOOK_JOB_PREFIX) ? name.slice(HOOK_JOB_PREFIX.length) : name);
/** The drain lock's name in the spool folder (it holds the pid of the worker draining). */
export const WORKER_LOCK = 'worker.lock';
const lockPath = (home: string) => join(spoolDir(home), WORKER_LOCK);

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts a detached worker: `node <script> hook --background`, `script` being Baton's launcher
 * (bin/baton.js). Notes its pid before returning.
 */
export function startWorker(home: string, script: string, env: NodeJS.ProcessEnv): void {
  // Loaded only here: node:child_process brings Node's stream and net machinery, which a tool
  // hook (the hot bundle imports this file) must not pay for.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(process.execPath, [script, 'hook', '--background'], {
    detached: true,
    stdio: 'ignore',
    env,
  });
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the background worker');
  lowerPriority(child.pid, env);
  mkdirSync(workersDir(home), { recursive: true, mode: 0o700 });
  writeFileSync(join(workersDir(home), String(child.pid)), '', { mode: 0o600 });
}

/** The nice value of Baton's background processes: the lowest CPU priority there is. */
export const BACKGROUND_NICE = 19;

/** BATON_BACKGROUND_NICE (0–19; e.g. 0 to A/B it), else BACKGROUND_NICE. */
function backgroundNice(env: NodeJS.ProcessEnv): number {
  const asked = Number(env.BATON_BACKGROUND_NICE ?? BACKGROUND_NICE);
  return Number.isFinite(asked) ? Math.max(0, Math.min(19, Math.round(asked))) : BACKGROUND_NICE;
}

/**
 * The ids of a process's threads (Linux: /proc/<pid>/task); just the pid elsewhere, where
 * setpriority(2) sets a whole process at once.
 */
function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}

/**
 * Puts a background process just started at the lowest CPU priority (BATON_BACKGROUND_NICE in
 * `env` may choose another nice value; 0 leaves it as started). Linux sets a nice value per
 * thread: the main thread first (threads it starts later inherit it), then every thread it may
 * already have started (Node's own start). A process already gone is no failure.
 */
export function lowerPriority(pid: number, env: NodeJS.ProcessEnv = {}): void {
  const nice = backgroundNice(env);
  if (nice === 0) return;
  const os = process.getBuiltinModule('node:os');
  const set = (id: number) => {
    try {
      os.setPriority(id, nice);
    } catch {
      // Gone already, or not ours to change: it runs at the priority it was given.
    }
  };
  set(pid);
  for (const id of threadsOf(pid)) if (id !== pid) set(id);
}

/**
 * Gives a background process (each of its threads) this process's own priority back, when the
 * system allows it (raising a priority needs CAP_SYS_NICE or RLIMIT_NICE on Linux); true when it
 * did. SessionStart's brief waits on the workers with this: while it waits, its agent waits too.
 */
export function raisePriority(pid: number): boolean {
  const os = process.getBuiltinModule('node:os');
  let own: number;
  try {
    own = os.getPriority();
    if (os.getPriority(pid) <= own) return true;
  } catch {
    return false;
  }
  let raised = true;
  for (const id of threadsOf(pid)) {
    try {
      os.setPriority(id, own);
    } catch {
      raised = false;
    }
  }
  return raised;
}

/** The pids of workers started and still running; notes of workers gone are removed. */
export function pendingWorkers(home: string, self: number = process.pid): number[] {
  let names: string[];
  try {
    names = readdirSync(workersDir(home));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = notedPid(name);
    if (pid === self) continue;
    if (alive(pid)) live.push(pid);
    else rmSync(join(workersDir(home), name), { force: true });
  }
  return live;
}

/**
 * The detached hook jobs still running (they may not have spooled their payload yet), each with the
 * folder it was started in; notes of jobs gone are removed.
 */
export function pendingHookJobs(home: string): { pid: number; cwd: string }[] {
  let names: string[];
  try {
    names = readdirSync(workersDir(home));
  } catch {
    return [];
  }
  const live: { pid: number; cwd: string }[] = [];
  for (const name of names) {
    if (!name.startsWith(HOOK_JOB_PREFIX)) continue;
    const pid = notedPid(name);
    const note = join(workersDir(home), name);
    if (!alive(pid)) {
      rmSync(note, { force: true });
      continue;
    }
    try {
      live.push({ pid, cwd: readFileSync(note, 'utf8') });
    } catch {
      // Gone meanwhile.
    }
  }
  return live;
}

/**
 * Waits until no detached hook job started in a folder of the project (`ofProject`) runs, up to
 * `timeoutMs`: such a job may be about to spool the previous session's turn or session end.
 */
export function waitForHookJobs(
  home: string,
  ofProject: (cwd: string) => boolean,
  timeoutMs: number,
  onPause?: () => void,
): boolean {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!pendingHookJobs(home).some((j) => j.cwd === '' || ofProject(j.cwd))) return true;
    if (Date.now() >= until) return false;
    onPause?.();
    Atomics.wait(pause, 0, 0, 20);
  }
}

/** The worker's own note, removed as it exits. */
export function workerDone(home: string, pid: number = process.pid): void {
  rmSync(join(workersDir(home), String(pid)), { force: true });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Waits until no started worker runs, up to `timeoutMs`; true when none is left. Synchronous
 * (a short sleep between looks): it runs before a hook opens the store.
 */
export function waitForWorkers(home: string, timeoutMs: number, self?: number): boolean {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (pendingWorkers(home, self).length === 0) return true;
    if (Date.now() >= until) return false;
    Atomics.wait(pause, 0, 0, 20);
  }
}

/**
 * Takes the drain lock for `pid`; false when a live worker holds it. The lock is linked into place
 * whole (pid written first), so a reader never sees it empty.
 */
export function takeWorkerLock(home: string, pid: number = process.pid): boolean {
  mkdirSync(spoolDir(home), { recursive: true, mode: 0o700 });
  const tmp = join(spoolDir(home), `.worker.lock.${pid}.tmp`);
  writeFileSync(tmp, String(pid), { mode: 0o600 });
  try {
    return takeLinked(home, tmp, pid);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function takeLinked(home: string, tmp: string, pid: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(tmp, lockPath(home));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(lockPath(home), 'utf8'));
    } catch {
      // Released meanwhile: try again.
    }
    if (alive(owner) && owner !== pid) return false;
    // Left by a worker that died (or not yet written): taken over.
    rmSync(lockPath(home), { force: true });
  }
  return false;
}

/**
 * Whether a live worker (not `self`) holds the drain lock. A payload spooled before this returns
 * true is drained by that worker: it looks at the spool again after releasing the lock
 * (spool-worker.ts), so the hook need not start another one.
 */
export function workerHoldsLock(home: string, self: number = process.pid): boolean {
  let owner = NaN;
  try {
    owner = Number(readFileSync(lockPath(home), 'utf8'));
  } catch {
    return false;
  }
  return owner !== self && alive(owner);
}

export function releaseWorkerLock(home: string): void {
  rmSync(lockPath(home), { force: true });
}
