// Pins the per-field merge: causal edits fast-forward, concurrent edits converge to the higher
// stamp and report the other value, deletions win, and replicas syncing through a shared vault
// in any interleaving end equal (property test, no database).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../core/index.js';
import type { JsonValue } from '../core/index.js';
import type { RecordState } from '../store/index.js';
import { canonicalJson, mergeRecord } from './record-merge.js';
import type { FieldConflict } from './record-merge.js';

function edit(state: RecordState | null, hlc: string, field: string, value: JsonValue) {
  const base: RecordState = state ?? { fields: {}, stamps: {}, vv: {}, hlc: '', deleted: false };
  const machine = hlc.split('-').slice(2).join('-');
  return {
    fields: { ...base.fields, [field]: value },
    stamps: { ...base.stamps, [field]: hlc },
    vv: { ...base.vv, [machine]: hlc },
    hlc,
    deleted: base.deleted,
  };
}

describe('mergeRecord', () => {
  const a = (n: number) => `00000000${n}-0000-A`;
  const b = (n: number) => `00000000${n}-0000-B`;

  it('takes an edit made after seeing the local value, with no conflict', () => {
    const base = edit(null, a(1), 'content', 'one');
    const later = edit(base, b(2), 'content', 'two');
    const r = mergeRecord(base, later);
    expect(r.state.fields.content).toBe('two');
    expect(r.conflicts).toEqual([]);
    expect(mergeRecord(later, base).changed).toBe(false);
  });

  it('keeps edits of different fields from both sides', () => {
    const base = edit(edit(null, a(1), 'content', 'x'), a(1), 'status', 'pending');
    const mine = edit(base, a(2), 'content', 'y');
    const theirs = edit(base, b(3), 'status', 'completed');
    const r = mergeRecord(mine, theirs);
    expect(r.state.fields).toMatchObject({ content: 'y', status: 'completed' });
    expect(r.conflicts).toEqual([]);
  });

  it('reports a concurrent edit of one field and picks the same winner on both sides', () => {
    const base = edit(null, a(1), 'content', 'x');
    const mine = edit(base, a(2), 'content', 'mine');
    const theirs = edit(base, b(3), 'content', 'theirs');
    const here = mergeRecord(mine, theirs);
    const there = mergeRecord(theirs, mine);
    expect(here.state.fields.content).toBe('theirs');
    expect(there.state.fields.content).toBe('theirs');
    expect(here.conflicts).toEqual([
      { field: 'content', mine: 'mine', mineHlc: a(2), theirs: 'theirs', theirsHlc: b(3) },
    ]);
    expect(there.conflicts).toHaveLength(1);
  });

  it('lets a deletion win over a later edit', () => {
    const base = edit(null, a(1), 'content', 'x');
    const gone = { ...edit(base, a(2), 'content', ''), deleted: true };
    const edited = edit(base, b(5), 'content', 'still here');
    expect(mergeRecord(edited, gone).state.deleted).toBe(true);
    expect(mergeRecord(gone, edited).state.deleted).toBe(true);
  });
});

type Op =
  | { t: 'edit'; r: number; id: number; field: number; value: number; dt: number }
  | { t: 'delete'; r: number; id: number }
  | { t: 'push'; r: number }
  | { t: 'pull'; r: number };

function simulate(replicas: number, ops: Op[]) {
  let now = 1_000;
  const clock = { now: () => now };
  const names = ['A', 'B', 'C'].slice(0, replicas);
  const hlcs = names.map((m) => new HybridLogicalClock(m, clock));
  const local = names.map(() => new Map<string, RecordState>());
  const conflicts = names.map(() => [] as FieldConflict[]);
  const server = new Map<string, RecordState>(); // `${id}|${machine}`
  const push = (r: number) => {
    for (const [id, s] of local[r]!) server.set(`${id}|${names[r]}`, s);
  };
  const pull = (r: number) => {
    for (const [key, remote] of server) {
      const [id, machine] = key.split('|') as [string, string];
      if (machine === names[r]) continue;
      hlcs[r]!.observe(remote.hlc);
      const m = mergeRecord(local[r]!.get(id) ?? null, remote);
      local[r]!.set(id, m.state);
      conflicts[r]!.push(...m.conflicts);
    }
  };
  for (const op of ops) {
    if (op.r >= replicas) continue;
    if (op.t === 'push') push(op.r);
    else if (op.t === 'pull') pull(op.r);
    else {
      now += op.t === 'edit' ? op.dt : 1;
      const stamp = hlcs[op.r]!.tick();
      const id = `rec${op.id}`;
      const prev = local[op.r]!.get(id) ?? null;
      if (op.t === 'edit') local[op.r]!.set(id, edit(prev, stamp, `f${op.field}`, op.value));
      else if (prev) local[op.r]!.set(id, { ...edit(prev, stamp, 'f0', null), deleted: true });
    }
  }
  for (let round = 0; round < 2; round++) {
    for (let r = 0; r < replicas; r++) push(r);
    for (let r = 0; r < replicas; r++) pull(r);
  }
  return { local, conflicts };
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('edit' as const),
    r: fc.nat(2),
    id: fc.nat(2),
    field: fc.nat(2),
    value: fc.nat(5),
    dt: fc.integer({ min: -3, max: 5 }),
  }),
  fc.record({ t: fc.constant('delete' as const), r: fc.nat(2), id: fc.nat(2) }),
  fc.record({ t: fc.constant('push' as const), r: fc.nat(2) }),
  fc.record({ t: fc.constant('pull' as const), r: fc.nat(2) }),
);

const view = (m: Map<string, RecordState>) =>
  canonicalJson(
    Object.fromEntries([...m].map(([id, s]) => [id, { f: s.fields, s: s.stamps, d: s.deleted }])),
  );

describe('replicas syncing through one vault', () => {
  for (const replicas of [2, 3]) {
    it(`converge: ${replicas} replicas, random edits, deletes, pushes and pulls`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
          const { local } = simulate(replicas, ops);
          const first = view(local[0]!);
          for (const m of local) expect(view(m)).toBe(first);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps the losing value of two unsynced edits of one field as a conflict', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(4), fc.integer({ min: -3, max: 3 }), (x, y, dt) => {
        fc.pre(x !== y);
        const ops: Op[] = [
          { t: 'edit', r: 0, id: 0, field: 0, value: x, dt: 1 },
          { t: 'edit', r: 1, id: 0, field: 0, value: y, dt },
        ];
        const { local, conflicts } = simulate(2, ops);
        const final = local[0]!.get('rec0')!.fields.f0;
        const loser = final === x ? y : x;
        const all = conflicts.flat();
        expect(all.some((c) => c.mine === loser || c.theirs === loser)).toBe(true);
      }),
    );
  });
});
