// Fitting a brief to its budget. Every line of a brief is an item with a tier (1 essential,
// 2 important, 3 detail) inside a section with a rank (its place in the priority order of the
// brief). Items are dropped detail-first: all tier-3 items, least important section first, then
// tier 2, then tier 1 — so a small budget keeps the open work and the warnings of every section
// before the history of any. What was dropped is counted and said in a closing note.

export interface BriefItem {
  /** Markdown: one or more lines, no trailing newline. */
  md: string;
  /** 0 is never dropped (the title), 1 essential, 2 important, 3 detail. */
  tier: 0 | 1 | 2 | 3;
  /** What the item is, singular, for the note on what was left out: "pending todo". */
  unit: string;
  /** Where the item's value goes in the JSON brief: "todos", "actions.errors". */
  slot: string;
  value: unknown;
  /** Within one section and tier, a lower weight is dropped first (default: later lines first). */
  weight?: number;
}

export interface BriefSection {
  id: string;
  /** Printed as `## heading`; null for the unheaded blocks (title, the closing line). */
  heading: string | null;
  /** Place in the priority order: a higher rank is less important. */
  rank: number;
  items: BriefItem[];
}

export interface FittedBrief {
  text: string;
  sections: BriefSection[];
  omitted: string[];
}

const SEPARATOR = '\n\n';

function pluralUnit(unit: string, n: number): string {
  if (n === 1) return `1 ${unit}`;
  if (/[^aeiou]y$/.test(unit)) return `${n} ${unit.slice(0, -1)}ies`;
  if (/(s|sh|ch|x)$/.test(unit)) return `${n} ${unit}es`;
  return `${n} ${unit}s`;
}

/** The length of a section's text when all its items are kept. */
const fullLength = (s: BriefSection): number =>
  s.items.length === 0
    ? 0
    : (s.heading === null ? 0 : s.heading.length + 4) + // "## " + newline
      s.items.reduce((n, item) => n + item.md.length, 0) +
      s.items.length -
      1;

/** The closing note, given what was left out and how many lines that was in all. */
export type OmittedNote = (omitted: string[], lines: number) => string;

/** The text of sections, keeping only the items marked kept. */
export function renderSections(sections: BriefSection[], kept?: boolean[][]): string {
  const blocks: string[] = [];
  sections.forEach((s, si) => {
    const lines = s.items.filter((_, ii) => kept?.[si]?.[ii] ?? true).map((i) => i.md);
    if (lines.length === 0) return;
    blocks.push(s.heading === null ? lines.join('\n') : `## ${s.heading}\n${lines.join('\n')}`);
  });
  return blocks.join(SEPARATOR);
}

interface Candidate {
  si: number;
  ii: number;
  tier: number;
  rank: number;
  weight: number;
}

function dropOrder(sections: BriefSection[]): Candidate[] {
  const all: Candidate[] = [];
  sections.forEach((s, si) =>
    s.items.forEach((item, ii) => {
      if (item.tier === 0) return;
      all.push({ si, ii, tier: item.tier, rank: s.rank, weight: item.weight ?? -ii });
    }),
  );
  return all.sort((a, b) => b.tier - a.tier || b.rank - a.rank || a.weight - b.weight);
}

/** Cuts a text to `budget` characters, marking the cut. */
export function hardCut(text: string, budget: number): string {
  if (text.length <= budget) return text;
  if (budget <= 0) return '';
  return text.slice(0, budget - 1) + '…';
}

/** Running lengths and counts, updated item by item so fitting stays linear. */
class Tally {
  private readonly lengths: number[];
  private readonly counts: number[];
  private readonly dropped = new Map<string, number>();

  constructor(
    private readonly sections: BriefSection[],
    private readonly note: OmittedNote,
  ) {
    this.lengths = sections.map(fullLength);
    this.counts = sections.map((s) => s.items.length);
    // Units are named in the order the brief shows them.
    for (const s of sections) for (const item of s.items) this.dropped.set(item.unit, 0);
  }

  drop(si: number, ii: number): void {
    this.change(si, ii, -1);
  }

  restore(si: number, ii: number): void {
    this.change(si, ii, +1);
  }

  private change(si: number, ii: number, by: 1 | -1): void {
    const item = this.sections[si]!.items[ii]!;
    const before = this.counts[si]!;
    const after = before + by;
    const heading = this.sections[si]!.heading;
    const bare = heading === null ? 0 : heading.length + 4;
    this.counts[si] = after;
    if (after === 0) this.lengths[si] = 0;
    else if (before === 0) this.lengths[si] = bare + item.md.length;
    else this.lengths[si] = this.lengths[si]! + by * (item.md.length + 1);
    this.dropped.set(item.unit, this.dropped.get(item.unit)! - by);
  }

  noteText(): string {
    const lines = [...this.dropped.values()].reduce((a, b) => a + b, 0);
    return this.note(this.omitted(), lines);
  }

  omitted(): string[] {
    return [...this.dropped].filter(([, n]) => n > 0).map(([unit, n]) => pluralUnit(unit, n));
  }

  length(): number {
    const present = this.lengths.filter((n) => n > 0);
    const body =
      present.reduce((a, b) => a + b, 0) + SEPARATOR.length * Math.max(0, present.length - 1);
    const omitted = this.omitted();
    return omitted.length === 0 ? body : body + SEPARATOR.length + this.noteText().length;
  }
}

/**
 * Drops items until the rendered sections plus the note on what was left out fit `budget`.
 * When even the title does not fit (absurdly small budgets), the text is cut hard.
 */
export function fitBudget(
  sections: BriefSection[],
  budget: number,
  note: OmittedNote,
): FittedBrief {
  const kept = sections.map((s) => s.items.map(() => true));
  const tally = new Tally(sections, note);
  const dropped: Candidate[] = [];
  for (const c of dropOrder(sections)) {
    if (tally.length() <= budget) break;
    kept[c.si]![c.ii] = false;
    tally.drop(c.si, c.ii);
    dropped.push(c);
  }
  // The note shrinks to one line when it grows long, which can free room: take back the most
  // important dropped items while they fit, stopping at the first that does not (so nothing less
  // important is ever kept in place of something more important).
  for (const c of dropped.reverse()) {
    tally.restore(c.si, c.ii);
    if (tally.length() > budget) {
      tally.drop(c.si, c.ii);
      break;
    }
    kept[c.si]![c.ii] = true;
  }
  const omitted = tally.omitted();
  const body = renderSections(sections, kept);
  const text = omitted.length ? `${body}${SEPARATOR}${tally.noteText()}` : body;
  const fitted = sections.map((s, si) => ({
    ...s,
    items: s.items.filter((_, ii) => kept[si]![ii]),
  }));
  return { text: hardCut(text, budget), sections: fitted, omitted };
}
