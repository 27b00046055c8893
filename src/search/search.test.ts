// Pins search over a real SQLite file holding a written conversation: identifiers and paths found
// by their parts, natural-language questions answered near the top, every query feature and every
// filter, records beside events, paging, totals, and clear errors instead of SQL errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonError, fixedClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { DAY, T0, loadConversation } from './conversation.fixture.js';
import type { Conversation } from './conversation.fixture.js';
import { search, searchEvents } from './index.js';
import type { SearchHit, SearchOptions } from './index.js';

let dir: string;
let store: SqliteStore;
let c: Conversation;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-'));
  store = SqliteStore.open({ path: join(dir, 'baton.db'), clock: fixedClock(T0 + 4 * DAY, 1) });
  c = loadConversation(store);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const find = (query: string, options: Omit<SearchOptions, 'query'> = {}) =>
  search(store, { query, limit: 50, ...options }).hits;
const idOf = (h: SearchHit) => h.event?.id ?? h.record!.id;
const ids = (query: string, options: Omit<SearchOptions, 'query'> = {}) =>
  find(query, options).map(idOf);
const rankOf = (query: string, id: string | undefined) => ids(query).indexOf(id ?? '?');

describe('identifiers and paths', () => {
  it('finds a camelCase identifier by its parts and as a whole', () => {
    expect(ids('session')).toEqual(expect.arrayContaining([c.ids.readSession, c.ids.flakyAnswer]));
    expect(ids('useSession')).toEqual(
      expect.arrayContaining([c.ids.readSession, c.ids.flakyAnswer]),
    );
    expect(ids('config')).toHaveLength(2);
    expect(ids('loadConfig')).toHaveLength(2);
  });

  it('finds a path by any part, and by the whole path as a phrase', () => {
    const writes = [c.ids.writeRateLimit, c.ids.rateAnswer, c.ids.crash];
    expect(ids('rateLimit.ts')).toEqual(expect.arrayContaining(writes));
    expect(ids('src/server/rateLimit.ts')).toEqual(expect.arrayContaining(writes));
    expect(ids('limit')).toEqual(expect.arrayContaining(writes));
    expect(ids('src/server/ratelimit.ts')).toHaveLength(3);
  });

  it('finds snake_case and error messages by their words', () => {
    expect(ids('DATABASE_URL')).toHaveLength(2);
    expect(rankOf('cannot read properties of undefined', c.ids.crash)).toBe(0);
  });

  it('finds a file an event only names in its data', () => {
    const [hit] = find('useSession.ts');
    expect(hit?.event?.id).toBe(c.ids.readSession);
    expect(hit?.event?.snippet).toBe('Read [src/auth/useSession.ts]');
    expect(hit?.event?.highlights.map(([a, b]) => hit.event!.snippet.slice(a, b))).toEqual([
      'useSession',
      'ts',
    ]);
  });
});

describe('natural-language questions', () => {
  const questions: [string, string][] = [
    ['why did the staging deployment fail?', 'deployAnswer'],
    ['what port does the dev server run on', 'portAnswer'],
    ['how did we fix the flaky login test', 'flakyAnswer'],
    ['where is rate limiting configured?', 'rateAnswer'],
    ['why was the checkout page so slow', 'slowAnswer'],
    ['which version of the database driver did we upgrade to', 'driverAnswer'],
  ];
  it.each(questions)('"%s" ranks its answer in the top 3', (question, key) => {
    const rank = rankOf(question, c.ids[key]);
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(3);
  });

  it('marks hits that matched only some of the words', () => {
    const hits = find('how did we repair the flaky login test');
    expect(hits.find((h) => h.event?.id === c.ids.flakyAnswer)?.match).toBe('some');
    expect(find('staging deployment failed')[0]?.match).toBe('all');
  });
});

