// Pins checkpoints on a real SQLite file: what a snapshot holds and that it is consistent with its
// journal position, compression, RECOVERY handles, list and diff, restore as the resume point, and
// rollback of todos, decisions and project facts — undoable through the checkpoint taken first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorld } from '../__fixtures__/world.js';
import type { TempWorld } from '../__fixtures__/world.js';
import {
  createCheckpoint,
  diffCheckpoints,
  listCheckpoints,
  loadSnapshot,
  pruneCheckpoints,
} from './checkpoints.js';
import { restoreCheckpoint } from './restore-checkpoint.js';
import { activeResumePoint } from './resume-point.js';

let w: TempWorld;
beforeEach(() => {
  w = tempWorld();
});
afterEach(() => w.cleanup());

function sessionWithWork() {
  const s = w.store.sessions.start({
    agent: 'claude-code',
    projectId: w.project.id,
    title: 'cart',
  });
  w.store.events.append([
    { sessionId: s.id, kind: 'user_message', text: 'fix the cart', source: 'hook' },
    {
      sessionId: s.id,
      kind: 'tool_call',
      tool: 'Edit',
      data: { file_path: 'src/cart.ts' },
      source: 'hook',
    },
    { sessionId: s.id, kind: 'error', tool: 'Bash', text: 'tests failed', source: 'hook' },
  ]);
  const t1 = w.store.todos.add({
    projectId: w.project.id,
    content: 'Fix rounding',
    status: 'in_progress',
  });
  const t2 = w.store.todos.add({ projectId: w.project.id, content: 'Write the test' });
  const d1 = w.store.decisions.add({
    projectId: w.project.id,
    decision: 'Integer cents',
    reasoning: 'floats',
  });
  w.store.facts.set({
    projectId: w.project.id,
    key: 'deploy.target',
    value: 'staging',
    priority: 'critical',
  });
  w.store.facts.set({ projectId: null, key: 'editor', value: 'vim' });
  w.store.components.set({ projectId: w.project.id, name: 'db', status: 'up', health: 90 });
  return { s, t1, t2, d1 };
}

describe('createCheckpoint', () => {
  it('snapshots todos, decisions, facts, components and recent events at one journal position', () => {
    const { s } = sessionWithWork();
    const c = createCheckpoint(w.store, {
      session: s.handle,
      trigger: 'manual',
      label: 'first',
      now: w.clock.now(),
      git: null,
    });
    expect(c.handle).toMatch(/^RECOVERY-SESSION-\d{6}-001-\d{6}$/);
    expect(c.journalSeq).toBe(w.store.events.lastSeq());
    const snap = loadSnapshot(w.store, c);
    expect(snap.todos.map((t) => t.content)).toEqual(['Fix rounding', 'Write the test']);
    expect(snap.decisions[0]!.decision).toBe('Integer cents');
    expect(snap.facts.map((f) => f.key).sort()).toEqual(['deploy.target', 'editor']);
    expect(snap.components[0]).toMatchObject({ name: 'db', health: 90 });
    expect(snap.recent.prompts[0]!.text).toBe('fix the cart');
    expect(snap.recent.errors[0]!.text).toBe('tests failed');
    expect(snap.recent.actions.map((a) => a.kind)).toEqual(['tool_call', 'error']);
    expect(snap.session.id).toBe(s.id);
    expect(c.size).toBeLessThan(Buffer.byteLength(w.store.checkpoints.snapshot(c.id)));
  });

  it('stays small for a session of 10,000 events: only the tail is kept', () => {
    const s = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id });
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({
      sessionId: s.id,
      kind: 'tool_call' as const,
      tool: 'Bash',
      text: `command number ${i} ${'output '.repeat(20)}`,
      data: { tool_input: { command: `echo ${i}` } },
      source: 'hook' as const,
    }));
    w.store.events.append(inputs);
    const c = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'manual',
      now: w.clock.now(),
      git: null,
    });
    const snap = loadSnapshot(w.store, c);
    expect(snap.recent.eventCount).toBe(10_000);
    expect(snap.recent.actions).toHaveLength(40);
    expect(snap.recent.actions.at(-1)!.command).toBe('echo 9999');
    expect(c.size).toBeLessThan(10_000);
  });

  it('refuses an unknown session', () => {
    expect(() =>
      createCheckpoint(w.store, {
        session: 'SESSION-000000-999',
        trigger: 'manual',
        now: 0,
        git: null,
      }),
    ).toThrow(/no session/);
  });
});

describe('list and diff', () => {
  it('lists newest first and diffs what changed between two checkpoints', () => {
    const { s, t1, t2 } = sessionWithWork();
    const a = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'manual',
      now: w.clock.now(),
      git: null,
    });
    w.clock.advance(5000);
    w.store.todos.update(t1.id, { status: 'completed' });
    w.store.todos.remove(t2.id);
    w.store.todos.add({ projectId: w.project.id, content: 'Deploy' });
    w.store.facts.set({ projectId: w.project.id, key: 'deploy.target', value: 'production' });
    w.store.events.append([{ sessionId: s.id, kind: 'note', text: 'more', source: 'cli' }]);
    const b = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'todo-completed',
      now: w.clock.now(),
      git: null,
    });
    expect(listCheckpoints(w.store, { projectId: w.project.id }).map((c) => c.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(listCheckpoints(w.store, { session: s.handle, limit: 1 }).map((c) => c.id)).toEqual([
      b.id,
    ]);
    const d = diffCheckpoints(w.store, a.handle, b.handle);
    expect(d.events).toBe(1);
    expect(d.state.todos.added.map((t) => t.content)).toEqual(['Deploy']);
    expect(d.state.todos.removed.map((t) => t.content)).toEqual(['Write the test']);
    expect(d.state.todos.changed).toEqual([expect.objectContaining({ fields: ['status'] })]);
    expect(d.state.facts.changed[0]!.fields).toEqual(['value']);
  });
});

