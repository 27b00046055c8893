// Pins the CPU priority of the spool's background worker: started at the lowest priority (nice 19)
// in every thread, so it yields to the agent on a busy machine; and SessionStart's brief, whose
// agent waits while it waits, gives the processes it waits for its own priority back where the
// system allows it — only those of its own project.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/index.js';
import { runBriefHook } from './hook-brief.js';
import {
  BACKGROUND_NICE,
  lowerPriority,
  pendingWorkers,
  raisePriority,
  startWorker,
  workersDir,
} from './spool-background.js';

let root: string;
let home: string;
let started: number[] = [];
const children: ChildProcess[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-priority-'));
  home = join(root, 'home');
  started = [];
});
afterEach(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** The nice value of every thread of `pid` (Linux), else of the process. */
function niceOfThreads(pid: number): number[] {
  if (!existsSync(`/proc/${pid}/task`)) return [getPriority(pid)];
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (in parentheses): state is the 3rd field, nice the 19th.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/**
 * A stand-in for `baton hook --background` started the way the worker is (startWorker runs
 * `node <script> hook --background`): it starts a worker thread, says so, and sleeps.
 */
function fakeLauncher(): { script: string; ready: string } {
  const script = join(root, 'launcher.cjs');
  const ready = join(root, 'ready');
  writeFileSync(
    script,
    `const { Worker } = require('node:worker_threads');\n` +
      `new Worker('setTimeout(() => {}, 60000)', { eval: true }).on('online', () =>\n` +
      `  require('node:fs').writeFileSync(${JSON.stringify(ready)}, process.argv.slice(2).join(' ')));\n` +
      `setTimeout(() => {}, 60000);\n`,
  );
  return { script, ready };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe("the spool's background worker", () => {
  it('runs at the lowest CPU priority in every thread, its own later threads too', async () => {
    const { script, ready } = fakeLauncher();
    startWorker(home, script, { PATH: process.env.PATH });
    started = pendingWorkers(home);
    expect(started).toHaveLength(1);
    await until(() => existsSync(ready));
    expect(readFileSync(ready, 'utf8')).toBe('hook --background');
    const nice = niceOfThreads(started[0]!);
    // Node's own threads and the worker thread started after the priority was set.
    expect(nice.length).toBeGreaterThan(1);
    expect(nice.every((n) => n === BACKGROUND_NICE)).toBe(true);
    expect(getPriority(started[0])).toBe(BACKGROUND_NICE);
  });

  it('takes a process already gone without a failure', () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    const pid = gone.pid!;
    return new Promise<void>((resolve) =>
      gone.once('exit', () => {
        expect(() => lowerPriority(pid)).not.toThrow();
        expect(raisePriority(pid)).toBe(false);
        resolve();
      }),
    );
  });
});

describe('SessionStart’s brief waiting on background work', () => {
  /** A detached hook job noted as Baton notes them, run in `cwd`, at the lowest priority. */
  function job(cwd: string): number {
    const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    children.push(c);
    lowerPriority(c.pid!);
    mkdirSync(workersDir(home), { recursive: true });
    writeFileSync(join(workersDir(home), `hook-${c.pid}`), cwd);
    return c.pid!;
  }

  it("gives its own project's jobs its priority back where allowed, never another project's", async () => {
    const project = join(root, 'project-a');
    const other = join(root, 'project-b');
    mkdirSync(project);
    mkdirSync(other);
    const mine = job(project);
    const theirs = job(other);
    const payload = JSON.stringify({
      hook_event_name: 'SessionStart',
      session_id: 's-1',
      cwd: project,
      source: 'startup',
    });
    const world = {
      env: {},
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      clock: systemClock,
      home,
      pid: process.pid,
    };
    const notFound = Object.assign(new Error('no store'), { code: 'NOT_FOUND' });
    await runBriefHook('claude-code', payload, '0-0-0-0', world, {
      openSnapshot: () => {
        throw notFound;
      },
      brief: { brief: () => Promise.reject(new Error('not reached')) } as never,
      waitMs: 50,
    });
    // Raising a priority needs the right to (root, CAP_SYS_NICE, RLIMIT_NICE): without it the job
    // keeps the lowest one, and the brief's wait stays bounded by waitMs.
    const allowed = raisePriority(job(project));
    expect(getPriority(mine)).toBe(allowed ? getPriority() : BACKGROUND_NICE);
    expect(niceOfThreads(mine).every((n) => n === getPriority(mine))).toBe(true);
    expect(getPriority(theirs)).toBe(BACKGROUND_NICE);
    if (process.getuid?.() === 0) expect(allowed).toBe(true);
  });
});
