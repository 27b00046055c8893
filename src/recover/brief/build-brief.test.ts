// Pins whole briefs for fixed data — quick, full, emergency, a todo focus and the recovery prompt —
// against golden files in __golden__/ (BATON_UPDATE_GOLDEN=1 rewrites them), and what the builder
// promises beside: determinism, the budget, what a small budget keeps and what it says it left out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  action,
  sampleBriefData,
  sampleFocusData,
  sampleFullData,
} from '../__fixtures__/brief-data.js';
import { emptyActivity } from './brief-types.js';
import type { BriefData } from './brief-types.js';
import { buildBrief } from './build-brief.js';
import { buildRecoveryPrompt } from './recovery-prompt.js';

function matchesGolden(name: string, text: string): void {
  const path = new URL(`./__golden__/${name}`, import.meta.url);
  if (process.env.BATON_UPDATE_GOLDEN === '1') writeFileSync(path, text + '\n');
  expect(existsSync(path), `golden file ${name} is missing`).toBe(true);
  expect(text + '\n').toBe(readFileSync(path, 'utf8'));
}

describe('buildBrief golden briefs', () => {
  it('quick: a crashed session with todos, actions, state, changes and warnings', () => {
    matchesGolden('quick.golden.md.txt', buildBrief(sampleBriefData(), { mode: 'quick' }).text);
  });

  it('full: the same with a timeline of recent sessions and checkpoints', () => {
    matchesGolden('full.golden.md.txt', buildBrief(sampleFullData(), { mode: 'full' }).text);
  });

  it('emergency: only open work, critical facts and warnings, within 1,500 characters', () => {
    const brief = buildBrief(sampleBriefData(), { mode: 'emergency' });
    expect(brief.text.length).toBeLessThanOrEqual(1500);
    matchesGolden('emergency.golden.md.txt', brief.text);
  });

  it('todo focus: one task with its history, files and what remains', () => {
    matchesGolden('focus.golden.md.txt', buildBrief(sampleFocusData(), { mode: 'quick' }).text);
  });

  it('recovery prompt: previous context, project state, conversation, instructions', () => {
    matchesGolden(
      'prompt.golden.md.txt',
      buildRecoveryPrompt(sampleBriefData(), { mode: 'quick' }).text,
    );
  });

  it('quick at 1,500 characters: the essentials stay, the detail goes, and it says so', () => {
    const brief = buildBrief(sampleBriefData(), { mode: 'quick', budget: 1500 });
    expect(brief.text.length).toBeLessThanOrEqual(1500);
    matchesGolden('quick-1500.golden.md.txt', brief.text);
  });
});

