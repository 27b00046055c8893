// Pins the viewer's door through app.request(): a one-time code from the bearer token becomes an
// HttpOnly SameSite=Strict cookie and a redirect with no secret in it; the viewer's API takes the
// cookie (not the bearer token), refuses foreign hosts, origins and cross-site writes; every
// answer carries the strict headers; only the build's own files are served.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';

const TOKEN = 'b'.repeat(43);
const BASE = 'http://127.0.0.1:4317';
const T0 = Date.parse('2026-03-01T10:00:00Z');

let store: Store;
let home: string;
let now: number;
let app: ReturnType<typeof createApp>;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-viewer-'));
  const web = join(home, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Baton</title>');
  writeFileSync(join(web, 'assets', 'main-abc.js'), 'console.log(1)');
  writeFileSync(join(home, 'secret.txt'), 'secret');
  now = T0;
  const clock = { now: () => now };
  store = openMemoryStore(clock);
  const p = store.projects.ensure({ key: 'k-v', root: '/work/v', remoteUrl: null, name: 'v' });
  const s = store.sessions.start({ agent: 'claude-code', projectId: p.id, startedAt: T0 });
  store.events.append([
    { sessionId: s.id, ts: T0, kind: 'user_message', text: 'hi', source: 'cli' },
    { sessionId: s.id, ts: T0, kind: 'assistant_message', text: 'hello', source: 'cli' },
  ]);
  app = createApp({
    store,
    clock,
    env: { BATON_UI_DIR: web },
    home,
    token: TOKEN,
    port: 4317,
    importNow: () => Promise.resolve({}),
  });
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${BASE}${path}`, { headers });

async function loginCode(): Promise<string> {
  const r = await app.request(`${BASE}/ui/login-code`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { path: string };
  return body.path;
}

async function login(): Promise<string> {
  const r = await get(await loginCode());
  const set = r.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

describe('logging in', () => {
  it('needs the bearer token for a code', async () => {
    const r = await app.request(`${BASE}/ui/login-code`, { method: 'POST' });
    expect(r.status).toBe(401);
  });

  it('trades a code once for an HttpOnly SameSite=Strict cookie and a clean redirect', async () => {
    const path = await loginCode();
    const r = await get(path);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/ui/');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^baton_ui_4317=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/ui/);
    expect(cookie).not.toContain(path.split('code=')[1]);
    expect((await get(path)).status).toBe(401);
  });

  it('refuses an expired code', async () => {
    const path = await loginCode();
    now += 3 * 60_000;
    expect((await get(path)).status).toBe(401);
  });
});

describe("the viewer's API", () => {
  it('takes the cookie, not the bearer token', async () => {
    expect((await get('/ui/api/v1/projects')).status).toBe(401);
    const bearer = await get('/ui/api/v1/projects', { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(401);
    const cookie = await login();
    const r = await get('/ui/api/v1/projects', { cookie });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { projects: unknown[] }).projects).toHaveLength(1);
  });

  it('leaves the bearer API as it was', async () => {
    const cookie = await login();
    expect((await get('/v1/projects', { cookie })).status).toBe(401);
    expect((await get('/v1/projects', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('refuses a foreign Host, a foreign Origin and a cross-site fetch', async () => {
    const cookie = await login();
    const evil = await get('/ui/api/v1/projects', { cookie, host: 'evil.example:4317' });
    expect(evil.status).toBe(403);
    const origin = await get('/ui/api/v1/projects', { cookie, origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const site = await get('/ui/api/v1/projects', { cookie, 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
  });

  it('accepts writes only from the page itself', async () => {
    const cookie = await login();
    const add = (headers: Record<string, string>) =>
      app.request(`${BASE}/ui/api/v1/todos?project=v`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ content: 'ship the viewer' }),
      });
    expect((await add({})).status).toBe(403);
    expect((await add({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await add({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await add({ origin: 'http://127.0.0.1:4317' })).status).toBe(201);
  });

  it('answers activity per day and agent with the running total', async () => {
    const cookie = await login();
    const r = await get('/ui/api/v1/activity?project=v', { cookie });
    const body = (await r.json()) as Record<string, unknown>;
    console.log(body);
    expect(body.days).toEqual([
      { day: '2026-03-01', agent: 'claude-code', sessions: 1, events: 2 },
    ]);
    expect(body.growth).toEqual([{ day: '2026-03-01', events: 2 }]);
  });

  it("answers each agent's next brief with its size", async () => {
    const cookie = await login();
    const r = await get('/ui/api/v1/briefs?project=v', { cookie });
    const { briefs } = (await r.json()) as {
      briefs: { agent: string; chars: number; text: string }[];
    };
    expect(briefs.map((b) => b.agent)).toEqual(['claude-code', 'codex', 'gemini']);
    expect(briefs[0]?.chars).toBe(briefs[0]?.text.length);
  });
});

describe('pages and files', () => {
  it('serves the page with a strict policy, no sniffing and no framing', async () => {
    const r = await get('/ui/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await get('/ui/api/v1/projects');
    expect(api.headers.get('content-security-policy')).toBe(csp);
  });

  it('serves only the files of the build', async () => {
    const js = await get('/ui/assets/main-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/text\/javascript/);
    expect((await get('/ui/assets/..%2F..%2Fsecret.txt')).status).toBe(404);
    expect((await get('/ui/assets/missing.js')).status).toBe(404);
    expect((await get('/ui/nothing-here')).status).toBe(404);
  });
});
