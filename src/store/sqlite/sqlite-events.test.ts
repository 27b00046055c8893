// Pins the bulk path of prepared appends (an import's): many rows to a statement, yet each event
// gets its own seq, its own index row and its session's count, and refs already stored or repeated
// in the batch are skipped exactly as a one-row append skips them.
import { describe, expect, it } from 'vitest';
import { openMemoryStore } from '../index.js';
import { createEventPreparer } from '../prepare-event.js';
import { packRaw } from '../prepare-raw.js';
import { decodeBlock } from './raw-codec.js';

function setup() {
  const store = openMemoryStore();
  const p = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const a = store.sessions.start({ agent: 'cli', projectId: p.id });
  const b = store.sessions.start({ agent: 'cli', projectId: p.id });
  const prepare = createEventPreparer(store.events.preparation());
  return { store, a, b, prepare };
}

describe('appendPrepared', () => {
  it('gives every event of a large batch its own seq and index row, in order', () => {
    const { store, a, b, prepare } = setup();
    const events = Array.from({ length: 101 }, (_, i) =>
      prepare({
        sessionId: i % 3 ? a.id : b.id,
        kind: 'note',
        source: 'cli',
        ref: `r${i}`,
        text: `word${i} plain note`,
        ts: 1000 + i,
      }),
    );
    const r = store.events.appendPrepared(events);
    expect(r.inserted).toBe(101);
    const seqs = r.seqs as number[];
    seqs.forEach((seq, i) => {
      expect(store.events.get(seq)).toMatchObject({ text: `word${i} plain note`, ref: `r${i}` });
      const hit = store.query<{ rowid: number }>(
        'SELECT rowid FROM events_fts WHERE events_fts MATCH ?',
        [`word${i}`],
      );
      expect(hit).toEqual([{ rowid: seq }]);
    });
    expect(store.sessions.get(a.id)!.eventCount + store.sessions.get(b.id)!.eventCount).toBe(101);
    store.close();
  });

  it('skips refs already stored and refs repeated in the batch, keeping the others aligned', () => {
    const { store, a, prepare } = setup();
    const note = (ref: string, text: string) =>
      prepare({ sessionId: a.id, kind: 'note', source: 'cli', ref, text });
    store.events.appendPrepared([note('old', 'first copy')]);
    const r = store.events.appendPrepared([
      note('new1', 'one'),
      note('old', 'second copy'),
      note('new2', 'two'),
      note('new1', 'again'),
      note('new3', 'three'),
    ]);
    expect(r).toMatchObject({ inserted: 3, duplicates: 2 });
    expect(r.seqs.map((s) => (s === null ? null : store.events.get(s)!.text))).toEqual([
      'one',
      null,
      'two',
      null,
      'three',
    ]);
    expect(store.events.list({ sessionId: a.id }).map((e) => e.text)).toEqual([
      'first copy',
      'one',
      'two',
      'three',
    ]);
    store.close();
  });
});

describe('appendPrepared with packed raw records', () => {
  for (const compress of [true, false]) {
    it(`keeps each new event's record, and none of a duplicate's (blocks ${compress ? 'compressed' : 'plain'})`, () => {
      const { store, a, prepare } = setup();
      const note = (ref: string) =>
        prepare({ sessionId: a.id, kind: 'note', source: 'transcript', ref, text: ref });
      const records = ['{"n":1}', '{"n":2}', '{"n":3}'].map((r) => Buffer.from(r));
      const keys = records.map(() => 'a');
      // The second event is stored already: its record must not be packed again.
      store.events.appendPrepared([note('r2')]);
      const r = store.events.appendPrepared(
        [note('r1'), note('r2'), note('r3')],
        packRaw(records, keys, compress),
      );
      expect(r.inserted).toBe(2);
      expect(r.seqs[1]).toBeNull();
      expect(store.events.raw(r.seqs[0]!)).toBe('{"n":1}');
      expect(store.events.raw(r.seqs[2]!)).toBe('{"n":3}');
      const packed = store.database.prepare('SELECT data FROM raw_blocks').all() as {
        data: Buffer;
      }[];
      expect(packed).toHaveLength(1);
      expect(decodeBlock(packed[0]!.data).toString()).toBe('{"n":1}{"n":3}');
      // All new: the block goes in as it came.
      const all = store.events.appendPrepared(
        [note('r4'), note('r5')],
        packRaw(records.slice(0, 2), keys.slice(0, 2), compress),
      );
      expect(store.events.raw(all.seqs[1]!)).toBe('{"n":2}');
    });
  }
});
