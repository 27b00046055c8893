// Bulk writers give hooks the cores first: a running `baton import` has lowered the priority of
// every one of its threads by 10 (read back from the kernel while it waits for its input).
import { readFileSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../e2e/run-baton.js';
import { startBaton } from './processes.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

/** The nice value of each thread of process `pid` (empty once it has exited). */
function threadNice(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((t) =>
      Number(readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]),
    );
  } catch {
    return [];
  }
}
const ownNice = () => threadNice(process.pid)[0]!;

describe.runIf(process.platform === 'linux')('bulk priority', () => {
  it('baton import runs every thread 10 steps below where it started', async () => {
    const input = new PassThrough();
    const importing = startBaton(['import', '--format', 'events', '-'], { home, input });
    const lowered = Math.min(19, ownNice() + 10);
    let seen: number[] = [];
    // Waits (no time asserted; at most ~30 s) until the import has lowered itself, or has exited.
    for (let i = 0; i < 1500; i++) {
      seen = threadNice(importing.pid);
      if (seen.length === 0 || seen.every((n) => n === lowered)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.length, 'the import exited before it was seen').toBeGreaterThan(1);
    expect(new Set(seen), 'the priorities of its threads').toEqual(new Set([lowered]));
    input.end(
      JSON.stringify({
        session: 'bulk',
        agent: 'claude-code',
        ts: '2026-01-01T00:00:00Z',
        kind: 'user_message',
        text: 'one line',
      }) + '\n',
    );
    const r = await importing.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 1 events/);
  });
});
