// A hit on a very large event (a multi-megabyte tool output) gets a one-line snippet around the
// match, read from a bounded window of the stored text, wherever in the text the match lies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '../store/index.js';
import { search } from './index.js';

let dir: string;
let store: SqliteStore;
let big: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-large-'));
  store = SqliteStore.open({ path: join(dir, 'baton.db') });
  const s = store.sessions.start({ agent: 'cli', startedAt: 0 });
  const filler = 'lorem ipsum dolor sit amet '.repeat(240_000);
  const text = `Build log starts here\n${filler}\nFATAL: Zanzibar checksum mismatch in bundle\n${filler}`;
  big = store.events.append([
    { sessionId: s.id, kind: 'tool_result', tool: 'Bash', text, source: 'cli' },
    { sessionId: s.id, kind: 'note', text: 'a short note about the build', source: 'cli' },
  ]).seqs[0]!;
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('builds the snippet of a match deep inside a large event from the text around it', () => {
  const [hit] = search(store, { query: 'zanzibar checksum' }).hits;
  expect(hit?.event?.seq).toBe(big);
  const { snippet, highlights } = hit!.event!;
  expect(snippet.length).toBeLessThanOrEqual(170);
  expect(highlights.map(([a, b]) => snippet.slice(a, b).toLowerCase())).toEqual([
    'zanzibar',
    'checksum',
  ]);
});

it('builds the snippet of a match near the start from the start', () => {
  const hits = search(store, { query: 'build' }).hits;
  const hit = hits.find((h) => h.event?.seq === big);
  expect(hit!.event!.snippet).toMatch(/^Build log starts here/);
});
