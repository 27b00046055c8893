// Property tests of the brief's promises over any data: it never exceeds its budget (markdown
// length, in every mode and for the recovery prompt), the same data gives the same brief, the JSON
// reports the text's length and what was left out, and with room to spare nothing is left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../core/index.js';
import { briefShape } from '../../schemas/index.js';
import { action, component, decision, fact, session, todo } from '../__fixtures__/brief-data.js';
import type { BriefData, BriefMode } from './brief-types.js';
import { buildBrief, effectiveBudget } from './build-brief.js';
import { buildRecoveryPrompt } from './recovery-prompt.js';

const T = { min: 1_500_000_000_000, max: 2_000_000_000_000 };
const time = fc.integer(T);
// Any text at all: empty, huge, multi-line, backticks, quotes, astral characters.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.constantFrom(
    '',
    '`',
    '``code``',
    'src/cart.ts',
    '# heading\n- list',
    '"quoted"',
    'a'.repeat(3000),
  ),
);
const nullableText = fc.option(text, { nil: null });
const STATUSES = ['pending', 'in_progress', 'completed', 'blocked', 'cancelled'] as const;

const todos = fc
  .array(
    fc.record({
      content: text,
      status: fc.constantFrom(...STATUSES),
      reason: nullableText,
      at: time,
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      ...todo(r.content, r.status, { blockedReason: r.reason, startedAt: r.at, completedAt: r.at }),
      id: `T${i}`,
      number: i + 1,
    })),
  );

const actions = fc
  .array(
    fc.record({
      kind: fc.constantFrom('tool_call', 'error', 'command', 'file_change', 'compaction' as const),
      text,
      tool: nullableText,
      files: fc.array(text, { maxLength: 4 }),
      command: nullableText,
      ts: time,
    }),
    { maxLength: 50 },
  )
  .map((rows) => rows.map((r) => action(r.kind, r)));

const changes = fc
  .option(
    fc.record({
      unavailable: nullableText,
      branch: nullableText,
      paths: fc.array(text, { maxLength: 30 }),
      commits: fc.array(
        fc.record({ sha: fc.string({ maxLength: 40 }), author: text, at: time, subject: text }),
        { maxLength: 6 },
      ),
      missing: fc.boolean(),
    }),
    { nil: null },
  )
  .map((c) =>
    c === null
      ? null
      : {
          unavailable: c.unavailable,
          base: { head: 'a'.repeat(40), branch: c.branch, at: T.min },
          current: { head: 'b'.repeat(40), branch: 'main' },
          commits: c.commits,
          commitCount: c.commits.length * 7,
          baseMissing: c.missing,
          committed: c.paths.map((path) => ({ path, status: 'M' })),
          uncommitted: c.paths.slice(0, 5).map((path) => ({ path, status: '?' })),
          editedSince: c.paths.slice(0, 3),
        },
  );

const briefData: fc.Arbitrary<BriefData> = fc
  .record({
    now: time,
    hasSession: fc.boolean(),
    crashed: fc.boolean(),
    title: nullableText,
    reason: nullableText,
    todos,
    decisions: fc.array(
      fc.record({ d: text, why: nullableText, files: fc.array(text, { maxLength: 3 }) }),
      { maxLength: 20 },
    ),
    facts: fc.array(
      fc.record({
        key: text,
        value: fc.jsonValue({ maxDepth: 2 }),
        p: fc.constantFrom('critical', 'high', 'normal', 'low' as const),
        exp: fc.option(time, { nil: null }),
      }),
      { maxLength: 20 },
    ),
    components: fc.array(
      fc.record({
        name: text,
        status: text,
        health: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      }),
      { maxLength: 10 },
    ),
    actions,
    prompts: fc.array(text, { maxLength: 3 }),
    changes,
    focus: fc.boolean(),
  })
  .map((r) => {
    const recent = {
      actions: r.actions,
      errors: r.actions.filter((a) => a.failed).slice(-5),
      prompts: r.prompts.map((t) => action('user_message', { text: t })),
      assistant: r.prompts.length ? action('assistant_message', { text: r.prompts[0]! }) : null,
      eventCount: r.actions.length * 3,
    };
    const s = r.hasSession
      ? session({ title: r.title, endReason: r.reason, status: r.crashed ? 'crashed' : 'ended' })
      : null;
    const focusTodo = r.todos[0];
    return {
      now: r.now,
      project: { name: 'p', root: '/p' },
      session: s,
      endState: s ? (r.crashed ? 'crashed' : 'ended') : null,
      checkpoint: null,
      todos: r.todos,
      decisions: r.decisions.map((d, i) =>
        decision(i + 1, d.d, { reasoning: d.why, files: d.files }),
      ),
      facts: r.facts.map((f) =>
        fact(f.key, f.value as JsonValue, { priority: f.p, expiresAt: f.exp }),
      ),
      components: r.components.map((c) => component(c.name, c.status, c.health)),
      recent,
      changes: r.changes,
      drift: null,
      timeline: [],
      focus:
        r.focus && focusTodo
          ? {
              todo: focusTodo,
              sessions: [],
              events: r.actions.slice(0, 5),
              files: [],
              checkpoint: null,
              remaining: r.todos.slice(1),
            }
          : null,
    } satisfies BriefData;
  });

const mode = fc.constantFrom<BriefMode>('quick', 'full', 'emergency');
const budget = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 400, max: 20_000 }));

describe('buildBrief over any data', () => {
  it('never exceeds its budget, in any mode, nor does the recovery prompt', () => {
    fc.assert(
      fc.property(briefData, mode, budget, (data, m, b) => {
        const limit = effectiveBudget(m, b);
        expect(buildBrief(data, { mode: m, budget: b }).text.length).toBeLessThanOrEqual(limit);
        expect(buildRecoveryPrompt(data, { mode: m, budget: b }).text.length).toBeLessThanOrEqual(
          limit,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic, and its JSON has the published shape, the length and what was left out', () => {
    fc.assert(
      fc.property(briefData, mode, budget, (data, m, b) => {
        const a = buildBrief(data, { mode: m, budget: b });
        expect(buildBrief(structuredClone(data), { mode: m, budget: b })).toEqual(a);
        expect(a.json.length).toBe(a.text.length);
        expect(a.json.omitted).toEqual(a.omitted);
        // The JSON always has the published shape (schemas/brief.schema.json).
        expect(briefShape.safeParse(a.json).error).toBeUndefined();
        if (a.omitted.length === 0) expect(a.text).not.toContain('left out to fit');
      }),
      { numRuns: 200 },
    );
  });

  it('leaves nothing out when the budget is larger than the whole brief', () => {
    fc.assert(
      fc.property(briefData, fc.constantFrom<BriefMode>('quick', 'full'), (data, m) => {
        const whole = buildBrief(data, { mode: m, budget: 10_000_000 });
        expect(whole.omitted).toEqual([]);
        const exact = buildBrief(data, { mode: m, budget: whole.text.length });
        expect(exact.text).toBe(whole.text);
      }),
      { numRuns: 100 },
    );
  });
});
