// Pins ids: ULIDs, strictly increasing from one source (within a millisecond too), random parts
// drawn from a pool that is refilled only when used up.
import { describe, expect, it } from 'vitest';
import { createIdSource, pooledRandom } from './ids.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('ids', () => {
  it('are ULIDs in strictly increasing order, within one millisecond and across them', () => {
    let ms = Date.parse('2026-01-01T00:00:00Z');
    const next = createIdSource(() => ms);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 1000 === 0) ms += 1;
      ids.push(next());
    }
    for (const id of ids) expect(id).toMatch(ULID);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives two sources different random parts in the same millisecond', () => {
    const a = createIdSource(() => 1_000)();
    const b = createIdSource(() => 1_000)();
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a.slice(10)).not.toBe(b.slice(10));
  });

  it('draws numbers in [0, 1) from a pool refilled only when it runs out', () => {
    let fills = 0;
    const random = pooledRandom((pool) => {
      fills += 1;
      pool.fill(255);
    }, 8);
    const values = Array.from({ length: 17 }, random);
    expect(fills).toBe(3);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values[0]).toBe(255 / 256);
  });
});
