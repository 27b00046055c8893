// Pins how crash detection tells an agent that exited from one that crashed, by the agent process
// capture recorded (pid, start time, boot id from /proc): gone after its last turn ended → ended
// `exited`; gone mid-turn → crashed; a reused pid is gone; alive → left alone however silent;
// without /proc → the silence rule as before. Real processes on Linux.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventInput } from '../../store/index.js';
import { tempWorld } from '../__fixtures__/world.js';
import type { TempWorld } from '../__fixtures__/world.js';
import { lastTurnEnded, recordedProcess, recordedProcessState } from './agent-exit.js';
import type { RecordedProcess } from './agent-exit.js';
import { detectCrashes, EXITED_REASON } from './crash-detection.js';

const linux = process.platform === 'linux';
const H = 3_600_000;

function identity(pid: number): RecordedProcess {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return {
    pid,
    start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!,
    boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
  };
}

/** A process that ran and is gone, with the identity it had while it ran. */
async function goneProcess(): Promise<RecordedProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  await once(child, 'spawn');
  const id = identity(child.pid!);
  child.kill();
  await once(child, 'exit');
  return id;
}

let w: TempWorld;
beforeEach(() => {
  w = tempWorld();
});
afterEach(() => w.cleanup());

function sessionOf(agentProcess: RecordedProcess | null, events: Omit<EventInput, 'sessionId'>[]) {
  const s = w.store.sessions.start({
    agent: 'codex',
    projectId: w.project.id,
    meta: { agentProcess: agentProcess as never },
  });
  for (const e of events) {
    w.clock.advance(1000);
    w.store.events.append([{ ...e, sessionId: s.id }]);
  }
  return s;
}

const prompt = { kind: 'user_message', role: 'user', text: 'do it', source: 'hook' } as const;
const stop = { kind: 'system', data: { hook: 'Stop' }, source: 'hook' } as const;
const taskComplete = {
  kind: 'system',
  data: { subtype: 'task_complete' },
  source: 'transcript',
} as const;
const call = { kind: 'tool_call', tool: 'shell', text: 'ls', source: 'hook' } as const;

describe.skipIf(!linux)('sessions with a recorded agent process (Linux /proc)', () => {
  it('ends a session whose agent exited after its turn ended, with the reason, not as a crash', async () => {
    const s = sessionOf(await goneProcess(), [prompt, call, stop]);
    w.clock.advance(60_000);
    expect(detectCrashes(w.store, { now: w.clock.now(), git: null })).toEqual([]);
    const after = w.store.sessions.get(s.id)!;
    expect(after).toMatchObject({ status: 'ended', endReason: EXITED_REASON });
    expect(after.endedAt).toBe(after.lastActivityAt);
    const checkpoints = w.store.checkpoints.list({ sessionId: s.id });
    expect(checkpoints.map((c) => c.trigger)).toEqual(['session-end']);
  });

  it("takes Codex's task_complete for the turn's end too", async () => {
    const s = sessionOf(await goneProcess(), [prompt, taskComplete]);
    detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(w.store.sessions.get(s.id)!.endReason).toBe(EXITED_REASON);
  });

  it('reports a crash when the agent process went mid-turn', async () => {
    const gone = await goneProcess();
    // A turn ended, then a new prompt and a tool call with no end.
    const s = sessionOf(gone, [prompt, stop, prompt, call]);
    const reports = detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(reports.map((r) => r.reason)).toEqual([`agent process ${gone.pid} is gone mid-turn`]);
    expect(w.store.sessions.get(s.id)).toMatchObject({
      status: 'crashed',
      endReason: `crashed: agent process ${gone.pid} is gone mid-turn`,
    });
    expect(reports[0]!.checkpoint!.trigger).toBe('crash');
  });

  it('takes a live pid with another start time for a reused pid: the agent is gone', () => {
    const reused = { ...identity(process.pid), start: '1' };
    expect(recordedProcessState(reused)).toBe('gone');
    const s = sessionOf(reused, [prompt, stop]);
    detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(w.store.sessions.get(s.id)!.status).toBe('ended');
  });

  it('takes a process of an earlier boot for gone', () => {
    const earlier = { ...identity(process.pid), boot: 'another-boot' };
    expect(recordedProcessState(earlier)).toBe('gone');
  });

  it('leaves a session alone while its agent process lives, however long it is silent', () => {
    const me = identity(process.pid);
    expect(recordedProcessState(me)).toBe('alive');
    const s = sessionOf(me, [prompt, stop]);
    w.clock.advance(30 * H);
    expect(detectCrashes(w.store, { now: w.clock.now(), git: null })).toEqual([]);
    expect(w.store.sessions.get(s.id)!.status).toBe('active');
  });

  it('ends a session that never had a prompt when its agent is gone', async () => {
    const s = sessionOf(await goneProcess(), [
      { kind: 'system', text: 'session start: startup', source: 'hook' },
    ]);
    detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(w.store.sessions.get(s.id)!.endReason).toBe(EXITED_REASON);
  });
});

describe('without /proc', () => {
  it('cannot tell, and the silence rule decides as before', () => {
    const recorded = { pid: 4242, start: '100', boot: 'b' };
    expect(recordedProcessState(recorded, '/nonexistent-proc')).toBe('unknown');
    const s = sessionOf(recorded, [prompt, stop]);
    const proc = '/nonexistent-proc';
    expect(detectCrashes(w.store, { now: w.clock.now(), git: null, proc })).toEqual([]);
    w.clock.advance(3 * H);
    const [r] = detectCrashes(w.store, { now: w.clock.now(), git: null, proc });
    expect(r?.session.id).toBe(s.id);
    expect(r?.reason).toBe('silent for 3h');
  });
});

describe('recordedProcess', () => {
  it('reads only a well-formed record', () => {
    expect(recordedProcess({ meta: {} })).toBeNull();
    expect(recordedProcess({ meta: { agentProcess: null } })).toBeNull();
    expect(
      recordedProcess({ meta: { agentProcess: { pid: 1, start: '1', boot: 'b' } } }),
    ).toBeNull();
    expect(recordedProcess({ meta: { agentProcess: { pid: 9, start: 1, boot: 'b' } } })).toBeNull();
    expect(recordedProcess({ meta: { agentProcess: { pid: 9, start: '1', boot: 'b' } } })).toEqual({
      pid: 9,
      start: '1',
      boot: 'b',
    });
  });
});

describe('lastTurnEnded', () => {
  const ev = (seq: number, ts: number, kind: string, data: object | null = null) =>
    ({ seq, ts, kind, tool: null, text: null, data: data && JSON.stringify(data) }) as never;
  it('orders hook and transcript copies by time, not journal position', () => {
    // The Stop hook was stored before the transcript's copy of the prompt, but happened after it.
    const tail = [ev(3, 10, 'user_message'), ev(2, 20, 'system', { hook: 'Stop' })];
    expect(lastTurnEnded(tail, true)).toBe(true);
    expect(
      lastTurnEnded([ev(2, 5, 'system', { hook: 'Stop' }), ev(3, 10, 'user_message')], true),
    ).toBe(false);
  });
  it('takes a whole session without a prompt for ended, a cut tail without a turn end for not', () => {
    expect(lastTurnEnded([ev(1, 1, 'tool_call')], true)).toBe(true);
    expect(lastTurnEnded([ev(1, 1, 'tool_call')], false)).toBe(false);
  });
});
