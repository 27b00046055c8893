// Pins how a write_todos call becomes the session's plan.
import { describe, expect, it } from 'vitest';
import { planUpdate } from './plan.js';

describe('Gemini write_todos → plan', () => {
  it('names each item by its text under the session, with its status', () => {
    const plan = planUpdate('s1', {
      todos: [
        { description: 'Write the file', status: 'completed' },
        { description: ' Ship it ', status: 'in_progress' },
        { description: 'Drop it', status: 'cancelled' },
        { description: 'Odd', status: 'someday' },
      ],
    })!;
    expect(plan.prefix).toBe('gemini:s1:plan:');
    expect(plan.items.map((i) => [i.content, i.status])).toEqual([
      ['Write the file', 'completed'],
      ['Ship it', 'in_progress'],
      ['Drop it', 'cancelled'],
      ['Odd', 'pending'],
    ]);
    expect(planUpdate('s1', { todos: [{ description: 'Ship it' }] })!.items[0]!.key).toBe(
      plan.items[1]!.key,
    );
  });

  it('is no plan without a todos list', () => {
    expect(planUpdate('s1', { items: [] })).toBeNull();
    expect(planUpdate('s1', null)).toBeNull();
  });
});
