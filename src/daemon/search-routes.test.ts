// Pins that the daemon's two searches — the API's `GET /v1/search` and the viewer's
// `GET /ui/api/v1/hits` — are the search operation of `baton search`: with an embeddings endpoint
// configured (the fake OpenAI-compatible server of src/search/fake-embeddings.fixture.ts, in which
// `kids` means `children`), a turn is found by a word it does not hold, fused with the word matches; with
// the endpoint gone, the answer carries the one-line notice and still the word matches; and with
// no endpoint configured no request is made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { indexEmbeddings } from '../operations/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { startFakeEmbeddings } from '../search/fake-embeddings.fixture.js';
import type { FakeEmbeddings } from '../search/fake-embeddings.fixture.js';
import { createApp } from './app.js';

const TOKEN = 'c'.repeat(43);
const BASE = 'http://127.0.0.1:4317';
let server: FakeEmbeddings;
let endpoint: string;
let store: Store;
let home: string;
let app: ReturnType<typeof createApp>;
let kidsTurn: string;

beforeEach(async () => {
  server = await startFakeEmbeddings();
  endpoint = server.endpoint;
  home = mkdtempSync(join(tmpdir(), 'baton-search-routes-'));
  const clock = fixedClock(Date.parse('2026-03-01T10:00:00Z'), 1);
  store = openMemoryStore(clock);
  const project = store.projects.ensure({ key: 'k', root: '/w/app', remoteUrl: null, name: 'app' });
  const s = store.sessions.start({ agent: 'cli', projectId: project.id });
  const { seqs } = store.events.append(
    [
      'The deploy to staging failed because the secret was missing',
      'My children spent the whole weekend at the dinosaur museum',
      'The staging deploy is green again',
    ].map((text) => ({ sessionId: s.id, kind: 'user_message' as const, text, source: 'cli' })),
  );
  kidsTurn = store.events.get(seqs[1]!)!.id;
  app = createApp({
    store,
    clock,
    env: {},
    home,
    token: TOKEN,
    port: 4317,
    importNow: () => Promise.resolve({}),
  });
});
afterEach(async () => {
  store.close();
  rmSync(home, { recursive: true, force: true });
  await server.close();
});

async function configure(): Promise<void> {
  store.setSetting('search.embeddings.endpoint', endpoint);
  store.setSetting('search.embeddings.model', 'fake-bow');
  await indexEmbeddings({ store, env: {} });
}

/** The viewer's login cookie, as `baton ui` and the browser get it. */
async function viewerCookie(): Promise<string> {
  const code = await app.request(`${BASE}/ui/login-code`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const { path } = (await code.json()) as { path: string };
  const r = await app.request(`${BASE}${path}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

interface Answer {
  hits: { event: { id: string; snippet: string } | null }[];
  notice?: string;
}

/** The same query through both faces. */
async function bothFaces(q: string): Promise<{ api: Answer; viewer: Answer }> {
  const query = `q=${encodeURIComponent(q)}&project=app`;
  const api = await app.request(`${BASE}/v1/search?${query}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(api.status).toBe(200);
  const viewer = await app.request(`${BASE}/ui/api/v1/hits?${query}`, {
    headers: { cookie: await viewerCookie() },
  });
  expect(viewer.status).toBe(200);
  return { api: (await api.json()) as Answer, viewer: (await viewer.json()) as Answer };
}

const ids = (a: Answer) => a.hits.map((h) => h.event?.id);

describe("the daemon's searches are the search operation", () => {
  it('without embeddings: words only, and no request to any endpoint', async () => {
    const { api, viewer } = await bothFaces('what do my kids like?');
    expect(ids(api)).not.toContain(kidsTurn);
    expect(ids(viewer)).toEqual(ids(api));
    expect(api.notice).toBeUndefined();
    expect(server.requests()).toBe(0);
  });

  it('with embeddings configured: fused, a turn found by meaning, in both faces', async () => {
    await configure();
    const { api, viewer } = await bothFaces('what do my kids like?');
    expect(ids(api)[0]).toBe(kidsTurn);
    expect(ids(viewer)).toEqual(ids(api));
    expect(api.notice).toBeUndefined();
    // The word matches are still there beside the vectors' match.
    const both = await bothFaces('staging deploy kids');
    for (const a of [both.api, both.viewer]) {
      expect(ids(a)).toContain(kidsTurn);
      expect(a.hits.filter((h) => h.event?.snippet.includes('deploy'))).toHaveLength(2);
    }
  });

  it('with the endpoint gone: the notice, and the word matches', async () => {
    await configure();
    await server.close();
    const { api, viewer } = await bothFaces('staging deploy');
    for (const a of [api, viewer]) {
      expect(a.notice).toMatch(/^semantic search skipped: .*did not answer/);
      expect(a.hits).toHaveLength(2);
    }
  });

  it('keeps the viewer’s filters and their errors', async () => {
    const cookie = await viewerCookie();
    const bad = await app.request(`${BASE}/ui/api/v1/hits?q=deploy&kind=nope`, {
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'USAGE' } });
    const notes = await app.request(`${BASE}/ui/api/v1/hits?q=deploy&kind=note,decision`, {
      headers: { cookie },
    });
    expect(((await notes.json()) as Answer).hits).toEqual([]);
  });
});