describe('query features', () => {
  it('matches stemmed words (Porter: deploy, deploys, deployed, deploying meet)', () => {
    expect(ids('deploying')).toEqual(
      expect.arrayContaining([c.ids.deployedResult, c.ids.blogAnswer, c.ids.blogAsk]),
    );
    expect(ids('failing')).toEqual(expect.arrayContaining([c.ids.deployAnswer]));
  });

  it('matches prefixes', () => {
    expect(ids('rollo*')).toEqual([c.ids.deployAnswer]);
    expect(ids('webpa*')).toEqual([c.ids.portAnswer]);
  });

  it('matches exact phrases in order only', () => {
    expect(ids('"login test was flaky"')).toEqual([c.ids.flakyAnswer]);
    expect(ids('"flaky login"')).toEqual([]);
  });

  it('excludes words and phrases', () => {
    const all = ids('staging');
    const without = ids('staging -kubectl -"re-ran the pipeline"');
    expect(all).toEqual(expect.arrayContaining([c.ids.deployAnswer]));
    expect(without).not.toContain(c.ids.deployAnswer);
    expect(without.length).toBe(all.length - 2);
  });

  it('filters by kind:, tool: and file: in the query, negated too', () => {
    expect(ids('kind:error')).toEqual([c.ids.crash]);
    expect(ids('rate kind:assistant_message')).toEqual([c.ids.rateAnswer]);
    expect(find('tool:Bash').every((h) => h.event?.tool === 'Bash')).toBe(true);
    expect(ids('login tool:bash')).toEqual([c.ids.runLoginTest]);
    expect(ids('login -tool:bash kind:tool_call')).toEqual([c.ids.editLoginTest]);
    expect(ids('file:login.test.ts')).toEqual([c.ids.editLoginTest]);
    expect(ids('file:src/checkout*')).toEqual(
      expect.arrayContaining([c.ids.editPrices, c.records.decision]),
    );
    expect(ids('test -file:login.test.ts kind:tool_call')).toEqual([c.ids.runLoginTest]);
  });

  it('lists newest first for a query of filters only', () => {
    const hits = find('kind:tool_call -tool:Bash');
    expect(hits.map((h) => h.event?.tool)).toEqual(['Edit', 'Write', 'Edit', 'Read']);
    expect(hits.every((h) => h.score === 0)).toBe(true);
  });
});

describe('records beside events', () => {
  it('finds decisions, todos and context facts with their kind and number', () => {
    const hits = find('cents');
    const decision = hits.find((h) => h.record?.kind === 'decision');
    expect(decision?.record).toMatchObject({ id: c.records.decision, number: 1, status: 'active' });
    expect(decision?.session?.handle).toBe(c.sessionA.handle);
    expect(hits.map(idOf)).toContain(c.ids.centsNote);
    expect(ids('property test totals')).toContain(c.records.todo);
    expect(ids('kind:fact')).toEqual(
      expect.arrayContaining([c.records.fact, c.records.globalFact]),
    );
  });

  it('ranks a strongly matching decision at the top', () => {
    expect(rankOf('integer cents money', c.records.decision)).toBe(0);
  });

  it('keeps global facts in a project search, other projects out', () => {
    expect(ids('vim', { projectId: c.webshop })).toEqual([c.records.globalFact]);
    expect(ids('kind:fact', { projectId: c.blog })).toEqual([c.records.globalFact]);
  });
});

