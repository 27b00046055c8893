// Pins the stand-in search: words ANDed and stemmed, prefixes, every filter, paging, snippets, and
// that FTS5 syntax in a query is taken as words, never as an SQL or FTS error.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../../store/index.js';
import { defaultSearch, snippetOf, toFtsQuery } from './default-search.js';

const T0 = Date.parse('2026-03-04T10:00:00Z');

function setup() {
  const store = openMemoryStore(fixedClock(T0, 1));
  const app = store.projects.ensure({
    key: 'path:/app',
    root: '/app',
    remoteUrl: null,
    name: 'app',
  });
  const web = store.projects.ensure({
    key: 'path:/web',
    root: '/web',
    remoteUrl: null,
    name: 'web',
  });
  const a = store.sessions.start({ agent: 'claude-code', projectId: app.id, startedAt: T0 });
  const b = store.sessions.start({ agent: 'codex', projectId: app.id, startedAt: T0 });
  const c = store.sessions.start({ agent: 'claude-code', projectId: web.id, startedAt: T0 });
  const add = (sessionId: string, text: string, ts: number, kind: 'note' | 'error' = 'note') =>
    store.events.append([{ sessionId, text, ts, kind, source: 'api' }]);
  add(a.id, 'The deploy failed because the token expired', T0, 'error');
  add(a.id, 'Deploying again with a fresh token', T0 + 1000);
  add(b.id, 'deploys run from the release branch', T0 + 2000);
  add(c.id, 'web deploy failed too', T0 + 3000, 'error');
  add(a.id, 'unrelated chatter about lunch', T0 + 4000);
  return { store, app, web, a, b, c };
}

const texts = (hits: { event: { snippet: string } }[]) => hits.map((h) => h.event.snippet);

describe('defaultSearch', () => {
  it('finds stemmed words in every project, best match first', () => {
    const { store } = setup();
    const { hits } = defaultSearch(store, { query: 'deploy failed' });
    expect(texts(hits).sort()).toEqual([
      'The deploy failed because the token expired',
      'web deploy failed too',
    ]);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('filters by project, agent, session, kind and time', () => {
    const { store, app, a, b } = setup();
    const q = 'deploy*';
    expect(defaultSearch(store, { query: q, projectId: app.id }).hits).toHaveLength(3);
    expect(
      texts(defaultSearch(store, { query: q, projectId: app.id, agent: 'codex' }).hits),
    ).toEqual(['deploys run from the release branch']);
    expect(defaultSearch(store, { query: q, sessionRef: a.handle }).hits).toHaveLength(2);
    expect(defaultSearch(store, { query: q, kinds: ['error'] }).hits).toHaveLength(2);
    const late = defaultSearch(store, { query: q, since: T0 + 1500, until: T0 + 2500 }).hits;
    expect(late.map((h) => h.session.id)).toEqual([b.id]);
  });

  it('pages with limit and offset', () => {
    const { store } = setup();
    const all = defaultSearch(store, { query: 'deploy*', limit: 10 }).hits.map((h) => h.event.id);
    const pages = [0, 2].flatMap((offset) =>
      defaultSearch(store, { query: 'deploy*', limit: 2, offset }).hits.map((h) => h.event.id),
    );
    expect(pages).toEqual(all);
    expect(all).toHaveLength(4);
  });

  it('takes FTS5 syntax in a query as plain words', () => {
    const { store } = setup();
    expect(() => defaultSearch(store, { query: 'deploy" OR NEAR(x' })).not.toThrow();
    expect(toFtsQuery('a-b "c" d*').match).toBe('"a" "b" "c" "d"*');
    expect(() => toFtsQuery('!!! ---')).toThrow(/nothing to search for/);
  });

  it('cuts a snippet around the first word found', () => {
    const long = `${'x '.repeat(200)}the needle is here ${'y '.repeat(200)}`;
    const snippet = snippetOf(long, ['needle']);
    expect(snippet).toMatch(/^….*the needle is here.*…$/);
    expect(snippet.length).toBeLessThanOrEqual(162);
  });
});
