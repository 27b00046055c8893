// Pins the stand-in brief: the project's last session, its open todos, last prompts and actions,
// the starting session left out unless it is a resume, and the budget kept by dropping the least
// important sections first.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { buildSimpleBrief } from './simple-brief.js';

function setup() {
  const store = openMemoryStore(fixedClock(Date.parse('2026-03-04T10:00:00Z'), 1000));
  const project = store.projects.ensure({
    key: 'path:/shop',
    root: '/shop',
    remoteUrl: null,
    name: 'shop',
  });
  const last = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    title: 'Fix checkout rounding',
    gitBranch: 'fix/cents',
  });
  store.events.append([
    { sessionId: last.id, kind: 'user_message', text: 'totals are off by a cent', source: 'hook' },
    { sessionId: last.id, kind: 'tool_call', tool: 'Bash', text: 'Bash: npm test', source: 'hook' },
    { sessionId: last.id, kind: 'error', tool: 'Bash', text: 'FAIL cart.test.ts', source: 'hook' },
    { sessionId: last.id, kind: 'user_message', text: 'use integer cents', source: 'hook' },
  ]);
  store.sessions.update(last.id, { status: 'ended', endReason: 'clear' });
  store.todos.add({ projectId: project.id, content: 'Add a property test', status: 'pending' });
  store.todos.add({ projectId: project.id, content: 'Switch to cents', status: 'in_progress' });
  store.todos.add({ projectId: project.id, content: 'Done already', status: 'completed' });
  return { store, project, last };
}

describe('buildSimpleBrief', () => {
  it('names the last session, open todos (in progress first), last prompts and actions', () => {
    const { store, project, last } = setup();
    const now = store.sessions.start({ agent: 'claude-code', projectId: project.id });
    const brief = buildSimpleBrief(store, project, {
      budget: 9000,
      source: 'clear',
      sessionId: now.id,
    });
    expect(brief).toContain(last.handle);
    expect(brief).toContain('ended (clear)');
    expect(brief).toContain('Task: Fix checkout rounding');
    expect(brief.indexOf('[in progress] #2 Switch to cents')).toBeLessThan(
      brief.indexOf('[pending] #1 Add a property test'),
    );
    expect(brief).not.toContain('Done already');
    expect(brief).toMatch(/Last prompts[\s\S]*totals are off[\s\S]*use integer cents/);
    expect(brief).toMatch(/Last actions[\s\S]*Bash: npm test[\s\S]*FAILED FAIL cart.test.ts/);
  });

  it('briefs a resumed session on itself', () => {
    const { store, project, last } = setup();
    expect(
      buildSimpleBrief(store, project, { budget: 9000, source: 'resume', sessionId: last.id }),
    ).toContain(last.handle);
  });

  it('stays within the budget and says nothing for a project without history', () => {
    const { store, project } = setup();
    for (const budget of [200, 600, 1200]) {
      const brief = buildSimpleBrief(store, project, { budget, source: 'startup' });
      expect(brief.length).toBeLessThanOrEqual(budget);
      expect(brief).toContain('# Baton brief — shop');
    }
    const empty = store.projects.ensure({
      key: 'path:/new',
      root: '/new',
      remoteUrl: null,
      name: 'new',
    });
    expect(buildSimpleBrief(store, empty, { budget: 9000, source: 'startup' })).toBe('');
  });
});
