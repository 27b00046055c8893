// Pins how a brief is fitted to its budget: details go before essentials, less important sections
// before more important ones, an emptied section loses its heading, what was dropped is counted,
// and a budget too small for anything is cut hard rather than exceeded.
import { describe, expect, it } from 'vitest';
import { fitBudget, hardCut, renderSections } from './fit-budget.js';
import type { BriefItem, BriefSection } from './fit-budget.js';

const item = (md: string, tier: BriefItem['tier'], unit = 'line', weight?: number): BriefItem => ({
  md,
  tier,
  unit,
  slot: 'x[]',
  value: md,
  ...(weight !== undefined && { weight }),
});

const sections = (): BriefSection[] => [
  { id: 'a', heading: null, rank: 0, items: [item('# Title', 0)] },
  {
    id: 'b',
    heading: 'Todos',
    rank: 3,
    items: [item('- todo 1', 1, 'todo'), item('- todo 2', 2, 'todo'), item('- todo 3', 3, 'todo')],
  },
  {
    id: 'c',
    heading: 'Facts',
    rank: 6,
    items: [item('- fact 1', 1, 'fact'), item('- fact 2', 3, 'fact')],
  },
];
const note = (omitted: string[]) => `(left out: ${omitted.join(', ')})`;

describe('fitBudget', () => {
  it('keeps everything when it fits, without a note', () => {
    const all = renderSections(sections());
    const fitted = fitBudget(sections(), all.length, note);
    expect(fitted.text).toBe(all);
    expect(fitted.omitted).toEqual([]);
  });

  it('drops tier-3 details first, from the least important section first', () => {
    const all = renderSections(sections());
    // Room for everything but one fact line, plus the note saying so.
    const budget = all.length - '\n- fact 2'.length + '\n\n~'.length;
    const tighter = fitBudget(sections(), budget, (omitted) => (omitted.length ? '~' : ''));
    expect(tighter.omitted).toEqual(['1 fact']);
    expect(tighter.text).toContain('- todo 3');
    expect(tighter.text).not.toContain('- fact 2');
    expect(tighter.text.endsWith('\n\n~')).toBe(true);
  });

  it('removes the heading of a section whose items were all dropped', () => {
    const fitted = fitBudget(sections(), 60, note);
    expect(fitted.text).not.toContain('## Facts');
    expect(fitted.text.length).toBeLessThanOrEqual(60);
    expect(fitted.text.startsWith('# Title')).toBe(true);
  });

  it('drops by weight within a section: lower weight first', () => {
    const chrono: BriefSection[] = [
      {
        id: 'x',
        heading: null,
        rank: 1,
        items: [item('old', 3, 'a', 0), item('mid', 3, 'a', 1), item('new', 3, 'a', 2)],
      },
    ];
    const tiny = () => '~';
    expect(fitBudget(chrono, 'mid\nnew\n\n~'.length, tiny).text).toBe('mid\nnew\n\n~');
  });

  it('cuts hard when even the title does not fit', () => {
    const fitted = fitBudget(sections(), 5, note);
    expect(fitted.text).toBe('# Ti…');
    expect(hardCut('abc', 0)).toBe('');
  });

  it('takes back dropped items when a shorter note frees room, never out of order', () => {
    let calls = 0;
    const shrinking = (omitted: string[]) =>
      ++calls && omitted.length > 1 ? 'n' : 'a very long note indeed';
    const fitted = fitBudget(sections(), 50, shrinking);
    expect(fitted.text.length).toBeLessThanOrEqual(50);
    const keptTodos = fitted.sections[1]!.items.map((i) => i.md);
    // Whatever came back, a more important todo is never missing while a less important one stays.
    if (keptTodos.includes('- todo 3')) expect(keptTodos).toContain('- todo 2');
    if (keptTodos.includes('- todo 2')) expect(keptTodos).toContain('- todo 1');
  });
});
