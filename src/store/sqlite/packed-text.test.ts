// Pins how long event texts and data sit in the events table (../text-codec.ts): compressed in
// the row, yet every reader — the event itself, excerpts, the export's iteration, sync, forget,
// the index rebuild — gets back exactly the text that was written; rows written before the change
// (plain TEXT) read as they always did.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../index.js';
import { createEventPreparer } from '../prepare-event.js';
import { deflateRawSync } from 'node:zlib';
import { TEXT_PACK_MAX, TEXT_PACK_MIN, packText, unpackText, unpackTexts } from '../text-codec.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const LONG = Array.from(
  { length: 60 },
  (_, i) => `line ${i}: the migration renamed café → 咖啡 and kept the 🚀 rows\n`,
).join('');
const DATA = {
  toolUseId: 'toolu_1',
  input: { file_path: 'src/app.ts', old_string: LONG, new_string: LONG.toUpperCase() },
};

function setup() {
  const store = openMemoryStore();
  const p = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const s = store.sessions.start({ agent: 'cli', projectId: p.id });
  return { store, s };
}

/** The first n characters, as SQLite's substr() counts them (code points). */
const chars = (text: string, n: number) => [...text].slice(0, n).join('');

const storedType = (store: SqliteStore, seq: number) =>
  store.query<{ t: string; d: string }>(
    'SELECT typeof(text) AS t, typeof(data) AS d FROM events WHERE seq = ?',
    [seq],
  )[0]!;

describe('packText', () => {
  it('compresses long text that shrinks, and keeps short, incompressible and huge text plain', () => {
    const packed = packText(LONG);
    expect(Buffer.isBuffer(packed)).toBe(true);
    expect((packed as Buffer).length).toBeLessThan(Buffer.byteLength(LONG) / 3);
    expect(unpackText(packed)).toBe(LONG);
    expect(packText('x'.repeat(TEXT_PACK_MIN - 1))).toBe('x'.repeat(TEXT_PACK_MIN - 1));
    // Never larger than the text: what does not shrink by a tenth stays as it was.
    const noise = randomBytes(3000).toString('base64');
    const stored = packText(noise);
    expect(unpackText(stored)).toBe(noise);
    expect(typeof stored === 'string' ? stored.length : stored.length / 0.9).toBeLessThanOrEqual(
      noise.length,
    );
    const huge = 'y'.repeat(TEXT_PACK_MAX + 1);
    expect(packText(huge)).toBe(huge);
    expect(packText(null)).toBeNull();
    expect(unpackText(null)).toBeNull();
  });
});

/** A value in the format written before JOINABLE: 0xdf, then raw deflate ending in a final block. */
const finalBlock = (text: string) =>
  Buffer.concat([Buffer.of(0xdf), deflateRawSync(Buffer.from(text), { level: 1 })]);

