// Pins the one read of FTS5's own storage that scoring relies on: each candidate's body length is
// the index's count of the body's tokens (its docsize record), decoded here, so scoring does not
// count every candidate's words again. Checked on a real store against texts whose token count is
// known (camelCase parts and CJK bigrams as the index appends them), including counts that take
// two and three bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/index.js';
import { bodyLength, matchingEvents } from './search-events.js';
import type { CandidateRow } from './search-events.js';
import type { SearchScope } from './search-scope.js';

let dir: string;
let store: SqliteStore;

const scope: SearchScope = {
  projectId: undefined,
  agent: undefined,
  sessionId: undefined,
  eventKinds: null,
  recordKinds: [],
  since: undefined,
  until: undefined,
  files: [],
  needsTool: false,
};

/** [text, how many tokens the index holds for it] */
const TEXTS: [string, number][] = [
  ['zebra one two, three-four', 5],
  // fiveSix is one token, and its parts `five six` are appended once.
  ['zebra fiveSix and fiveSix', 6],
  // 这个版本 is one token, and its bigrams 这个 个版 版本 are appended.
  ['zebra 这个版本', 5],
  [`zebra ${'word '.repeat(199)}`, 200],
  [`zebra ${'w '.repeat(20_000 - 1)}`, 20_000],
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-events-'));
  store = SqliteStore.open({ path: join(dir, 'baton.db') });
  const session = store.sessions.start({ agent: 'cli', startedAt: 0 });
  store.events.append(
    TEXTS.map(([text]) => ({
      sessionId: session.id,
      kind: 'user_message' as const,
      text,
      source: 'cli' as const,
    })),
  );
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('candidates read with the index’s body length', () => {
  it('decodes each body length from the index, one to three bytes long', () => {
    const rows: CandidateRow[] = [];
    matchingEvents(store, '"zebra"', scope, 10, (row) => rows.push(row));
    rows.sort((a, b) => a.seq - b.seq);
    expect(rows.map((r) => r.text)).toEqual(TEXTS.map(([text]) => text));
    expect(rows.map((r) => bodyLength(r.sizes))).toEqual(TEXTS.map(([, n]) => n));
  });

  it('gives no length without a record', () => {
    expect(bodyLength(null)).toBeNull();
    expect(bodyLength('')).toBeNull();
    expect(bodyLength('8180')).toBeNull();
  });
});
