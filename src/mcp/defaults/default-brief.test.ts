// Pins the stand-in brief: what it says for a project's state, each mode, building from a session
// or a checkpoint, and that no data under any budget yields a brief over that budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../../store/index.js';
import { defaultResumeBrief, fitToBudget } from './default-brief.js';
import { defaultCheckpoints } from './default-checkpoints.js';

const NOW = Date.parse('2026-03-05T09:00:00Z');

function setup() {
  const store = openMemoryStore(fixedClock(NOW, 1000));
  const project = store.projects.ensure({
    key: 'path:/app',
    root: '/app',
    remoteUrl: null,
    name: 'app',
  });
  const session = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    title: 'Ship the login fix',
  });
  store.events.append([
    { sessionId: session.id, kind: 'tool_call', tool: 'Bash', text: 'npm test', source: 'hook' },
  ]);
  const one = store.todos.add({ projectId: project.id, content: 'Write the regression test' });
  store.todos.add({ projectId: project.id, content: 'Deploy to staging' });
  store.todos.update(one.id, { status: 'in_progress' });
  store.decisions.add({
    projectId: project.id,
    decision: 'Use bcrypt',
    reasoning: 'already audited',
  });
  store.facts.set({
    projectId: project.id,
    key: 'deploy.target',
    value: 'staging',
    priority: 'critical',
  });
  store.facts.set({ projectId: project.id, key: 'style', value: 'tabs', priority: 'low' });
  return { store, project, session };
}

const brief = (
  s: ReturnType<typeof setup>,
  extra: Partial<Parameters<typeof defaultResumeBrief>[1]> = {},
) =>
  defaultResumeBrief(s.store, {
    projectId: s.project.id,
    mode: 'quick',
    format: 'md',
    now: NOW,
    ...extra,
  });

describe('defaultResumeBrief', () => {
  it('tells the last session, open todos, decisions, facts, last actions and the next step', () => {
    const s = setup();
    const b = brief(s);
    expect(b.sessionHandle).toBe(s.session.handle);
    expect(b.text).toContain(`Last session: ${s.session.handle} (claude-code)`);
    expect(b.text).toContain('Task: Ship the login fix');
    expect(b.text).toMatch(/\[~\] #1 Write the regression test\n- \[ \] #2 Deploy to staging/);
    expect(b.text).toContain('#1 Use bcrypt — because already audited');
    expect(b.text).toContain('deploy.target = "staging"');
    expect(b.text).toContain('tool_call Bash: npm test');
    expect(b.text).toContain('Continue #1: Write the regression test');
    expect(b.truncated).toBe(false);
  });

  it('keeps only open work and critical facts in emergency mode', () => {
    const s = setup();
    const b = brief(s, { mode: 'emergency' });
    expect(b.text).toContain('Write the regression test');
    expect(b.text).toContain('deploy.target');
    expect(b.text).not.toContain('style');
    expect(b.text).not.toContain('Use bcrypt');
    expect(b.text).not.toContain('npm test');
    expect(b.text.length).toBeLessThanOrEqual(1500);
  });

  it('is built from a checkpoint snapshot when asked, whatever changed since', async () => {
    const s = setup();
    const c = await defaultCheckpoints.create(s.store, {
      projectId: s.project.id,
      sessionId: s.session.id,
      label: 'l',
      trigger: 'user',
      now: NOW,
    });
    s.store.todos.add({ projectId: s.project.id, content: 'Added after the checkpoint' });
    expect(brief(s).text).toContain('Added after the checkpoint');
    const from = brief(s, { checkpointRef: c.handle });
    expect(from.checkpointHandle).toBe(c.handle);
    expect(from.text).not.toContain('Added after the checkpoint');
    expect(() => brief(s, { checkpointRef: 'RECOVERY-NONE' })).toThrow(/no checkpoint/);
  });

  it('gives the same brief for the same data', () => {
    const s = setup();
    expect(brief(s).text).toBe(brief(s).text);
  });

  it('never passes its budget, and says when it cut', () => {
    const s = setup();
    for (let i = 0; i < 200; i++)
      s.store.todos.add({ projectId: s.project.id, content: `todo number ${i} `.repeat(5) });
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 20_000 }),
        fc.constantFrom('quick', 'full', 'emergency' as const),
        (budget, mode) => {
          const b = brief(s, { budget, mode });
          expect(b.text.length).toBeLessThanOrEqual(budget);
          if (b.truncated) expect(b.text).toMatch(/left out for the budget\)$/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fits lines whole, in order', () => {
    expect(fitToBudget(['aaaa', 'bbbb', 'cccc'], 100)).toEqual({
      text: 'aaaa\nbbbb\ncccc',
      truncated: false,
    });
    const cut = fitToBudget(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)], 60);
    expect(cut.text.startsWith('aaaaaaaaaa\n')).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(60);
  });
});
