// The web viewer under /ui: its login (a one-time code from `baton ui` traded for a cookie), its
// built page and files, and its API — the daemon's own /v1 routes and the viewer's reads, behind
// the login cookie instead of the bearer token. app.ts mounts it before the API's guard.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ApiWorld } from './api-world.js';
import { journalRoutes } from './routes-journal.js';
import { recordRoutes } from './routes-records.js';
import { recoveryRoutes } from './routes-recovery.js';
import { param } from './request-scope.js';
import { tokenMatches } from './token-file.js';
import { assetsDir, readAsset } from './viewer-assets.js';
import { cookieName, viewerOrigin, viewerSession } from './viewer-guard.js';
import { viewerHeaders } from './viewer-headers.js';
import { createViewerLogins } from './viewer-logins.js';
import { viewerRoutes } from './viewer-routes.js';

export function viewerApp(world: ApiWorld, log: (line: string) => void): Hono {
  const app = new Hono();
  const logins = createViewerLogins(() => world.clock.now());
  const cookie = cookieName(world.port);
  app.use('*', viewerHeaders(), viewerOrigin(world.port));

  // `baton ui` asks for a code with the API's bearer token.
  app.post('/login-code', (c) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!tokenMatches(world.token, given)) {
      throw new HTTPException(401, {
        message: 'a valid bearer token is required',
        cause: { code: 'UNAUTHORIZED' },
      });
    }
    const { code, expiresAt } = logins.issueCode();
    return c.json({ path: `/ui/login?code=${code}`, expiresAt: new Date(expiresAt).toISOString() });
  });
  app.get('/login', (c) => {
    const opened = logins.redeem(param(c, 'code') ?? '');
    if (!opened) {
      return c.text('This login link was used or has expired: run `baton ui` for a new one.', 401);
    }
    setCookie(c, cookie, opened.session, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/ui',
      expires: new Date(opened.expiresAt),
    });
    return c.redirect('/ui/', 303);
  });
  app.post('/logout', (c) => {
    logins.end(getCookie(c, cookie));
    deleteCookie(c, cookie, { path: '/ui' });
    return c.json({ ok: true });
  });

  const api = new Hono();
  api.use('*', viewerSession(world.port, logins));
  api.route('/v1', journalRoutes(world));
  api.route('/v1', recordRoutes(world, log));
  api.route('/v1', recoveryRoutes(world, log));
  api.route('/v1', viewerRoutes(world, log));
  app.route('/api', api);

  const dir = assetsDir(world.env);
  const page = (name: string, immutable: boolean) => {
    const asset = dir ? readAsset(dir, name) : null;
    if (!asset) return null;
    const headers: Record<string, string> = { 'Content-Type': asset.type };
    if (immutable) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    return new Response(new Uint8Array(asset.body), { headers });
  };
  const index = (c: Context) =>
    page('index.html', false) ?? c.text('the viewer is not built: run npm run build', 404);
  app.get('/', index);
  app.get('/assets/:name', (c) => page(`assets/${c.req.param('name')}`, true) ?? c.notFound());
  app.all('*', (c) => {
    // `/ui/` (the mount matches `/ui` only): the page; the hash names the view.
    if (c.req.method === 'GET' && c.req.path === '/ui/') return index(c);
    return c.json(
      { error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    );
  });
  return app;
}
