// Pins the optional semantic search against a fake OpenAI-compatible embeddings server written
// here: vectors are hashed bags of words, with two words made to share a meaning (kids/children),
// so a turn is found by a word it does not hold only through its vector. Off by default; turns
// embedded in batches with progress; fused with the word ranking; an endpoint that is down costs
// one notice and the word matches still come back; a forgotten event's vector goes with it.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { embeddingsStatus, indexEmbeddings, searchMemory } from './index.js';
import { search } from '../search/index.js';

const DIM = 32;
const SAME_MEANING: Record<string, string> = {
  kids: 'children',
  kid: 'children',
  child: 'children',
};

function hashedBagOfWords(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const word = SAME_MEANING[raw] ?? raw;
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % DIM]! += 1;
  }
  return v;
}

interface Fake {
  server: Server;
  url: string;
  batches: number[];
  auth: (string | undefined)[];
}

async function fakeEmbeddings(): Promise<Fake> {
  const fake = { batches: [] as number[], auth: [] as (string | undefined)[] } as Fake;
  fake.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      fake.batches.push(input.length);
      fake.auth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          model,
          data: input.map((t, index) => ({ index, embedding: hashedBagOfWords(t) })),
        }),
      );
    });
  });
  await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`;
  return fake;
}

let fake: Fake;
let store: Store;
let projectId: string;
let kidsTurn: string;

beforeEach(async () => {
  fake = await fakeEmbeddings();
  store = openMemoryStore(fixedClock(Date.parse('2026-03-05T09:00:00Z'), 1));
  projectId = store.projects.ensure({ key: 'path:/a', root: '/a', remoteUrl: null, name: 'a' }).id;
  const s = store.sessions.start({ agent: 'cli', projectId });
  const texts = [
    'The deploy to staging failed because the secret was missing',
    'My children spent the whole weekend at the dinosaur museum',
    'I fixed the flaky login test by injecting the clock',
    'We moved the rate limiter into its own module',
    'The staging deploy is green again',
  ];
  const { seqs } = store.events.append([
    ...texts.map((text) => ({
      sessionId: s.id,
      kind: 'user_message' as const,
      text,
      source: 'cli' as const,
    })),
    {
      sessionId: s.id,
      kind: 'tool_call' as const,
      tool: 'Bash',
      text: 'kubectl get pods',
      source: 'cli' as const,
    },
  ]);
  kidsTurn = store.events.get(seqs[1]!)!.id;
});
afterEach(async () => {
  store.close();
  await new Promise((r) => fake.server.close(r));
});

function configure(endpoint = fake.url) {
  store.setSetting('search.embeddings.endpoint', endpoint);
  store.setSetting('search.embeddings.model', 'fake-bow');
}

const world = () => ({ store, clock: fixedClock(0, 1), env: { FAKE_KEY: 'sk-test' } });
const hitIds = (r: { hits: { event: { id: string } | null }[] }) => r.hits.map((h) => h.event?.id);

describe('semantic search', () => {
  it('is off by default: no request is made and words alone rank', async () => {
    expect(embeddingsStatus({ store }).enabled).toBe(false);
    const r = await searchMemory(world(), { query: 'what do my kids like?', projectId });
    expect(hitIds(r)).not.toContain(kidsTurn);
    expect(r.notice).toBeUndefined();
    expect(fake.batches).toEqual([]);
  });

  it('embeds every turn (not tool calls) in batches, with progress, and only once', async () => {
    configure();
    const progress: number[] = [];
    const { indexEmbeddings: run } = await import('../search/semantic.js');
    const cfg = { endpoint: fake.url, model: 'fake-bow', apiKeyEnv: null };
    const done = await run(store, cfg, {}, (p) => progress.push(p.embedded), 2);
    expect(done).toEqual({ embedded: 5, turns: 5, added: 5 });
    expect(fake.batches).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 4, 5]);
    await indexEmbeddings({ store, env: {} });
    expect(fake.batches).toEqual([2, 2, 1]);
    expect(embeddingsStatus({ store })).toMatchObject({ enabled: true, turns: 5, embedded: 5 });
  });

  it('finds a turn by meaning, fused with the word matches', async () => {
    configure();
    await indexEmbeddings({ store, env: {} });
    const r = await searchMemory(world(), { query: 'what do my kids like?', projectId });
    expect(r.notice).toBeUndefined();
    expect(hitIds(r)[0]).toBe(kidsTurn);
    // Both sides: the word ranking's hit for "deploy" is still found next to the vectors'.
    const both = await searchMemory(world(), { query: 'staging deploy kids', projectId });
    expect(hitIds(both)).toEqual(expect.arrayContaining([kidsTurn]));
    expect(both.hits.filter((h) => h.event?.snippet.includes('deploy')).length).toBe(2);
  });

  it('orders the same with sqlite-vec and with distances computed in JavaScript', async () => {
    configure();
    await indexEmbeddings({ store, env: {} });
    const { queryVector, loadSqliteVec } = await import('../search/semantic.js');
    expect(loadSqliteVec(store)).toBe(true);
    const cfg = { endpoint: fake.url, model: 'fake-bow', apiKeyEnv: null };
    const q = await queryVector(store, cfg, 'children dinosaur clock', {});
    const run = (sqliteVec: boolean) =>
      search(store, {
        query: 'children dinosaur clock',
        projectId,
        semantic: { ...q, sqliteVec },
      }).hits.map((h) => h.event?.id);
    expect(run(true)).toEqual(run(false));
    expect(run(true).length).toBeGreaterThan(2);
  });

  it('sends the API key from the variable the configuration names', async () => {
    configure();
    store.setSetting('search.embeddings.apiKeyEnv', 'FAKE_KEY');
    await indexEmbeddings({ store, env: { FAKE_KEY: 'sk-test' } });
    expect(fake.auth[0]).toBe('Bearer sk-test');
    const r = await searchMemory({ ...world(), env: {} }, { query: 'staging deploy', projectId });
    expect(r.notice).toMatch(/^semantic search skipped: .*FAKE_KEY is not set/);
    expect(r.hits.length).toBe(2);
  });

  it('with the endpoint down: one notice, and the word matches still come back', async () => {
    configure();
    await indexEmbeddings({ store, env: {} });
    await new Promise((r) => fake.server.close(r));
    fake.server = createServer();
    const r = await searchMemory(world(), { query: 'staging deploy', projectId });
    expect(r.notice).toMatch(/^semantic search skipped: the embeddings endpoint .* did not answer/);
    expect(r.notice).not.toContain('\n');
    expect(r.hits.length).toBe(2);
    await expect(indexEmbeddings({ store, env: {} })).resolves.toBeDefined();
  });

  it('forgets a vector with its event', async () => {
    configure();
    await indexEmbeddings({ store, env: {} });
    store.maintenance.forget({ match: 'dinosaur' });
    expect(embeddingsStatus({ store })).toMatchObject({ turns: 4, embedded: 4 });
    const rows = store.query<{ n: number }>('SELECT count(*) AS n FROM event_embeddings');
    expect(rows[0]!.n).toBe(4);
  });
});
