// Pins what SessionStart's brief waits for among the hooks an agent started detached: a job of its
// own project that may not have spooled yet, never another project's, never a job already gone.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pendingHookJobs,
  pendingWorkers,
  waitForHookJobs,
  workersDir,
} from './spool-background.js';

let home: string;
let job: ChildProcess;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-hook-jobs-'));
  mkdirSync(workersDir(home), { recursive: true });
  job = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
});
afterEach(() => {
  job.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

const note = (name: string, cwd: string) => writeFileSync(join(workersDir(home), name), cwd);
const inProject = (cwd: string) => cwd.startsWith('/work/project-a');

describe('detached hook jobs', () => {
  it('are waited for only when they run in the brief’s project', () => {
    note(`hook-${job.pid}`, '/work/project-b');
    expect(pendingHookJobs(home)).toEqual([{ pid: job.pid, cwd: '/work/project-b' }]);
    expect(waitForHookJobs(home, inProject, 50)).toBe(true);
    note(`hook-${job.pid}`, '/work/project-a/src');
    expect(waitForHookJobs(home, inProject, 50)).toBe(false);
    // `baton hook --wait` and the store hooks wait for them as for workers.
    expect(pendingWorkers(home)).toEqual([job.pid]);
  });

  it('stop being waited for once the job has exited, and their note goes', async () => {
    note(`hook-${job.pid}`, '/work/project-a');
    const exited = new Promise((resolve) => job.once('exit', resolve));
    job.kill('SIGKILL');
    await exited;
    expect(waitForHookJobs(home, inProject, 5_000)).toBe(true);
    expect(existsSync(join(workersDir(home), `hook-${job.pid}`))).toBe(false);
  });

  it('are not mistaken for workers’ notes, nor workers for jobs', () => {
    note(String(job.pid), '');
    expect(pendingHookJobs(home)).toEqual([]);
    expect(pendingWorkers(home)).toEqual([job.pid]);
  });
});
