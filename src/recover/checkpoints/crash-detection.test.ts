// Pins crash detection: a session whose local agent process is gone, or that is silent past the
// threshold when no process can be asked, is marked crashed with the reason and gets a crash
// checkpoint from its last events; live, ended and other machines' sessions are left alone.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorld } from '../__fixtures__/world.js';
import type { TempWorld } from '../__fixtures__/world.js';
import { loadSnapshot } from './checkpoints.js';
import { crashReason, detectCrashes, processIsAlive, reviveIfCrashed } from './crash-detection.js';

let w: TempWorld;
beforeEach(() => {
  w = tempWorld();
});
afterEach(() => w.cleanup());

const H = 3_600_000;

describe('detectCrashes', () => {
  it('marks a session whose agent process is gone, with a crash checkpoint of its last events', () => {
    const s = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id, pid: 4242 });
    w.store.events.append([
      { sessionId: s.id, kind: 'tool_call', tool: 'Edit', text: 'last edit', source: 'hook' },
    ]);
    w.clock.advance(60_000);
    const reports = detectCrashes(w.store, { now: w.clock.now(), isAlive: () => false, git: null });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.reason).toBe('agent process 4242 is gone');
    const after = w.store.sessions.get(s.id)!;
    expect(after).toMatchObject({
      status: 'crashed',
      endReason: 'crashed: agent process 4242 is gone',
    });
    expect(after.endedAt).toBe(after.lastActivityAt);
    const snap = loadSnapshot(w.store, reports[0]!.checkpoint!);
    expect(reports[0]!.checkpoint!.trigger).toBe('crash');
    expect(snap.recent.actions[0]!.text).toBe('last edit');
    // Looking again finds nothing new.
    expect(detectCrashes(w.store, { now: w.clock.now(), isAlive: () => false, git: null })).toEqual(
      [],
    );
  });

  it('leaves a session alone while its process lives, and ended sessions always', () => {
    const live = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id, pid: 1 });
    const ended = w.store.sessions.start({
      agent: 'claude-code',
      projectId: w.project.id,
      pid: 99,
    });
    w.store.sessions.update(ended.id, { status: 'ended', endedAt: w.clock.now() });
    w.clock.advance(5 * H);
    expect(
      detectCrashes(w.store, { now: w.clock.now(), isAlive: (pid) => pid === 1, git: null }),
    ).toEqual([]);
    expect(w.store.sessions.get(live.id)!.status).toBe('active');
  });

  it('leaves out the session whose start is being recorded (`except`)', () => {
    const starting = w.store.sessions.start({ agent: 'codex', projectId: w.project.id, pid: 4243 });
    const other = w.store.sessions.start({ agent: 'codex', projectId: w.project.id, pid: 4244 });
    w.clock.advance(60_000);
    const reports = detectCrashes(w.store, {
      now: w.clock.now(),
      isAlive: () => false,
      git: null,
      except: starting.id,
    });
    expect(reports.map((r) => r.session.id)).toEqual([other.id]);
    expect(w.store.sessions.get(starting.id)!.status).toBe('active');
  });

  it('without a pid, marks a session silent longer than the threshold', () => {
    const s = w.store.sessions.start({ agent: 'codex', projectId: w.project.id });
    w.clock.advance(H);
    expect(detectCrashes(w.store, { now: w.clock.now(), git: null })).toEqual([]);
    w.clock.advance(H + 1000);
    const [r] = detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(r?.session.id).toBe(s.id);
    expect(r?.reason).toBe('silent for 2h');
    const other = w.store.sessions.start({ agent: 'codex', projectId: w.project.id });
    w.clock.advance(11 * 60_000);
    expect(
      detectCrashes(w.store, { now: w.clock.now(), silenceMs: 10 * 60_000, git: null })[0]?.session
        .id,
    ).toBe(other.id);
  });

  it('revives a crashed session that shows activity again', () => {
    const s = w.store.sessions.start({ agent: 'codex', projectId: w.project.id });
    w.clock.advance(3 * H);
    detectCrashes(w.store, { now: w.clock.now(), git: null });
    expect(w.store.sessions.get(s.id)!.status).toBe('crashed');
    expect(reviveIfCrashed(w.store, s.id)).toBe(true);
    expect(w.store.sessions.get(s.id)).toMatchObject({
      status: 'active',
      endedAt: null,
      endReason: null,
    });
    expect(reviveIfCrashed(w.store, s.id)).toBe(false);
  });

  it('only looks at the project it is asked about', () => {
    const elsewhere = w.store.projects.ensure({
      key: 'path:/else',
      root: '/else',
      remoteUrl: null,
      name: 'else',
    });
    w.store.sessions.start({ agent: 'codex', projectId: elsewhere.id, pid: 5 });
    expect(
      detectCrashes(w.store, {
        now: w.clock.now(),
        projectId: w.project.id,
        isAlive: () => false,
        git: null,
      }),
    ).toEqual([]);
  });
});

describe('crashReason', () => {
  const rules = { now: 10 * H, machineId: 'HERE', silenceMs: 2 * H, isAlive: () => true };
  const base = { pid: 7, machineId: 'HERE', lastActivityAt: 9 * H } as const;
  it('does not ask about a pid from another machine: silence decides', () => {
    const s = { ...base, machineId: 'THERE', lastActivityAt: 5 * H };
    expect(crashReason(s as never, { ...rules, isAlive: () => false })).toBe('silent for 5h');
    expect(
      crashReason({ ...s, lastActivityAt: 9 * H } as never, { ...rules, isAlive: () => false }),
    ).toBeNull();
  });
  it('suspects a reused pid after a day of silence', () => {
    expect(crashReason({ ...base, lastActivityAt: 10 * H - 25 * H } as never, rules)).toBe(
      'silent for 25h',
    );
  });
});

describe('processIsAlive', () => {
  it('tells a live process from a finished one', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    const done = spawnSync(process.execPath, ['-e', '0']);
    expect(processIsAlive(done.pid)).toBe(false);
  });
});
