// What a viewer request must pass. The same refusals as the API's guard — a Host that is not this
// machine's loopback name (DNS rebinding), a foreign Origin, a cross-site fetch — and then, for
// the viewer's API, the login cookie in place of the bearer token. Writes must also come from the
// page itself: a same-origin fetch (the cookie is SameSite=Strict besides).
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ViewerLogins } from './viewer-logins.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const cookieName = (port: number) => `baton_ui_${port}`;

/** Host, Origin and fetch-site checks, for every path under /ui. */
export function viewerOrigin(port: number): MiddlewareHandler {
  const hosts = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hosts.has(host.toLowerCase())) refuse(403, `Host "${host}" is not this daemon's address`);
    const origin = c.req.header('origin');
    if (origin !== undefined && !origins.has(origin.toLowerCase())) {
      refuse(403, `requests from ${origin} are not allowed`);
    }
    if (c.req.header('sec-fetch-site') === 'cross-site') refuse(403, 'a cross-site request');
    await next();
  };
}

/** The login cookie, and for writes a same-origin request; for the viewer's API. */
export function viewerSession(port: number, logins: ViewerLogins): MiddlewareHandler {
  return async (c, next) => {
    if (!logins.valid(getCookie(c, cookieName(port)))) {
      refuse(401, 'not logged in: run `baton ui` for a login link');
    }
    if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c)) {
      refuse(403, 'writes must come from the viewer page');
    }
    await next();
  };
}

function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  return site === 'same-origin' || (site === undefined && c.req.header('origin') !== undefined);
}

function refuse(status: 401 | 403, message: string): never {
  const code = status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN';
  throw new HTTPException(status, { message, cause: { code } });
}
