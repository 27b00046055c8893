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
import {
  INDEX_COLUMN,
  bodyLength,
  indexedLength,
  matchingEvents,
  neighbourSeqs,
} from './search-events.js';
import type { CandidateRow } from './search-events.js';
import { search } from './search.js';
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

  it('decodes the tool’s and the files’ lengths after the body’s', () => {
    const session = store.sessions.start({ agent: 'cli', startedAt: 0 });
    store.events.append([
      {
        sessionId: session.id,
        kind: 'tool_call',
        tool: 'Edit',
        text: `quagga ${'word '.repeat(199)}`,
        data: { file_path: 'src/app/mainLoop.ts', old_string: 'a', new_string: 'b' },
        source: 'cli',
      },
    ]);
    const rows: CandidateRow[] = [];
    matchingEvents(store, '"quagga"', scope, 10, (row) => rows.push(row));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(indexedLength(row!.sizes, INDEX_COLUMN.body)).toBe(200);
    expect(indexedLength(row!.sizes, INDEX_COLUMN.tool)).toBe(1);
    // src app mainLoop ts, then mainLoop's parts main loop.
    expect(indexedLength(row!.sizes, INDEX_COLUMN.files)).toBe(6);
  });

  it('gives no length without a record', () => {
    expect(bodyLength(null)).toBeNull();
    expect(bodyLength('')).toBeNull();
    expect(bodyLength('8180')).toBeNull();
  });
});

describe('each event’s neighbours in its session', () => {
  it('are found whether the session’s events sit together in the journal or between another’s', () => {
    const a = store.sessions.start({ agent: 'cli', startedAt: 0 });
    const b = store.sessions.start({ agent: 'cli', startedAt: 0 });
    // a1 a2 a3 b1 a4 b2 b3: a's events before and after b1 are a3 and a4.
    const order: [string, string][] = [
      [a.id, 'a1'],
      [a.id, 'a2'],
      [a.id, 'a3'],
      [b.id, 'b1'],
      [a.id, 'a4'],
      [b.id, 'b2'],
      [b.id, 'b3'],
    ];
    const { seqs } = store.events.append(
      order.map(([sessionId, text]) => ({
        sessionId,
        kind: 'user_message' as const,
        text,
        source: 'cli' as const,
      })),
    );
    const seq = new Map(order.map(([, name], i) => [name, seqs[i]!]));
    const s = (name: string) => seq.get(name)!;
    const found = neighbourSeqs(store, [...seq.values()]);
    const named = (n: number | null) =>
      n === null ? null : ([...seq].find(([, v]) => v === n)?.[0] ?? n);
    const shown = Object.fromEntries(
      [...seq.keys()].map((k) => {
        const n = found.get(s(k));
        return [k, [named(n?.prev ?? null), named(n?.next ?? null)]];
      }),
    );
    expect(shown).toEqual({
      a1: [null, 'a2'],
      a2: ['a1', 'a3'],
      a3: ['a2', 'a4'],
      b1: [null, 'b2'],
      a4: ['a3', null],
      b2: ['b1', 'b3'],
      b3: ['b2', null],
    });
  });
});

describe('the files field', () => {
  it('ranks a call on a file above calls whose data does not name it, however they are cased', () => {
    const session = store.sessions.start({ agent: 'cli', startedAt: 0 });
    const call = (data: Record<string, string>, word: string) => ({
      sessionId: session.id,
      kind: 'tool_call' as const,
      tool: 'Edit',
      text: `walrus tidy ${word}`,
      data,
      source: 'cli' as const,
    });
    // The call on the file is the oldest: without its files field it would rank last.
    const { seqs } = store.events.append([
      call({ file_path: 'src/lib/WalrusTank.ts' }, 'one'),
      call({ command: 'ls -la' }, 'two'),
      call({ note: 'über' }, 'six'),
    ]);
    const hits = search(store, { query: 'walrus', limit: 3 }).hits;
    expect(hits[0]?.event?.seq).toBe(seqs[0]);
    expect(hits.map((h) => h.event?.seq).sort()).toEqual([...seqs].sort());
  });
});
