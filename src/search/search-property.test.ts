// Any string typed as a query returns hits or an empty list against a real store — never an
// error: sentences with quotes and apostrophes, FTS5's own syntax, stray operators, any Unicode.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { DAY, T0, loadConversation } from './conversation.fixture.js';
import { search } from './index.js';

let dir: string;
let store: SqliteStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-prop-'));
  store = SqliteStore.open({ path: join(dir, 'baton.db'), clock: fixedClock(T0 + 4 * DAY, 1) });
  loadConversation(store);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Pieces people type, FTS5 syntax and the query language's own operators, freely mixed. */
const piece = fc.oneof(
  fc.constantFrom(
    'deploy',
    'staging',
    'useSession',
    'cents',
    'the',
    "Caroline's",
    'why',
    'src/store/sqlite.ts',
    '"',
    "'",
    '’',
    '?',
    '*',
    '-',
    '--',
    ':',
    '(',
    ')',
    '^',
    '+',
    'NEAR',
    'OR',
    'AND',
    'NOT',
    '{body}',
    'kind:',
    'tool:',
    'file:',
    'kind:error',
    '-kind:note',
    '""',
    '"*',
    '*"',
    ' ',
    '  ',
    '版本',
    'تم',
    '\u0000',
    '\n',
    '\t',
    '🙂',
  ),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
);
const query = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));

it('returns hits or an empty list for any query, never an error', () => {
  fc.assert(
    fc.property(query, fc.boolean(), (q, withTotal) => {
      const { hits, total } = search(store, { query: q, limit: 10, withTotal });
      expect(Array.isArray(hits)).toBe(true);
      if (withTotal) expect(total).toBeGreaterThanOrEqual(hits.length);
    }),
    { numRuns: 600 },
  );
});

it('answers a sentence typed with quotes, apostrophes and a question mark', () => {
  const { hits } = search(store, {
    query: 'why did the "staging deploy" fail? what\'s DATABASE_URL -- anyone*',
  });
  expect(hits.length).toBeGreaterThan(0);
});
