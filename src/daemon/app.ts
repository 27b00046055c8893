// The daemon's HTTP API as a value: tests call `app.request()` without opening a port, and
// server.ts is the one place it meets a socket. Every request passes the guard (Host, Origin,
// bearer token); routes parse, call the operations (or the module that owns the action) and
// present JSON; errors are translated once, in onError, into a status and `{ error: { code } }`.
// Routes come in modules, one file each, mounted from ROUTE_MODULES: a new face (the web viewer)
// adds its file and one line there; its API routes also go in the route list (api-spec.ts), which
// the OpenAPI document is built from.
import { Hono } from 'hono';
import type { ApiWorld } from './api-world.js';
import { errorResponse } from './api-errors.js';
import { openApiDocument } from './openapi.js';
import { requestGuard } from './request-guard.js';
import { journalRoutes } from './routes-journal.js';
import { recordRoutes } from './routes-records.js';
import { recoveryRoutes } from './routes-recovery.js';
import { viewerApp } from './viewer-app.js';

export type RouteModule = (world: ApiWorld, log: (line: string) => void) => Hono;

/** Each module's routes and where they are mounted. */
export const ROUTE_MODULES: readonly { at: string; routes: RouteModule }[] = [
  { at: '/v1', routes: journalRoutes },
  { at: '/v1', routes: recordRoutes },
  { at: '/v1', routes: recoveryRoutes },
];

let openApi: object | undefined;

export function createApp(world: ApiWorld, log: (line: string) => void = () => {}): Hono {
  const app = new Hono();
  app.route('/ui', viewerApp(world, log)); // before the guard: the viewer logs in by cookie
  app.use('*', requestGuard({ token: world.token, port: world.port }));
  app.get('/v1/health', (c) =>
    c.json({ ok: true, pid: process.pid, lastSeq: world.store.events.lastSeq() }),
  );
  app.get('/v1/openapi.json', (c) => c.json((openApi ??= openApiDocument())));
  for (const m of ROUTE_MODULES) app.route(m.at, m.routes(world, log));
  const { mcp } = world;
  if (mcp) app.all('/mcp', (c) => mcp(c.req.raw));
  app.notFound((c) =>
    c.json(
      { error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  app.onError((error, c) => errorResponse(error, c, log));
  return app;
}
