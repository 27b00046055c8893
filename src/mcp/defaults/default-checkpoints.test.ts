// Pins the stand-in checkpoints: a snapshot of the project's records, listing with paging, restore
// as the resume point, and rollback with an undo checkpoint.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../../store/index.js';
import { defaultCheckpoints, readSnapshot, resumePointKey } from './default-checkpoints.js';

const NOW = Date.parse('2026-03-05T09:00:00Z');

function setup() {
  const store = openMemoryStore(fixedClock(NOW, 1000));
  const project = store.projects.ensure({
    key: 'path:/app',
    root: '/app',
    remoteUrl: null,
    name: 'app',
  });
  const session = store.sessions.start({ agent: 'cli', projectId: project.id });
  const todo = store.todos.add({ projectId: project.id, content: 'one' });
  const decision = store.decisions.add({ projectId: project.id, decision: 'keep it' });
  store.facts.set({ projectId: project.id, key: 'k', value: 1 });
  const create = (label: string) =>
    defaultCheckpoints.create(store, {
      projectId: project.id,
      sessionId: session.id,
      label,
      trigger: 'user',
      now: NOW,
    });
  return { store, project, session, todo, decision, create };
}

describe('defaultCheckpoints', () => {
  it('snapshots todos, decisions, facts and components at the journal position', async () => {
    const { store, create } = setup();
    const c = await create('first');
    const snap = readSnapshot(store, c)!;
    expect(snap.todos.map((t) => t.content)).toEqual(['one']);
    expect(snap.decisions.map((d) => d.decision)).toEqual(['keep it']);
    expect(snap.facts.map((f) => f.key)).toEqual(['k']);
    expect(c.journalSeq).toBe(store.events.lastSeq());
    expect(c.handle).toMatch(/^RECOVERY-SESSION-\d{6}-001-\d{6}$/);
  });

  it('lists newest first, paged', async () => {
    const { store, project, create } = setup();
    for (const label of ['a', 'b', 'c']) await create(label);
    const page = (offset: number) =>
      defaultCheckpoints.list(store, { projectId: project.id, limit: 2, offset }) as {
        label: string;
      }[];
    expect(page(0).map((c) => c.label)).toEqual(['c', 'b']);
    expect(page(2).map((c) => c.label)).toEqual(['a']);
  });

  it('restores as the resume point, and rolls back with an undo checkpoint', async () => {
    const { store, project, todo, decision, create } = setup();
    const c = await create('before');
    store.todos.update(todo.id, { status: 'completed', content: 'one, done' });
    store.decisions.update(decision.id, { status: 'reverted' });
    store.facts.set({ projectId: project.id, key: 'k', value: 2 });
    const plain = await defaultCheckpoints.restore(store, {
      projectId: project.id,
      ref: c.handle,
      rollback: false,
      now: NOW,
    });
    expect(plain).toMatchObject({ rolledBack: false, undoCheckpoint: null });
    expect(store.getSetting(resumePointKey(project.id))).toBe(c.id);
    expect(store.todos.get(project.id, '1')!.status).toBe('completed');
    const rolled = await defaultCheckpoints.restore(store, {
      projectId: project.id,
      ref: c.id,
      rollback: true,
      now: NOW,
    });
    expect(store.todos.get(project.id, '1')).toMatchObject({ status: 'pending', content: 'one' });
    expect(store.decisions.get(project.id, '1')!.status).toBe('active');
    expect(store.facts.get(project.id, 'k')!.value).toBe(1);
    const undo = readSnapshot(store, rolled.undoCheckpoint!)!;
    expect(undo.todos[0]).toMatchObject({ status: 'completed', content: 'one, done' });
    expect(store.getSetting(resumePointKey(project.id))).toBe(c.id);
  });

  it('refuses a checkpoint of another project', async () => {
    const { store, create } = setup();
    const c = await create('x');
    const other = store.projects.ensure({ key: 'path:/o', root: '/o', remoteUrl: null, name: 'o' });
    expect(() =>
      defaultCheckpoints.restore(store, {
        projectId: other.id,
        ref: c.handle,
        rollback: false,
        now: NOW,
      }),
    ).toThrow(/no checkpoint/);
  });
});
