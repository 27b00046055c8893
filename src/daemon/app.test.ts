// Pins the HTTP API through app.request(), no socket: the guard refuses a wrong token, a foreign
// Host and a foreign Origin; each endpoint answers through its operation; errors carry a code;
// the ingest acknowledges committed events; the live stream delivers an event written after it opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { SqliteStore, openMemoryStore, storePath } from '../store/index.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';

const TOKEN = 'a'.repeat(43);
const BASE = 'http://127.0.0.1:4317';
const auth = { authorization: `Bearer ${TOKEN}` };

let store: Store;
let home: string;
let app: ReturnType<typeof createApp>;
let imports = 0;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-app-'));
  store = openMemoryStore(fixedClock(Date.parse('2026-03-01T10:00:00Z'), 1));
  store.projects.ensure({ key: 'k-app', root: '/work/app', remoteUrl: null, name: 'app' });
  imports = 0;
  app = createApp({
    store,
    clock: fixedClock(Date.parse('2026-03-01T10:00:00Z'), 1),
    env: {},
    home,
    token: TOKEN,
    port: 4317,
    streamPollMs: 10,
    importNow: () => Promise.resolve({ pass: ++imports }),
  });
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(`${BASE}${path}`, { ...init, headers: { ...auth, ...init.headers } });
const json = async (r: Response) => (await r.json()) as Record<string, unknown>;
const line = (ref: string, text: string) =>
  JSON.stringify({
    session: 'agent-s1',
    agent: 'cli',
    project: 'app',
    ts: '2026-03-01T10:00:00Z',
    kind: 'note',
    text,
    ref,
  });

