// Long event texts are stored compressed (store/text-codec.ts): search still ranks them, reads a
// snippet from around a match deep inside one (past the window it scores), and from its start.
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMemoryStore, unpackTexts } from '../store/index.js';
import type { SqliteStore } from '../store/index.js';
import { search } from './index.js';
import { TEXT_WINDOW } from './search-events.js';

let store: SqliteStore;
let long: number;

beforeAll(() => {
  store = openMemoryStore();
  const s = store.sessions.start({ agent: 'cli', startedAt: 0 });
  const filler = 'compiling module graph of the web bundle\n'.repeat(
    Math.ceil((TEXT_WINDOW * 2) / 41),
  );
  const text = `Webpack output begins\n${filler}ERROR: Quetzal hash differs for chunk 7\n${filler}`;
  long = store.events.append([
    { sessionId: s.id, kind: 'tool_result', tool: 'Bash', text, source: 'cli' },
    { sessionId: s.id, kind: 'note', text: 'a short note about webpack', source: 'cli' },
  ]).seqs[0]!;
  const [row] = store.query<{ t: string }>('SELECT typeof(text) AS t FROM events WHERE seq = ?', [
    long,
  ]);
  expect(row!.t).toBe('blob');
});
afterAll(() => store.close());

it('builds the snippet of a match deep inside a compressed event from the text around it', () => {
  const [hit] = search(store, { query: 'quetzal hash' }).hits;
  expect(hit?.event?.seq).toBe(long);
  const { snippet, highlights } = hit!.event!;
  expect(highlights.map(([a, b]) => snippet.slice(a, b).toLowerCase())).toEqual([
    'quetzal',
    'hash',
  ]);
});

it('builds the snippet of a match near the start of a compressed event from its start', () => {
  const hit = search(store, { query: 'webpack' }).hits.find((h) => h.event?.seq === long);
  expect(hit!.event!.snippet).toMatch(/^Webpack output begins/);
});

it('ranks packed candidates exactly as plain ones, whatever form they are stored in', () => {
  // Enough long texts matching common words for a thousand candidates whose packed bytes fill
  // several of the batches they are inflated in, read out of order and put back in place.
  const s = openMemoryStore();
  const session = s.sessions.start({ agent: 'cli', startedAt: 0 });
  const words = ['deploy', 'payment', 'retry', 'checkout', 'timeout', 'ledger', 'cache'];
  const pick = (i: number, k: number) => words[(i * 5 + k * k * 3 + (i >> 3)) % words.length]!;
  s.events.append(
    Array.from({ length: 1400 }, (_, i) => ({
      sessionId: session.id,
      kind: i % 3 === 0 ? ('user_message' as const) : ('tool_result' as const),
      text:
        i % 25 === 0
          ? `short ${pick(i, 0)} ${i}`
          : Array.from(
              { length: 80 + (i % 100) },
              (_, k) => `${pick(i, k)} step ${k} of ${i} 📦`,
            ).join('\n'),
      source: 'cli' as const,
    })),
  );
  const count = (type: string) =>
    s.query<{ n: number }>(`SELECT count(*) AS n FROM events WHERE typeof(text) = ?`, [type])[0]!.n;
  expect(count('blob')).toBeGreaterThan(900);
  const queries = ['deploy', 'payment retry', 'checkout timeout ledger', '"step 3"', 'cache 📦'];
  const results = () =>
    queries.map((query) =>
      search(s, { query, limit: 100 }).hits.map((h) => [h.event?.seq, h.score, h.event?.snippet]),
    );
  const packed = results();
  expect(packed.every((r) => r.length > 0)).toBe(true);
  // The same events in the form written before (raw deflate ending in a final block), then plain.
  s.database.function('old_form', (v: unknown) =>
    v instanceof Uint8Array
      ? Buffer.concat([
          Buffer.of(0xdf),
          deflateRawSync(Buffer.from(unpackTexts([v])[0]!), { level: 1 }),
        ])
      : v,
  );
  s.database.exec("UPDATE events SET text = old_form(text) WHERE typeof(text) = 'blob'");
  expect(count('blob')).toBeGreaterThan(900);
  expect(results()).toEqual(packed);
  s.database.exec("UPDATE events SET text = baton_text(text) WHERE typeof(text) = 'blob'");
  expect(count('blob')).toBe(0);
  expect(results()).toEqual(packed);
  s.close();
});
