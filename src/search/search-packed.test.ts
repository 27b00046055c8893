// Long event texts are stored compressed (store/text-codec.ts): search still ranks them, reads a
// snippet from around a match deep inside one (past the window it scores), and from its start.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMemoryStore } from '../store/index.js';
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
