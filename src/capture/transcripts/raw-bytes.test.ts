// Pins what a parser hands the store as a record's original text: one line as read (a copy, not
// a view into the reader's chunk), several as a JSON array, nothing when any part is unknown.
import { describe, expect, it } from 'vitest';
import { RawBytes } from './raw-bytes.js';

describe('RawBytes', () => {
  it('gives back a record’s bytes, copied from the chunk they were read from', () => {
    const chunk = Buffer.from('{ "a" : 1 }\n{"b":2}\n');
    const a = JSON.parse('{ "a" : 1 }') as object;
    const raw = new RawBytes();
    raw.remember(a, chunk.subarray(0, 11));
    chunk.fill(0);
    expect(raw.of(a as never)?.toString()).toBe('{ "a" : 1 }');
  });

  it('joins the lines of a merged record as a JSON array, in order', () => {
    const raw = new RawBytes();
    const rows = [{ n: 1 }, { n: 2 }, { n: 3 }];
    rows.forEach((r, i) => raw.remember(r, Buffer.from(`{"n": ${i + 1}}`)));
    const text = raw.of(rows)!.toString();
    expect(text).toBe('[{"n": 1},{"n": 2},{"n": 3}]');
    expect(JSON.parse(text)).toEqual(rows);
  });

  it('knows nothing of records it was not given, or of values that are not records', () => {
    const raw = new RawBytes();
    const known = { k: 1 };
    raw.remember(known, Buffer.from('{"k":1}'));
    raw.remember({ skipped: true }, undefined);
    expect(raw.of({ k: 1 })).toBeUndefined();
    expect(raw.of([known, { other: 1 }])).toBeUndefined();
    expect(raw.of('text')).toBeUndefined();
    expect(raw.of(null)).toBeUndefined();
  });
});
