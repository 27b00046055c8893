// Pins raw-record storage in compressed blocks: every record reads back exactly (across sessions,
// block boundaries and records larger than a block), redacted; a re-sent duplicate packs nothing;
// rows written before schema 3 still read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import { decodeBlock, encodeBlock } from './raw-codec.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-raw-'));
  dirs.push(dir);
  return join(dir, 'baton.db');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(path = tempDb(), migrateTo?: number) {
  const store = SqliteStore.open({ path, ...(migrateTo !== undefined && { migrateTo }) });
  const project = store.projects.ensure({ key: 'path:/r', root: '/r', remoteUrl: null, name: 'r' });
  const a = store.sessions.start({ agent: 'cli', projectId: project.id });
  const b = store.sessions.start({ agent: 'cli', projectId: project.id });
  return { store, a, b, path };
}

const blockCount = (store: SqliteStore) =>
  store.query<{ n: number }>('SELECT count(*) AS n FROM raw_blocks')[0]!.n;

describe('raw blocks', () => {
  it('reads back every record of a batch, across sessions and block boundaries', () => {
    const { store, a, b } = setup();
    const records = Array.from({ length: 300 }, (_, i) => ({
      i,
      body: `line ${i} ${'é'.repeat(i % 7)} ${'x'.repeat(2000 + i)}`,
    }));
    const huge = { big: 'y'.repeat(600_000) };
    const result = store.events.append([
      ...records.map((r, i) => ({
        sessionId: i % 2 ? a.id : b.id,
        kind: 'note' as const,
        source: 'cli' as const,
        ref: `r${i}`,
        raw: r,
      })),
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'huge', raw: huge },
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'text', raw: 'a plain text record' },
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'none' },
    ]);
    const seqs = result.seqs as number[];
    records.forEach((r, i) => expect(JSON.parse(store.events.raw(seqs[i]!)!)).toEqual(r));
    expect(JSON.parse(store.events.raw(seqs[300]!)!)).toEqual(huge);
    expect(store.events.raw(seqs[301]!)).toBe('a plain text record');
    expect(store.events.raw(seqs[302]!)).toBeNull();
    expect(blockCount(store)).toBeGreaterThan(2);
    expect(blockCount(store)).toBeLessThan(20);
    store.close();
  });

  it('redacts before packing and packs nothing for duplicates', () => {
    const { store, a } = setup();
    const secret = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3';
    const [seq] = store.events.append([
      {
        sessionId: a.id,
        kind: 'note',
        source: 'cli',
        ref: 'k',
        raw: { cmd: `export OPENAI_API_KEY=${secret}` },
      },
    ]).seqs;
    expect(store.events.raw(seq!)).not.toContain(secret);
    const before = blockCount(store);
    expect(
      store.events.append([
        { sessionId: a.id, kind: 'note', source: 'cli', ref: 'k', raw: { again: true } },
      ]).inserted,
    ).toBe(0);
    expect(
      store.events.append([
        { sessionId: a.id, kind: 'note', source: 'cli', ref: 'n', raw: { first: 1 } },
        { sessionId: a.id, kind: 'note', source: 'cli', ref: 'n', raw: { second: 2 } },
      ]).inserted,
    ).toBe(1);
    expect(blockCount(store)).toBe(before + 1);
    store.close();
  });

  it('keeps reading records stored one per event before the upgrade', () => {
    const { store, a, path } = setup(tempDb(), 2);
    const [seq] = store.events.append([
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'old', raw: { before: 'upgrade' } },
    ]).seqs;
    expect(store.events.raw(seq!)).toBe('{"before":"upgrade"}');
    store.close();
    const upgraded = SqliteStore.open({ path });
    expect(upgraded.events.raw(seq!)).toBe('{"before":"upgrade"}');
    const [next] = upgraded.events.append([
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'new', raw: { after: 1 } },
    ]).seqs;
    expect(upgraded.events.raw(next!)).toBe('{"after":1}');
    upgraded.close();
  });
});

describe('raw block codec', () => {
  it('writes Brotli blocks and still reads the raw deflate blocks of older stores', () => {
    const { store, a } = setup();
    const [seq] = store.events.append([
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'new', raw: { n: 'new record' } },
    ]).seqs as number[];
    const [written] = store.query<{ data: Buffer }>('SELECT data FROM raw_blocks');
    expect(written!.data[0]).toBe(0xfe);
    expect(decodeBlock(written!.data).toString()).toBe('{"n":"new record"}');

    // A block as schema 3 wrote it: raw deflate, no marker (same length as the record above).
    store.database
      .prepare('UPDATE raw_blocks SET data = ?')
      .run(deflateRawSync(Buffer.from('{"n":"old record"}')));
    const reopened = SqliteStore.open({ path: store.database.name });
    store.close();
    expect(reopened.events.raw(seq!)).toBe('{"n":"old record"}');
    reopened.close();
  });

  it('tells the two formats apart whatever the data', () => {
    for (const text of ['', 'x', '\u00fe', 'a'.repeat(100_000)]) {
      const data = Buffer.from(text);
      expect(decodeBlock(encodeBlock(data))).toEqual(data);
      expect(decodeBlock(deflateRawSync(data))).toEqual(data);
    }
  });
});