describe('buildBrief', () => {
  it('gives the same brief for the same data', () => {
    const a = buildBrief(sampleFullData(), { mode: 'full', budget: 4000 });
    const b = buildBrief(sampleFullData(), { mode: 'full', budget: 4000 });
    expect(a).toEqual(b);
  });

  it('keeps the default under Claude Code’s 10,000-character cap, however much there is', () => {
    const data = sampleBriefData();
    const base = data.todos[3]!;
    for (let i = 0; i < 400; i++) {
      data.todos.push({
        ...base,
        id: `X${i}`,
        number: 100 + i,
        content: `Pending task ${i} `.repeat(8),
      });
    }
    const brief = buildBrief(data, { mode: 'quick' });
    expect(brief.text.length).toBeLessThanOrEqual(9500);
    expect(brief.omitted.join()).toMatch(/pending todos/);
    expect(brief.text).toContain('Left out to fit 9,500 characters');
  });

  it('holds emergency briefs to 1,500 characters even when asked for more', () => {
    const brief = buildBrief(sampleBriefData(), { mode: 'emergency', budget: 9000 });
    expect(brief.budget).toBe(1500);
    expect(brief.text.length).toBeLessThanOrEqual(1500);
    expect(brief.text).not.toContain('Last actions');
    expect(brief.text).not.toContain('Component health');
  });

  it('drops detail before essentials: in-progress todo, crash and last error survive a small budget', () => {
    const brief = buildBrief(sampleBriefData(), { mode: 'quick', budget: 1400 });
    expect(brief.text).toContain('The last session crashed');
    expect(brief.text).toContain('#2 [in progress]');
    expect(brief.text).toContain('FAIL cart.test.ts');
    expect(brief.text).not.toContain('Component health');
    expect(brief.omitted).toContain('2 components');
  });

  it('gives the same content as JSON: every todo and warning kept in the text is in the JSON', () => {
    const brief = buildBrief(sampleBriefData(), { mode: 'quick', budget: 2500 });
    const todos = brief.json.todos as { number: number }[];
    const shown = [...brief.text.matchAll(/^- #(\d+) \[/gm)].map((m) => Number(m[1]));
    expect(todos.map((t) => t.number)).toEqual(shown);
    const warnings = brief.json.warnings as { code: string }[];
    expect(warnings.length).toBeGreaterThan(0);
    expect(brief.json).toMatchObject({
      version: 1,
      mode: 'quick',
      budget: 2500,
      length: brief.text.length,
      omitted: brief.omitted,
    });
  });

  it('briefs a project with no session yet from its todos alone', () => {
    const data: BriefData = {
      ...sampleBriefData(),
      session: null,
      endState: null,
      recent: emptyActivity(),
      changes: null,
    };
    const brief = buildBrief(data, { mode: 'quick' });
    expect(brief.text).toContain('No session has been recorded in this project yet.');
    expect(brief.text).toContain('#2 [in progress] Fix rounding');
    expect(brief.text).not.toContain('crashed');
  });

  it('says when the folder is not a repository instead of inventing changes', () => {
    const data = sampleBriefData();
    data.changes = { ...data.changes!, unavailable: 'not a git repository' };
    const brief = buildBrief(data, { mode: 'quick' });
    expect(brief.text).toContain('- Not checked: not a git repository.');
    expect(brief.text).not.toContain('Branch switched');
  });

  it('builds a brief from a checkpoint that names it and warns about drift', () => {
    const data = sampleBriefData();
    data.checkpoint = {
      handle: 'RECOVERY-SESSION-260304-002-102000',
      trigger: 'todo-completed',
      label: 'green tests',
      createdAt: NOW - 3_600_000,
      restoredAt: NOW - 60_000,
    };
    data.drift = { todos: 2, decisions: 0, facts: 1 };
    const brief = buildBrief(data, { mode: 'quick' });
    expect(brief.text).toContain(
      'Resuming from checkpoint RECOVERY-SESSION-260304-002-102000 "green tests"',
    );
    expect(brief.text).toContain('restored 1 min ago');
    expect(brief.text).toContain('## Changed since the checkpoint');
    expect(brief.text).toMatch(/2 todo\(s\), 1 fact\(s\) changed in the 1h since/);
  });
});

describe('full mode against quick', () => {
  /** The lines of one section (its heading up to the next heading). */
  const section = (text: string, heading: string) =>
    text
      .split('\n## ')
      .find((s) => s.startsWith(heading))
      ?.split('\n')
      .slice(1)
      .filter(Boolean) ?? [];

  function richData(): BriefData {
    const data = sampleFullData();
    data.todos.push(
      {
        ...data.todos[0]!,
        id: 'cancelled',
        number: 90,
        content: 'Try floats',
        status: 'cancelled',
      },
      ...[1, 2, 3, 4].map((i) => ({
        ...data.todos[0]!,
        id: `old-${i}`,
        number: 90 + i,
        content: `Earlier finished task ${i}`,
        completedAt: NOW - 40 * 24 * 3_600_000 - i,
      })),
    );
    data.recent.prompts = [
      action('user_message', { text: 'First, read the cart code and explain the totals' }),
      action('user_message', { text: 'Now write a failing test for the rounding' }),
      ...data.recent.prompts,
    ];
    return data;
  }

  it('holds every todo, decision, fact and component line of quick, and more', () => {
    const data = richData();
    const quick = buildBrief(data, { mode: 'quick' }).text;
    const full = buildBrief(data, { mode: 'full' }).text;
    for (const heading of ['Todos', 'Decisions in force', 'Context facts', 'Component health'])
      for (const line of section(quick, heading)) expect(full, heading).toContain(line);
    // Every todo, the cancelled and long-finished ones too, and the earlier requests.
    expect(section(full, 'Todos').join('\n')).toMatch(/Earlier finished task 4[\s\S]*Try floats/);
    expect(section(quick, 'Todos').join('\n')).not.toMatch(/Try floats|Earlier finished task 4/);
    expect(section(full, 'Earlier requests').join('\n')).toMatch(
      /read the cart code[\s\S]*failing test for the rounding/,
    );
    expect(quick).not.toContain('read the cart code');
    expect(full.length).toBeGreaterThan(quick.length * 1.25);
  });

  it('never suggests --mode full in a full brief, with or without a todo focus', () => {
    expect(buildBrief(richData(), { mode: 'full' }).text).not.toContain('--mode full');
    expect(buildBrief(sampleFocusData(), { mode: 'full' }).text).not.toContain('--mode full');
    expect(buildBrief(richData(), { mode: 'quick' }).text).toContain('--mode full');
  });
});

describe('the agent’s compaction summary', () => {
  const SUMMARY =
    'Primary request: fix cart rounding. Done: totals in integer cents, tests pass. Pending: deploy to staging once credentials arrive.';

  it('is shown under where things stand, longer in full mode', () => {
    const data = sampleBriefData();
    data.recent.summary = action('compaction', { text: `${SUMMARY} ${'Detail. '.repeat(200)}` });
    const quick = buildBrief(data, { mode: 'quick' });
    const stands = quick.text.split('## ')[1]!;
    expect(stands).toMatch(/^Where things stand/);
    expect(stands).toContain(`The agent's summary at its last compaction`);
    expect(stands).toContain(SUMMARY);
    const full = buildBrief({ ...data, timeline: sampleFullData().timeline }, { mode: 'full' });
    const said = (t: string) => /The agent's summary[^\n]*/.exec(t)![0].length;
    expect(said(full.text)).toBeGreaterThan(said(quick.text) + 1000);
    const outcome = quick.json.outcome as { summary?: { text: string } } | null;
    expect(outcome?.summary?.text).toContain(SUMMARY);
  });

  it('is absent when the session kept none', () => {
    expect(buildBrief(sampleBriefData(), { mode: 'quick' }).text).not.toContain('compaction');
  });
});
