// Pins the retention plan, a pure function: last N per session, the newest of each day per
// project, labelled and pinned checkpoints kept; the rest removed, newest first.
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../core/index.js';
import { planRetention } from './retention.js';

const DAY = 86_400_000;
const base = new Date(2026, 2, 4, 12, 0, 0).getTime(); // local noon: days are local calendar days
let n = 0;
const cp = (sessionId: string, createdAt: number, label: string | null = null): Checkpoint => ({
  id: `C${String(++n).padStart(3, '0')}`,
  handle: `RECOVERY-${n}`,
  sessionId,
  projectId: 'P',
  label,
  trigger: 'interval',
  journalSeq: n,
  gitHead: null,
  gitBranch: null,
  gitDirty: [],
  size: 100,
  createdAt,
  machineId: 'M',
  hlc: '0',
});

describe('planRetention', () => {
  it('keeps the last N of each session and removes older ones', () => {
    const list = [0, 1, 2, 3, 4].map((i) => cp('S1', base + i * 60_000));
    const plan = planRetention(list, { keepPerSession: 2 });
    expect(plan.keep.map((c) => c.createdAt)).toEqual([base + 4 * 60_000, base + 3 * 60_000]);
    expect(plan.remove).toHaveLength(3);
    expect(plan.reasons.get(plan.keep[0]!.id)).toBe('last 2 of its session');
  });

  it('keeps one per day (the newest) even beyond the last N', () => {
    const old = [cp('S1', base - 2 * DAY), cp('S1', base - 2 * DAY + 60_000), cp('S1', base - DAY)];
    const recent = [cp('S1', base), cp('S1', base + 60_000)];
    const plan = planRetention([...old, ...recent], { keepPerSession: 2 });
    const kept = new Set(plan.keep.map((c) => c.id));
    expect(kept.has(old[1]!.id)).toBe(true);
    expect(kept.has(old[2]!.id)).toBe(true);
    expect(kept.has(old[0]!.id)).toBe(false);
    expect(plan.reasons.get(old[1]!.id)).toBe('newest of its day');
  });

  it('never removes a labelled checkpoint or a pinned one', () => {
    const list = [
      cp('S1', base, 'before refactor'),
      cp('S1', base + 1000),
      cp('S1', base + 2000),
      cp('S1', base + 3000),
    ];
    const plan = planRetention(list, { keepPerSession: 1 }, new Set([list[1]!.id]));
    expect(plan.remove.map((c) => c.id)).toEqual([list[2]!.id]);
    expect(plan.reasons.get(list[0]!.id)).toBe('labelled');
    expect(plan.reasons.get(list[1]!.id)).toBe('resume point');
  });

  it('counts each session on its own', () => {
    const list = [cp('S1', base), cp('S2', base + 1), cp('S1', base + 2), cp('S2', base + 3)];
    const plan = planRetention(list, { keepPerSession: 1 });
    expect(plan.keep.map((c) => c.sessionId).sort()).toEqual(['S1', 'S2']);
  });
});
