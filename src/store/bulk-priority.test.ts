// The priority is read back from the kernel for every thread of a real child process: the main
// thread, the threads Node runs before our code (V8's helpers, libuv's pool), and a worker thread
// started after the call.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'baton-nice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const linux = process.platform === 'linux';

/** Runs a child that calls lowerBulkPriority (twice) with `env`; returns what it saw. */
function child(env: Record<string, string>) {
  const script = join(dir, 'child.ts');
  writeFileSync(
    script,
    `
import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lowerBulkPriority } from ${JSON.stringify(join(import.meta.dirname, 'bulk-priority.ts'))};
const nice = (tid: string) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
const all = () => readdirSync('/proc/self/task').map(nice);
const before = all();
const first = lowerBulkPriority(process.env);
const second = lowerBulkPriority(process.env);
const after = all();
const w = new Worker("const { parentPort } = require('node:worker_threads'); const fs = require('node:fs'); parentPort.postMessage(Number(fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]));", { eval: true });
w.once('message', (worker: number) => {
  process.stdout.write(JSON.stringify({ before, first, second, after, worker }));
  void w.terminate();
});
`,
  );
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as {
    before: number[];
    first: number | null;
    second: number | null;
    after: number[];
    worker: number;
  };
}

describe.runIf(linux)('lowerBulkPriority', () => {
  it('lowers every thread by 10, once, and threads started later inherit it', () => {
    const r = child({});
    const base = r.before[0]!;
    const lowered = Math.min(19, base + 10);
    expect(r.before.length).toBeGreaterThan(1); // Node's own threads run before our code.
    expect(r.first).toBe(lowered);
    expect(r.second).toBeNull();
    expect(r.after.length).toBeGreaterThanOrEqual(r.before.length);
    expect(new Set(r.after)).toEqual(new Set([lowered]));
    expect(r.worker).toBe(lowered);
  });

  it('takes its step from BATON_BULK_NICE, and 0 leaves the priority alone', () => {
    const three = child({ BATON_BULK_NICE: '3' });
    expect(new Set(three.after)).toEqual(new Set([Math.min(19, three.before[0]! + 3)]));
    const off = child({ BATON_BULK_NICE: '0' });
    expect(off.first).toBeNull();
    expect(off.after).toEqual(off.after.map(() => off.before[0]));
  });
});
