// Pins the store methods a checkpoint rollback uses: todos and decisions written back exactly as a
// snapshot holds them (undeleting them, keeping their numbers and times, stamping a new write,
// keeping the search index in step), and decisions removed.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../index.js';

const T0 = Date.parse('2026-03-04T10:00:00Z');

function setup() {
  const store = openMemoryStore(fixedClock(T0, 1000));
  const project = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  return { store, project };
}

const search = (store: ReturnType<typeof setup>['store'], word: string) =>
  store.query<{ record_id: string }>(
    'SELECT record_id FROM records_fts WHERE records_fts MATCH ?',
    [word],
  );

describe('rollback writes', () => {
  it('restores a todo as it was, even after it was removed, with a newer stamp', () => {
    const { store, project } = setup();
    const before = store.todos.update(
      store.todos.add({ projectId: project.id, content: 'alpha task' }).id,
      {
        status: 'in_progress',
      },
    );
    store.todos.update(before.id, { status: 'completed', content: 'changed' });
    store.todos.remove(before.id);
    expect(store.todos.list({ projectId: project.id })).toEqual([]);
    const back = store.todos.restore(before);
    expect(back).toMatchObject({
      id: before.id,
      number: before.number,
      content: 'alpha task',
      status: 'in_progress',
      startedAt: before.startedAt,
      completedAt: null,
    });
    expect(back.hlc > before.hlc).toBe(true);
    expect(store.todos.list({ projectId: project.id }).map((t) => t.id)).toEqual([before.id]);
    expect(search(store, 'alpha').map((r) => r.record_id)).toEqual([before.id]);
  });

  it('gives a restored todo a new number only if another todo has taken its number', () => {
    const { store, project } = setup();
    const ghost = { ...store.todos.add({ projectId: project.id, content: 'x' }), id: 'GHOST' };
    const back = store.todos.restore(ghost);
    expect(back.number).not.toBe(ghost.number);
  });

  it('restores and removes decisions', () => {
    const { store, project } = setup();
    const d = store.decisions.add({
      projectId: project.id,
      decision: 'use bravo',
      reasoning: 'fast',
      files: ['a.ts'],
    });
    store.decisions.update(d.id, { status: 'reverted', decision: 'something else' });
    const back = store.decisions.restore(d);
    expect(back).toMatchObject({
      decision: 'use bravo',
      status: 'active',
      files: ['a.ts'],
      number: d.number,
    });
    store.decisions.remove(d.id);
    expect(store.decisions.list({ projectId: project.id })).toEqual([]);
    expect(search(store, 'bravo')).toEqual([]);
    expect(() => store.decisions.remove(d.id)).toThrow(/no decision/);
    store.decisions.restore(d);
    expect(store.decisions.list({ projectId: project.id }).map((x) => x.decision)).toEqual([
      'use bravo',
    ]);
  });
});
