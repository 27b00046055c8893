// Pins the validation warnings and the recommended next step: file mentions matched against what
// changed, the branch, expired facts, drift, a session still running — and the rules that pick
// the next step (blocked, in progress with a failure to re-run, pending by priority, nothing).
import { describe, expect, it } from 'vitest';
import { NOW, sampleBriefData, todo } from '../__fixtures__/brief-data.js';
import { emptyActivity } from './brief-types.js';
import { recommendNextStep } from './next-step.js';
import { computeWarnings, fileMentions, matchFiles } from './warnings.js';

describe('file mentions', () => {
  it('finds paths and file names in free text, relative to the root', () => {
    expect(fileMentions('fix src/cart.ts and ./money.ts, then /repo/lib/x.js', '/repo')).toEqual([
      'src/cart.ts',
      'money.ts',
      'lib/x.js',
    ]);
    expect(fileMentions('no files here, e.g. nothing', null)).toEqual([]);
  });

  it('matches a mention to a changed file by path, path suffix or bare name', () => {
    const changed = ['src/cart.ts', 'docs/README.md'];
    expect(matchFiles(['src/cart.ts'], changed)).toEqual(['src/cart.ts']);
    expect(matchFiles(['cart.ts'], changed)).toEqual(['src/cart.ts']);
    expect(matchFiles(['other/cart.ts'], changed)).toEqual([]);
    expect(matchFiles(['README.md'], changed)).toEqual(['docs/README.md']);
  });
});

describe('computeWarnings', () => {
  it('warns about the branch, todos and decisions naming changed files, and expired facts', () => {
    const codes = computeWarnings(sampleBriefData()).map((w) => w.code);
    expect(codes).toEqual([
      'session-crashed',
      'branch-switched',
      'todo-file-changed',
      'decision-file-changed',
      'fact-expired',
    ]);
  });

  it('does not warn about a todo whose files did not change, nor about closed todos', () => {
    const data = sampleBriefData();
    data.changes!.committed = [{ path: 'package.json', status: 'M' }];
    data.todos.push(todo('Tidy package.json', 'completed'));
    const codes = computeWarnings(data).map((w) => w.code);
    expect(codes).not.toContain('todo-file-changed');
  });

  it('warns that a session is still running when it was active moments ago', () => {
    const data = sampleBriefData();
    data.session = { ...data.session!, status: 'active', lastActivityAt: NOW - 60_000 };
    data.endState = 'active';
    expect(computeWarnings(data)[0]).toMatchObject({ code: 'session-active', tier: 1 });
  });
});

describe('recommendNextStep', () => {
  it('after a crash: check the files it was editing, then continue and re-run the failure', () => {
    const data = sampleBriefData();
    const step = recommendNextStep(data, computeWarnings(data));
    expect(step).toMatch(/^First check that `src\/cart.ts`, `src\/money.ts` are in a sane state/);
    expect(step).toContain('continue #2 "Fix rounding in src/cart.ts totals"');
    expect(step).toContain('re-run it first');
  });

  it('with nothing in progress: the first pending todo by priority', () => {
    const data = { ...sampleBriefData(), endState: 'ended' as const, changes: null };
    data.todos = [
      todo('low one', 'pending', { priority: 'low' }),
      todo('high one', 'pending', { priority: 'high' }),
    ];
    expect(recommendNextStep(data, [])).toMatch(/^Start #\d+ "high one"/);
  });

  it('with only blocked work, or no todos at all: ask the user', () => {
    const data = {
      ...sampleBriefData(),
      endState: 'ended' as const,
      changes: null,
      recent: emptyActivity(),
    };
    data.todos = [todo('ship it', 'blocked', { blockedReason: 'legal review' })];
    expect(recommendNextStep(data, [])).toContain('waits on "legal review" — ask the user');
    data.todos = [];
    expect(recommendNextStep(data, [])).toBe(
      'No open work is recorded — ask the user what to do next.',
    );
  });
});