describe('filters', () => {
  it('narrows to a project', () => {
    expect(ids('deploying', { projectId: c.blog }).sort()).toEqual(
      [c.ids.blogAnswer, c.ids.blogAsk].sort(),
    );
    expect(ids('deploying', { projectId: c.webshop })).not.toContain(c.ids.blogAnswer);
  });

  it('narrows to an agent', () => {
    const hits = find('staging', { agent: 'codex' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.session?.agent === 'codex')).toBe(true);
  });

  it('narrows to a session by handle, id or the agent’s own id', () => {
    for (const ref of [c.sessionB.handle, c.sessionB.id, 'cx-2222']) {
      const hits = find('staging', { sessionRef: ref });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.session?.id === c.sessionB.id)).toBe(true);
    }
  });

  it('narrows to kinds, intersected with kind: in the query', () => {
    expect(ids('staging', { kinds: ['tool_result'] })).toEqual([c.ids.deployedResult]);
    expect(ids('staging kind:user_message', { kinds: ['tool_result'] })).toEqual([]);
    expect(ids('staging', { kinds: ['fact'] })).toEqual([c.records.fact]);
  });

  it('narrows to a time range', () => {
    const hits = find('staging', { since: T0 + DAY, until: T0 + 2 * DAY + DAY / 2 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.event !== null && h.event.ts >= T0 + DAY)).toBe(true);
    expect(find('staging', { until: T0 + DAY }).every((h) => h.session?.id === c.sessionA.id)).toBe(
      true,
    );
  });

  it('follows a session that moves to another project', () => {
    const s = store.sessions.start({ agent: 'cli', projectId: c.blog, startedAt: T0 });
    store.events.append([
      { sessionId: s.id, kind: 'note', text: 'quokka sighting', source: 'cli', ts: T0 },
    ]);
    expect(find('quokka', { projectId: c.blog })).toHaveLength(1);
    store.sessions.update(s.id, { projectId: c.webshop });
    expect(find('quokka', { projectId: c.blog })).toHaveLength(0);
    expect(find('quokka', { projectId: c.webshop })).toHaveLength(1);
    expect(find('kind:note', { projectId: c.webshop }).map((h) => h.event?.snippet)).toContain(
      'quokka sighting',
    );
  });

  it('counts filter-only queries with their exclusions', () => {
    const all = search(store, {
      query: 'kind:tool_call',
      withTotal: true,
      projectId: c.webshop,
    }).total!;
    const noBash = search(store, {
      query: 'kind:tool_call -tool:bash',
      withTotal: true,
      projectId: c.webshop,
    }).total!;
    expect(noBash).toBe(4);
    expect(all).toBeGreaterThan(noBash);
  });

  it('pages with limit and offset, and counts every match on request', () => {
    const all = search(store, { query: 'staging', limit: 50, withTotal: true });
    const first = search(store, { query: 'staging', limit: 3 });
    const second = search(store, { query: 'staging', limit: 3, offset: 3 });
    expect(first.total).toBeNull();
    expect(all.total).toBe(all.hits.length);
    expect([...first.hits, ...second.hits].map(idOf)).toEqual(all.hits.slice(0, 6).map(idOf));
  });

  it('refuses a bad limit, an unknown kind and an unknown session clearly', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof BatonError ? e.code : 'not a BatonError';
      }
      return 'no error';
    };
    expect(code(() => search(store, { query: 'x', limit: 0 }))).toBe('USAGE');
    expect(code(() => search(store, { query: 'x', kinds: ['banana' as 'todo'] }))).toBe('USAGE');
    expect(code(() => search(store, { query: 'x', sessionRef: 'SESSION-990101-001' }))).toBe(
      'NOT_FOUND',
    );
    expect(code(() => search(store, { query: '"unclosed' }))).toBe('no error');
    expect(search(store, { query: '' }).hits).toEqual([]);
  });
});

describe('searchEvents', () => {
  it('returns events only, each with its session, for callers that want no records', () => {
    const { hits } = searchEvents(store, { query: 'cents', limit: 50 });
    expect(hits.map((h) => h.event.id)).toEqual([c.ids.centsNote]);
    expect(hits[0]!.session.handle).toBe(c.sessionA.handle);
    expect(searchEvents(store, { query: 'cents', kinds: ['decision'] }).hits).toEqual([]);
  });
});

describe('ranking', () => {
  it('reports the session and event of each hit', () => {
    const [hit] = find('kubectl');
    expect(hit).toMatchObject({
      match: 'all',
      projectId: c.webshop,
      session: {
        id: c.sessionA.id,
        handle: c.sessionA.handle,
        agent: 'claude-code',
        agentSessionId: 'cc-1111',
      },
      event: {
        id: c.ids.kubectl,
        kind: 'tool_call',
        tool: 'Bash',
        ts: T0 + 60_000,
        ref: c.ids.kubectl,
      },
      record: null,
    });
    expect(hit!.score).toBeGreaterThan(0);
  });

  it('breaks ties by recency: of equal events the later in the journal comes first', () => {
    // Three sessions, so that no event gains from a neighbour; texts differ, so none is dropped
    // as a near-duplicate of another.
    const seqs = [1000, 9000, 5000].map((after, i) => {
      const s = store.sessions.start({ agent: 'cli', projectId: c.blog, startedAt: T0 });
      const text = `zebra crossing ${['north', 'south', 'east'][i]}`;
      return store.events.append([
        { sessionId: s.id, kind: 'note', text, source: 'cli', ts: T0 + after },
      ]).seqs[0]!;
    });
    expect(find('zebra').map((h) => h.event?.seq)).toEqual([seqs[2], seqs[1], seqs[0]]);
  });
});