describe('restoreCheckpoint', () => {
  it('makes the checkpoint the resume point until new work is recorded', () => {
    const { s } = sessionWithWork();
    const c = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'manual',
      now: w.clock.now(),
      git: null,
    });
    restoreCheckpoint(w.store, { checkpoint: c.handle, now: w.clock.now(), git: null });
    expect(activeResumePoint(w.store, w.project.id)?.checkpointId).toBe(c.id);
    // A new session starting up (bookkeeping only) does not end it; real work does.
    const next = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id });
    w.store.events.append([
      { sessionId: next.id, kind: 'system', text: 'SessionStart', source: 'hook' },
    ]);
    expect(activeResumePoint(w.store, w.project.id)?.checkpointId).toBe(c.id);
    w.store.events.append([
      { sessionId: next.id, kind: 'user_message', text: 'go on', source: 'hook' },
    ]);
    expect(activeResumePoint(w.store, w.project.id)).toBeNull();
  });

  it('rolls todos, decisions and project facts back, and the rollback can be undone', () => {
    const { s, t1, d1 } = sessionWithWork();
    const c = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'manual',
      now: w.clock.now(),
      git: null,
    });
    w.clock.advance(2000);
    w.store.todos.update(t1.id, { status: 'completed' });
    const later = w.store.todos.add({ projectId: w.project.id, content: 'Added later' });
    w.store.decisions.update(d1.id, { status: 'reverted' });
    w.store.decisions.add({ projectId: w.project.id, decision: 'Later decision' });
    w.store.facts.set({ projectId: w.project.id, key: 'deploy.target', value: 'production' });
    w.store.facts.set({ projectId: w.project.id, key: 'new.fact', value: 1 });
    w.store.facts.set({ projectId: null, key: 'editor', value: 'emacs' });

    const r = restoreCheckpoint(w.store, {
      checkpoint: c.id,
      rollback: true,
      now: w.clock.now(),
      git: null,
    });
    expect(r.rolledBack).toEqual({ todos: 2, decisions: 2, facts: 2 });
    const todos = w.store.todos.list({ projectId: w.project.id });
    expect(todos.map((t) => [t.content, t.status])).toEqual([
      ['Fix rounding', 'in_progress'],
      ['Write the test', 'pending'],
    ]);
    expect(
      w.store.decisions.list({ projectId: w.project.id }).map((d) => [d.decision, d.status]),
    ).toEqual([['Integer cents', 'active']]);
    expect(w.store.facts.get(w.project.id, 'deploy.target')?.value).toBe('staging');
    expect(w.store.facts.get(w.project.id, 'new.fact')).toBeNull();
    // Global facts belong to every project: one project's rollback leaves them alone.
    expect(w.store.facts.get(null, 'editor')?.value).toBe('emacs');

    expect(r.undo?.trigger).toBe('pre-rollback');
    restoreCheckpoint(w.store, {
      checkpoint: r.undo!.handle,
      rollback: true,
      now: w.clock.now(),
      git: null,
    });
    const undone = w.store.todos.list({ projectId: w.project.id });
    expect(undone.map((t) => [t.content, t.status])).toEqual([
      ['Fix rounding', 'completed'],
      ['Write the test', 'pending'],
      ['Added later', 'pending'],
    ]);
    expect(undone[2]!.number).toBe(later.number);
    expect(w.store.facts.get(w.project.id, 'deploy.target')?.value).toBe('production');
  });
});

describe('pruneCheckpoints', () => {
  it('keeps the last N per session, the newest of each day, labelled ones and the resume point', () => {
    const { s } = sessionWithWork();
    const made = [];
    for (let i = 0; i < 6; i++) {
      w.clock.advance(60_000);
      made.push(
        createCheckpoint(w.store, {
          session: s.id,
          trigger: 'interval',
          now: w.clock.now(),
          git: null,
          label: i === 0 ? 'keep me' : null,
        }),
      );
    }
    restoreCheckpoint(w.store, { checkpoint: made[1]!.id, now: w.clock.now(), git: null });
    const dry = pruneCheckpoints(w.store, { policy: { keepPerSession: 2 }, dryRun: true });
    expect(dry.removed.map((c) => c.id)).toEqual([made[3]!.id, made[2]!.id]);
    expect(w.store.checkpoints.list({}).length).toBe(6);
    const real = pruneCheckpoints(w.store, { policy: { keepPerSession: 2 } });
    expect(real.freedBytes).toBe(made[2]!.size + made[3]!.size);
    expect(w.store.checkpoints.list({}).map((c) => c.id)).toEqual([
      made[5]!.id,
      made[4]!.id,
      made[1]!.id,
      made[0]!.id,
    ]);
  });
});
