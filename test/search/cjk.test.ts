// Chinese, Japanese and Korean words are found inside runs written without spaces: every event
// holding a word is a hit, on a conversation written here and on the real agent transcripts in
// BATON_REAL_FIXTURES (skipped without it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_ADAPTERS, discoverHistory, importHistory } from '../../src/capture/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { eventMatch } from '../../src/search/fts-match.js';
import { search } from '../../src/search/index.js';
import { parseQuery } from '../../src/search/parse-query.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-cjk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  '这个版本有问题，请升级到最新版本。',
  '版本号是 v2.3，发布说明在 docs 里',
  '新しいバージョンをインストールしました',
  'バージョン管理はgitで行います',
  '버전이 맞지 않아서 빌드가 실패했습니다',
  '빌드 버전을 확인하세요',
  '我们讨论了发布计划',
  'plain English about the release version',
];

/** Seqs of the events a query finds, over every project. */
const found = (store: SqliteStore, query: string) =>
  new Set(search(store, { query, limit: 500 }).hits.map((h) => h.event?.seq));

describe('CJK words inside runs', () => {
  let store: SqliteStore;
  let seqs: (number | null)[];
  beforeAll(() => {
    store = SqliteStore.open({ path: join(dir, 'unit.db') });
    const s = store.sessions.start({ agent: 'cli', startedAt: 0 });
    seqs = store.events.append(
      TEXTS.map((text) => ({ sessionId: s.id, kind: 'note' as const, text, source: 'cli' })),
    ).seqs;
  });
  afterAll(() => store.close());

  it('finds every event holding a Chinese, Japanese or Korean word, and no other', () => {
    const cases: [string, number[]][] = [
      ['版本', [0, 1]],
      ['最新版本', [0]],
      ['バージョン', [2, 3]],
      ['버전', [4, 5]],
      ['发布', [1, 6]],
      ['计划', [6]],
    ];
    for (const [word, want] of cases)
      expect([...found(store, word)].sort(), word).toEqual(want.map((i) => seqs[i]).sort());
  });

  it('highlights the word inside its run', () => {
    const [hit] = search(store, { query: '计划' }).hits;
    const { snippet, highlights } = hit!.event!;
    expect(highlights.map(([a, b]) => snippet.slice(a, b))).toEqual(['计划']);
  });

  it('still finds the English words beside them', () => {
    expect([...found(store, 'docs')]).toEqual([seqs[1]]);
  });
});

describe.skipIf(!FIXTURES)('CJK words in the real agent transcripts', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = SqliteStore.open({ path: join(dir, 'real.db') });
    const env = { env: {}, cwd: dir };
    const folders: Record<string, string> = {
      'claude-code': 'claude-code/projects',
      codex: 'codex/sessions',
      gemini: 'gemini/tmp',
    };
    for (const adapter of CAPTURE_ADAPTERS) {
      const folder = folders[adapter.agent];
      if (!folder) continue;
      const { files } = discoverHistory(adapter, env, [join(FIXTURES!, folder)]);
      importHistory(store, adapter, files);
    }
  }, 120_000);
  afterAll(() => store.close());

  /**
   * The events whose text holds `word`, counted from the journal with SQL's own instr() (long
   * texts are stored compressed: `baton_text` gives them back as written).
   */
  const holding = (word: string) =>
    store
      .query<{ seq: number }>('SELECT seq FROM events WHERE instr(baton_text(text), ?) > 0', [word])
      .map((r) => r.seq);

  /** The events the index matches for a query, before ranking drops near-duplicates. */
  const matched = (word: string) => {
    const expr = eventMatch(parseQuery(word)).strict!;
    return store
      .query<{ seq: number }>('SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ?', [
        expr,
      ])
      .map((r) => r.seq);
  };

  it('matches every event holding 版本 and other words of the transcripts', () => {
    expect(holding('版本').length).toBeGreaterThanOrEqual(10);
    for (const word of ['版本', '代码', '文件', '测试', '檢查']) {
      const want = holding(word);
      const got = new Set(matched(word));
      expect(
        want.filter((s) => !got.has(s)),
        word,
      ).toEqual([]);
    }
  });

  it('returns a hit in every session holding the word; the rest are near-duplicates', () => {
    const sessionsOf = (seqs: number[]) =>
      new Set(
        store
          .query<{ session_id: string }>(
            'SELECT DISTINCT session_id FROM events WHERE seq IN (SELECT value FROM json_each(?))',
            [JSON.stringify(seqs)],
          )
          .map((r) => r.session_id),
      );
    const { hits, total } = search(store, { query: '版本', limit: 500, withTotal: true });
    expect(total).toBeGreaterThanOrEqual(holding('版本').length);
    expect([...sessionsOf(hits.map((h) => h.event!.seq))].sort()).toEqual(
      [...sessionsOf(holding('版本'))].sort(),
    );
  });
});