describe('unpackTexts', () => {
  const texts = Array.from(
    { length: 300 },
    (_, i) =>
      `${i}: ${[...LONG].slice(i % 50, 700 + ((i * 37) % 2800)).join('')} 🚀 ${'café '.repeat(i % 90)}`,
  );

  it('reads many packed values in batches exactly as one at a time', () => {
    const packed = texts.map((t) => packText(t));
    // Written now: 0xde, the text's UTF-8 length as a varint, then a deflate stream with no
    // final block.
    const first = packed[0] as Buffer;
    expect(first[0]).toBe(0xde);
    const mixed: unknown[] = [
      ...packed,
      'plain',
      null,
      finalBlock(texts[0]!),
      // Above the size joined into a batch: read alone.
      packText(LONG.repeat(5000)),
    ];
    // Several batches' worth: output of more than one batch.
    const many = [...mixed, ...packed, ...packed, ...packed, ...packed];
    const alone = many.map((v) => unpackText(v));
    expect(unpackTexts(many)).toEqual(alone);
    expect(alone.slice(0, texts.length)).toEqual(texts);
    expect(alone.slice(texts.length, texts.length + 4)).toEqual([
      'plain',
      null,
      texts[0],
      LONG.repeat(5000),
    ]);
    expect(unpackTexts([])).toEqual([]);
  });

  it('keeps the other values of a batch exact when one is damaged', () => {
    const packed = texts.slice(0, 20).map((t) => Buffer.from(packText(t) as Buffer));
    // Bytes inside a stream flipped (past the header), and a stream cut short. Raw deflate
    // carries no checksum: a damaged value may fail or read as other text, alone or in a batch
    // (joined, its distances may even reach into the value before it) — but no other value's
    // text may change, and a failure is an error, not a crash.
    const damages = [
      (b: Buffer) =>
        Buffer.concat([
          b.subarray(0, b.length - 9),
          Buffer.of(b[b.length - 9]! ^ 0xff),
          b.subarray(b.length - 8),
        ]),
      (b: Buffer) => Buffer.concat([b.subarray(0, 4), Buffer.of(b[4]! ^ 0x5a), b.subarray(5)]),
      (b: Buffer) => b.subarray(0, b.length - 20),
    ];
    for (const damage of damages) {
      for (const i of [0, 7, 19]) {
        const batch = packed.map((b, k) => (k === i ? damage(b) : b));
        let read: (string | null)[] | null = null;
        try {
          read = unpackTexts(batch);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
        if (read)
          expect(read.filter((_, k) => k !== i)).toEqual(
            texts.slice(0, 20).filter((_, k) => k !== i),
          );
      }
    }
  });
});

describe('packed event text', () => {
  it('stores long text and data compressed and reads them back exactly, on every path', () => {
    const { store, s } = setup();
    const { seqs } = store.events.append([
      { sessionId: s.id, kind: 'tool_call', tool: 'Edit', text: LONG, data: DATA, source: 'cli' },
      { sessionId: s.id, kind: 'note', text: 'short note', data: { a: 1 }, source: 'cli' },
    ]);
    const [long, short] = seqs as number[];
    expect(storedType(store, long!)).toEqual({ t: 'blob', d: 'blob' });
    expect(storedType(store, short!)).toEqual({ t: 'text', d: 'text' });
    expect(store.events.get(long!)).toMatchObject({ text: LONG, data: DATA });
    expect(store.events.list({ sessionId: s.id }).map((e) => e.text)).toEqual([LONG, 'short note']);
    expect([...store.events.iterate({ sessionId: s.id })][0]!.data).toEqual(DATA);
    const [tail] = store.activity.sessionTail(s.id, {
      upToSeq: long!,
      limit: 1,
      textCap: 30,
    });
    expect(tail!.text).toBe(chars(LONG, 30));
    expect(JSON.parse(tail!.data!)).toEqual(DATA);
    const [mention] = store.activity.projectMentions(
      store.sessions.get(s.id)!.projectId!,
      'migration',
      { limit: 5, textCap: 1000 },
    );
    expect(mention!.text).toBe(chars(LONG, 1000));
    // Sync sends the text, not its stored form.
    const own = store.sync.ownEvents(0, 10).find((e) => e.seq === long)!;
    expect(own.event.body).toMatchObject({ text: LONG, data: DATA });
    store.close();
  });

  it('stores prepared events (the bulk path, and a worker) compressed too', () => {
    const { store, s } = setup();
    const prepared = createEventPreparer(store.events.preparation())({
      sessionId: s.id,
      kind: 'tool_result',
      tool: 'Bash',
      text: LONG,
      source: 'transcript',
      ref: 'r1',
    });
    // What arrives from a worker thread is a Uint8Array, not a Buffer.
    const cloned = structuredClone(prepared);
    expect(Buffer.isBuffer(cloned.storedText)).toBe(false);
    const [seq] = store.events.appendPrepared([cloned]).seqs;
    expect(storedType(store, seq!).t).toBe('blob');
    expect(store.events.get(seq!)!.text).toBe(LONG);
    store.close();
  });

  it('finds compressed text to forget, and rebuilds the search index from it', () => {
    const { store, s } = setup();
    store.events.append([
      { sessionId: s.id, kind: 'tool_result', text: `${LONG}token ZEBRA-42\n`, source: 'cli' },
      { sessionId: s.id, kind: 'note', text: 'nothing here', source: 'cli' },
    ]);
    const match = (q: string) =>
      store.query<{ n: number }>('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?', [
        q,
      ])[0]!.n;
    store.maintenance.rebuildSearchIndex();
    expect(match('zebra')).toBe(1);
    expect(match('咖啡')).toBe(1);
    const report = store.maintenance.forget({ match: 'zebra-42' });
    expect(report.events).toBe(1);
    expect(store.events.count({ sessionId: s.id })).toBe(1);
    store.close();
  });

  it('reads rows written before texts were compressed exactly as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-packed-'));
    dirs.push(dir);
    const path = join(dir, 'baton.db');
    const store = SqliteStore.open({ path });
    const s = store.sessions.start({ agent: 'cli' });
    // An event as the store wrote it until now: text and data as plain TEXT, however long.
    store.database
      .prepare(
        `INSERT INTO events (id, session_id, ts, kind, tool, text, data, source, ref, hlc)
         VALUES ('E-old', ?, 1, 'tool_result', 'Bash', ?, ?, 'cli', 'E-old', ?)`,
      )
      .run(s.id, LONG, JSON.stringify(DATA), '0mxaydwag-0000-5m5p0avrq5ym');
    const [fresh] = store.events.append([
      { sessionId: s.id, kind: 'tool_result', tool: 'Bash', text: LONG, data: DATA, source: 'cli' },
    ]).seqs;
    store.close();
    const reopened = SqliteStore.open({ path });
    const old = reopened.events.get('E-old')!;
    expect(storedType(reopened, old.seq)).toEqual({ t: 'text', d: 'text' });
    expect(storedType(reopened, fresh!)).toEqual({ t: 'blob', d: 'blob' });
    expect(old).toMatchObject({ text: LONG, data: DATA });
    expect(reopened.events.get(fresh!)).toMatchObject({ text: LONG, data: DATA });
    const tails = reopened.activity.sessionTail(s.id, { upToSeq: fresh!, limit: 2, textCap: 50 });
    expect(tails.map((t) => t.text)).toEqual([chars(LONG, 50), chars(LONG, 50)]);
    reopened.close();
  });
});
