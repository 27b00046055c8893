// Pins that the native-sort ordering of candidates is exactly the comparator's, on random
// candidates with many ties, seqs far apart, and numbers too large to pack (the comparator then).
import { describe, expect, it } from 'vitest';
import { largest, orderByRank } from './rank-order.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function comparatorOrder(groups: number[], points: number[], seqs: number[]): number[] {
  return seqs
    .map((_, i) => i)
    .sort((a, b) => groups[a]! - groups[b]! || points[b]! - points[a]! || seqs[b]! - seqs[a]!);
}

function candidates(r: () => number, n: number, pointRange: number, seqBase: number) {
  const seqs = new Set<number>();
  while (seqs.size < n) seqs.add(seqBase + Math.floor(r() * n * 50));
  return {
    groups: Array.from({ length: n }, () => (r() < 0.5 ? 0 : 1)),
    points: Array.from({ length: n }, () => Math.round(r() * pointRange)),
    seqs: [...seqs],
  };
}

describe('orderByRank', () => {
  it('orders as the comparator does, ties on points broken by the newer seq', () => {
    const r = random(7);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(r() * 1200);
      // Few distinct points: most candidates tie with others.
      const c = candidates(r, n, round % 2 ? 5 : 100_000, Math.floor(r() * 1e9));
      expect(orderByRank(c.groups, c.points, c.seqs)).toEqual(
        comparatorOrder(c.groups, c.points, c.seqs),
      );
    }
  });

  it('falls back to the comparator where the numbers do not pack exactly', () => {
    const groups = [0, 1, 0, 1];
    const points = [3, 2 ** 52, 3, 0];
    const seqs = [1, 2, 3, 4];
    expect(orderByRank(groups, points, seqs)).toEqual(comparatorOrder(groups, points, seqs));
  });

  it('orders nothing and one', () => {
    expect(orderByRank([], [], [])).toEqual([]);
    expect(orderByRank([1], [5], [9])).toEqual([0]);
  });
});

describe('largest', () => {
  it('holds what a stable sort, largest first, cut at k holds', () => {
    const r = random(11);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(r() * 300);
      const k = Math.floor(r() * 80);
      const values = Array.from({ length: n }, () => Math.round(r() * 20) / 4);
      const expected = values
        .map((v, i) => ({ v, i }))
        .sort((a, b) => b.v - a.v)
        .slice(0, k)
        .map((x) => x.i)
        .sort((a, b) => a - b);
      expect(largest(values, k)).toEqual(expected);
    }
  });
});