describe('the guard', () => {
  it('refuses a missing or wrong token with 401 and a code', async () => {
    const none = await app.request(`${BASE}/v1/health`);
    expect(none.status).toBe(401);
    expect(await json(none)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const wrong = await app.request(`${BASE}/v1/health`, {
      headers: { authorization: `Bearer ${'b'.repeat(43)}` },
    });
    expect(wrong.status).toBe(401);
    expect((await call('/v1/health')).status).toBe(200);
  });

  it('refuses a Host that is not the loopback address (DNS rebinding)', async () => {
    const r = await app.request('http://evil.example:4317/v1/health', { headers: auth });
    expect(r.status).toBe(403);
    expect(await json(r)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const otherPort = await app.request('http://127.0.0.1:9999/v1/health', { headers: auth });
    expect(otherPort.status).toBe(403);
    expect((await app.request('http://localhost:4317/v1/health', { headers: auth })).status).toBe(
      200,
    );
  });

  it('refuses a foreign Origin and a cross-site fetch, even with the token', async () => {
    const foreign = await call('/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const site = await call('/v1/health', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.status).toBe(403);
    const own = await call('/v1/health', { headers: { origin: 'http://127.0.0.1:4317' } });
    expect(own.status).toBe(200);
  });
});

describe('the endpoints', () => {
  it('ingests Events JSONL v1, acknowledged once committed, idempotent by ref', async () => {
    const body = `${line('r1', 'first')}\n${line('r2', 'second')}\n`;
    const r = await call('/v1/events', { method: 'POST', body });
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({ lines: 2, imported: 2, duplicates: 0 });
    expect(store.events.count()).toBe(2);
    const again = await json(await call('/v1/events', { method: 'POST', body }));
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('reports malformed lines by number with 422, keeping the good ones', async () => {
    const r = await call('/v1/events', {
      method: 'POST',
      body: `${line('r1', 'ok')}\n{"nope":1}\n`,
    });
    expect(r.status).toBe(422);
    const body = await json(r);
    expect(body).toMatchObject({ imported: 1, error: { code: 'PARTIAL' } });
    expect(body.malformed).toEqual([expect.objectContaining({ line: 2 })]);
    expect(store.events.count()).toBe(1);
  });

  it('lists projects, sessions and a session, and pages through events', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => line(`r${i}`, `note ${i}`)).join('\n');
    await call('/v1/events', { method: 'POST', body: lines });
    expect((await json(await call('/v1/projects'))).projects).toHaveLength(1);
    const sessions = (await json(await call('/v1/sessions?project=app'))).sessions as {
      handle: string;
    }[];
    expect(sessions).toHaveLength(1);
    const one = await json(await call(`/v1/sessions/${sessions[0]!.handle}`));
    expect(one.session).toMatchObject({ handle: sessions[0]!.handle });
    const page1 = await json(await call(`/v1/events?session=${sessions[0]!.handle}&limit=3`));
    expect((page1.events as unknown[]).length).toBe(3);
    const page2 = await json(
      await call(`/v1/events?project=app&limit=3&after=${String(page1.next)}`),
    );
    expect((page2.events as { text: string }[]).map((e) => e.text)).toEqual(['note 3', 'note 4']);
    expect(page2.next).toBeNull();
  });

  it('adds, changes and lists todos; records decisions; sets facts and components', async () => {
    const add = await call('/v1/todos?project=app', {
      method: 'POST',
      body: JSON.stringify({ content: 'write the test', priority: 'high' }),
    });
    expect(add.status).toBe(201);
    const done = await call('/v1/todos/1?project=app', {
      method: 'PATCH',
      body: JSON.stringify({ status: 'completed' }),
    });
    expect(await json(done)).toMatchObject({
      previousStatus: 'pending',
      todo: { status: 'completed' },
    });
    expect((await json(await call('/v1/todos?project=app'))).todos).toHaveLength(0);
    expect((await json(await call('/v1/todos?project=app&status=all'))).todos).toHaveLength(1);

    await call('/v1/decisions?project=app', {
      method: 'POST',
      body: JSON.stringify({ decision: 'integer cents', reasoning: 'floats lose cents' }),
    });
    const decisions = (await json(await call('/v1/decisions?project=app'))).decisions;
    expect(decisions).toEqual([expect.objectContaining({ decision: 'integer cents' })]);

    await call('/v1/facts/deploy.target?project=app', {
      method: 'PUT',
      body: JSON.stringify({ value: 'staging', priority: 'high' }),
    });
    expect((await json(await call('/v1/facts?project=app'))).facts).toEqual([
      expect.objectContaining({ key: 'deploy.target', value: 'staging' }),
    ]);
    await call('/v1/components/backend?project=app', {
      method: 'PUT',
      body: JSON.stringify({ status: 'up', health: 95 }),
    });
    expect((await json(await call('/v1/components?project=app'))).components).toEqual([
      expect.objectContaining({ name: 'backend', health: 95 }),
    ]);
  });

  it('creates, lists, diffs and restores checkpoints', async () => {
    await call('/v1/events', { method: 'POST', body: line('r1', 'start') });
    const a = await json(
      await call('/v1/checkpoints?project=app', { method: 'POST', body: '{"label":"one"}' }),
    );
    await call('/v1/todos?project=app', { method: 'POST', body: '{"content":"later"}' });
    const b = await json(await call('/v1/checkpoints?project=app', { method: 'POST' }));
    const list = (await json(await call('/v1/checkpoints?project=app'))).checkpoints;
    expect(list).toHaveLength(2);
    const [ha, hb] = [a, b].map((x) => (x.checkpoint as { handle: string }).handle);
    const diff = await json(await call(`/v1/checkpoints/diff?from=${ha}&to=${hb}`));
    expect(JSON.stringify(diff.state)).toContain('later');
    const restored = await call(`/v1/checkpoints/${ha}/restore`, {
      method: 'POST',
      body: '{"rollback":true}',
    });
    expect(await json(restored)).toMatchObject({ checkpoint: { handle: ha } });
    expect((await json(await call('/v1/todos?project=app'))).todos).toHaveLength(0);
  });

  it('answers search, the brief, doctor and import', async () => {
    await call('/v1/events', { method: 'POST', body: line('r1', 'the staging deploy failed') });
    const hits = await json(await call('/v1/search?q=staging&project=app'));
    expect(JSON.stringify(hits)).toContain('staging');
    const brief = await json(await call('/v1/brief?project=app'));
    expect(typeof brief.text).toBe('string');
    expect(brief.text).toContain('SESSION-');
    const doctor = await json(await call('/v1/doctor'));
    // The same list `baton doctor` runs (src/operations/diagnostics.ts), the daemon's own included.
    const ids = (doctor.checks as { id: string }[]).map((c) => c.id);
    for (const id of ['store', 'hooks:claude-code', 'spool', 'daemon', 'history', 'history:kept'])
      expect(ids).toContain(id);
    for (const id of ['retention:claude-code', 'retention:baton', 'backup', 'backup:schedule'])
      expect(ids).toContain(id);
    expect(ids).toContain('integrity');
    // The viewer asks for the checks that read the whole store apart from the others.
    const later = await json(await call('/v1/doctor?slow=later'));
    const laterIds = (later.checks as { id: string }[]).map((c) => c.id);
    expect(laterIds).toEqual(ids.filter((id) => id !== 'integrity'));
    const slow = await json(await call('/v1/doctor/slow'));
    expect(slow.checks).toMatchObject([{ id: 'integrity', status: 'ok' }]);
    expect(await json(await call('/v1/import', { method: 'POST' }))).toEqual({
      report: { pass: 1 },
    });
  });

  it('turns errors into JSON with a code: unknown records, bad input, unknown routes', async () => {
    const missing = await call('/v1/sessions/SESSION-000000-999');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const noProject = await call('/v1/todos');
    expect(noProject.status).toBe(400);
    expect(await json(noProject)).toMatchObject({ error: { code: 'USAGE' } });
    const bad = await call('/v1/todos?project=app', { method: 'POST', body: '{"content":5}' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await call('/v1/nothing')).status).toBe(404);
  });
});

describe('the live stream', () => {
  it('delivers an event committed after the stream opened', async () => {
    const r = await call('/v1/events/stream');
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    const reader = r.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    await call('/v1/events', { method: 'POST', body: line('live', 'seen live') });
    await readUntil('seen live');
    await reader.cancel();
    expect(text).toMatch(/event: event\ndata: .*seen live/);
  });
});

describe('the checks that read the whole store', () => {
  it('run on a worker: the daemon answers other requests meanwhile', async () => {
    // A store on disk (the worker opens the file read-only), whose integrity worker is held before
    // it starts until this test lets it go: while it is held, the daemon's thread must be free.
    const file = SqliteStore.open({
      path: storePath(home),
      integrityWorker: new URL('../store/sqlite/integrity-worker-held.ts', import.meta.url),
    });
    const channel = new BroadcastChannel('baton-integrity-worker-held');
    const held = new Promise<void>((resolve) => {
      channel.onmessage = (m) => m.data === 'held' && resolve();
    });
    try {
      file.projects.ensure({ key: 'k-app', root: '/work/app', remoteUrl: null, name: 'app' });
      const daemon: ReturnType<typeof createApp> = createApp({
        store: file,
        clock: fixedClock(Date.parse('2026-03-01T10:00:00Z'), 1),
        env: {},
        home,
        token: TOKEN,
        port: 4317,
        streamPollMs: 10,
        importNow: () => Promise.resolve({ pass: 1 }),
      });
      const ask = (path: string, init: RequestInit = {}) =>
        daemon.request(`${BASE}${path}`, { ...init, headers: { ...auth, ...init.headers } });
      let answered = false;
      const slow = (async () => {
        const r = await ask('/v1/doctor/slow');
        answered = true;
        return json(r);
      })();
      // Run on this thread, the check would answer without ever starting its worker.
      await Promise.race([
        held,
        slow.then(() => {
          throw new Error('the integrity check answered without starting its worker');
        }),
      ]);
      // The check is under way on its worker, held: the API reads and writes meanwhile.
      expect((await ask('/v1/health')).status).toBe(200);
      const posted = await ask('/v1/events', { method: 'POST', body: line('w1', 'written') });
      expect(await json(posted)).toMatchObject({ imported: 1 });
      const later = await json(await ask('/v1/doctor?slow=later'));
      expect((later.checks as { id: string }[]).map((c) => c.id)).toContain('contents');
      expect(JSON.stringify(await json(await ask('/v1/search?q=written')))).toContain('written');
      expect(answered).toBe(false);
      channel.postMessage('go');
      expect((await slow).checks).toMatchObject([{ id: 'integrity', status: 'ok' }]);
    } finally {
      channel.close();
      file.close();
    }
  });
});
