// Pins how an agent's plan lands in the project's todos: a list replaces the session's plan
// (dropped open items cancelled, finished ones kept), tasks change one by one, and applying the
// same effect twice changes nothing.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { applyPlanEffect } from './plan-sync.js';

function setup() {
  const store = openMemoryStore(fixedClock(Date.parse('2026-03-04T10:00:00Z'), 1000));
  const project = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const session = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  return { store, project, session };
}

describe('applyPlanEffect', () => {
  it('replaces one session’s list: new items added, dropped open ones cancelled, done ones kept', () => {
    const { store, project, session } = setup();
    const first = applyPlanEffect(store, project.id, session.id, {
      type: 'replace',
      prefix: 's1:',
      items: [
        { key: 's1:a', content: 'A', status: 'completed' },
        { key: 's1:b', content: 'B', status: 'pending' },
      ],
    });
    expect(first).toMatchObject({ added: 2, cancelled: 0 });
    expect(first.completed.map((t) => t.content)).toEqual(['A']);
    store.todos.add({ projectId: project.id, content: 'mine', externalKey: null });
    store.todos.add({ projectId: project.id, content: 'other session', externalKey: 's2:x' });
    const second = applyPlanEffect(store, project.id, session.id, {
      type: 'replace',
      prefix: 's1:',
      items: [{ key: 's1:c', content: 'C', status: 'in_progress' }],
    });
    expect(second).toMatchObject({ added: 1, cancelled: 1, completed: [] });
    expect(store.todos.list({ projectId: project.id }).map((t) => [t.content, t.status])).toEqual([
      ['A', 'completed'],
      ['B', 'cancelled'],
      ['mine', 'pending'],
      ['other session', 'pending'],
      ['C', 'in_progress'],
    ]);
  });

  it('upserts tasks by key, keeping fields an update does not name', () => {
    const { store, project, session } = setup();
    applyPlanEffect(store, project.id, session.id, {
      type: 'upsert',
      items: [{ key: 't:1', content: 'Research', status: 'pending', activeForm: 'Researching' }],
    });
    const r = applyPlanEffect(store, project.id, session.id, {
      type: 'upsert',
      items: [
        { key: 't:1', status: 'completed' },
        { key: 't:2', status: 'in_progress' },
      ],
    });
    expect(r.completed.map((t) => t.content)).toEqual(['Research']);
    expect(
      store.todos.list({ projectId: project.id }).map((t) => [t.content, t.status, t.activeForm]),
    ).toEqual([
      ['Research', 'completed', 'Researching'],
      ['2', 'in_progress', null],
    ]);
  });

  it('changes nothing when the same effect comes twice (hook, then transcript)', () => {
    const { store, project, session } = setup();
    const effect = {
      type: 'replace' as const,
      prefix: 's:',
      items: [{ key: 's:a', content: 'A', status: 'completed' as const }],
    };
    applyPlanEffect(store, project.id, session.id, effect);
    const before = store.todos.list({ projectId: project.id });
    expect(applyPlanEffect(store, project.id, session.id, effect)).toEqual({
      added: 0,
      updated: 0,
      cancelled: 0,
      completed: [],
    });
    expect(store.todos.list({ projectId: project.id })).toEqual(before);
  });
});

describe('applyPlanEffect across a resumed session', () => {
  it('keeps one todo when the resumed session re-sends the list, dated by the transcript', () => {
    const { store, project, session } = setup();
    const at = Date.parse('2025-01-01T10:00:00Z');
    applyPlanEffect(
      store,
      project.id,
      session.id,
      {
        type: 'replace',
        prefix: 'claude-code:s1:todo:',
        items: [
          { key: 'claude-code:s1:todo:ca', content: 'A', status: 'completed' },
          { key: 'claude-code:s1:todo:cb', content: 'B', status: 'in_progress' },
        ],
      },
      at,
    );
    applyPlanEffect(
      store,
      project.id,
      session.id,
      {
        type: 'replace',
        prefix: 'claude-code:s2:todo:',
        items: [
          { key: 'claude-code:s2:todo:ca', content: 'A', status: 'completed' },
          { key: 'claude-code:s2:todo:cb', content: 'B', status: 'completed' },
        ],
      },
      at + 60_000,
    );
    const todos = store.todos.list({ projectId: project.id });
    expect(todos.map((t) => [t.content, t.status, t.externalKey])).toEqual([
      ['A', 'completed', 'claude-code:s2:todo:ca'],
      ['B', 'completed', 'claude-code:s2:todo:cb'],
    ]);
    expect(todos.map((t) => t.completedAt)).toEqual([at, at + 60_000]);
    expect(todos[0]!.createdAt).toBe(at);
  });
});
