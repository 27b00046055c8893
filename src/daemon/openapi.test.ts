// Pins the OpenAPI document against the app itself: every route the app serves under /v1 (and
// /mcp) is in it and nothing else is; a request body and query that the document's schemas accept
// is accepted by the server, and a body they refuse is refused by the server too; the document
// served at /v1/openapi.json and the one in schemas/ are the one built from the code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';
import { openApiDocument, openApiPath } from './openapi.js';

const TOKEN = 'a'.repeat(43);
const BASE = 'http://127.0.0.1:4317';
type Schema = Parameters<typeof z.fromJSONSchema>[0];
type Doc = { paths: Record<string, Record<string, Operation>> };
type Operation = {
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
const doc = openApiDocument() as unknown as Doc;

let store: Store;
let home: string;
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-openapi-'));
  const clock = fixedClock(Date.parse('2026-03-01T10:00:00Z'), 1);
  store = openMemoryStore(clock);
  const project = store.projects.ensure({
    key: 'k',
    root: '/work/app',
    remoteUrl: null,
    name: 'app',
  });
  store.sessions.start({ agent: 'cli', projectId: project.id });
  app = createApp({
    store,
    clock,
    env: {},
    home,
    token: TOKEN,
    port: 4317,
    importNow: () => Promise.resolve({}),
    mcp: () => Promise.resolve(new Response('{}')),
  });
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const call = (method: string, path: string, body?: unknown) =>
  app.request(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
const bodySchema = (path: string, method: string) =>
  z.fromJSONSchema(doc.paths[path]![method]!.requestBody!.content['application/json']!.schema);

describe('the OpenAPI document', () => {
  it('has every route the app serves, and only those', () => {
    const served = app.routes
      .filter((r) => r.path.startsWith('/v1/') || r.path === '/mcp')
      .filter((r) => r.method !== 'ALL' || r.path === '/mcp')
      .map((r) => `${r.method === 'ALL' ? 'post' : r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(new Set(served).size).toBeGreaterThanOrEqual(25);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  it('accepts the requests its schemas accept and refuses those they refuse', async () => {
    const todo = { content: 'write the docs', priority: 'high', session: undefined };
    const todoSchema = bodySchema('/v1/todos', 'post');
    expect(todoSchema.safeParse(todo).success).toBe(true);
    expect((await call('POST', '/v1/todos?project=app', todo)).status).toBe(201);
    const bad = { content: 'x', priority: 'urgent' };
    expect(todoSchema.safeParse(bad).success).toBe(false);
    expect((await call('POST', '/v1/todos?project=app', bad)).status).toBe(400);

    const requests: [string, string, string, unknown][] = [
      ['patch', '/v1/todos/{ref}', '/v1/todos/1?project=app', { status: 'completed' }],
      ['post', '/v1/decisions', '/v1/decisions?project=app', { decision: 'SQLite', files: ['a'] }],
      ['put', '/v1/facts/{key}', '/v1/facts/db?project=app', { value: { n: 1 }, priority: 'high' }],
      ['put', '/v1/components/{name}', '/v1/components/api?project=app', { health: 90 }],
      ['post', '/v1/checkpoints', '/v1/checkpoints?project=app', { label: 'before' }],
      ['post', '/v1/checkpoints/{ref}/restore', '/v1/checkpoints/1/restore', { rollback: false }],
    ];
    for (const [method, path, url, body] of requests) {
      expect(bodySchema(path, method).safeParse(body).success, `${method} ${path}`).toBe(true);
      const target = path.endsWith('/restore')
        ? url.replace('/1/', `/${store.checkpoints.list({ limit: 1 })[0]!.id}/`)
        : url;
      const r = await call(method.toUpperCase(), target, body);
      expect(r.status, `${method} ${path}: ${await r.clone().text()}`).toBeLessThan(300);
    }
    expect(bodySchema('/v1/components/{name}', 'put').safeParse({ health: 101 }).success).toBe(
      false,
    );
    expect((await call('PUT', '/v1/components/api?project=app', { health: 101 })).status).toBe(400);
  });

  it('describes the query parameters the routes read, with their limits', async () => {
    const params = doc.paths['/v1/sessions']!.get!.parameters!;
    const limit = z.fromJSONSchema(params.find((p) => p.name === 'limit')!.schema);
    expect(limit.safeParse(1000).success).toBe(true);
    expect((await call('GET', '/v1/sessions?limit=1000')).status).toBe(200);
    expect(limit.safeParse(1001).success).toBe(false);
    expect((await call('GET', '/v1/sessions?limit=1001')).status).toBe(400);
    const status = z.fromJSONSchema(params.find((p) => p.name === 'status')!.schema);
    expect(status.safeParse('crashed').success).toBe(true);
    expect((await call('GET', '/v1/sessions?status=crashed')).status).toBe(200);
    expect(status.safeParse('lost').success).toBe(false);
    expect((await call('GET', '/v1/sessions?status=lost')).status).toBe(400);
  });

  it('is served at /v1/openapi.json and written to schemas/openapi.json as built', async () => {
    const served: unknown = await (await call('GET', '/v1/openapi.json')).json();
    expect(served).toEqual(doc);
    const file = join(import.meta.dirname, '..', '..', 'schemas', 'openapi.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(doc);
  });
});
