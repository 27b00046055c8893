// What every request must pass before it reaches a route. The API listens on 127.0.0.1 only, but
// a web page the user opens can still aim a browser at it: a foreign Origin (a cross-site request)
// and a Host that is not this machine's loopback name (DNS rebinding: evil.example resolving to
// 127.0.0.1) are refused before the token is even looked at; then the bearer token is required.
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { tokenMatches } from './token-file.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface GuardOptions {
  token: string;
  port: number;
}

export function requestGuard(opts: GuardOptions): MiddlewareHandler {
  const hosts = new Set(LOOPBACK_NAMES.map((name) => `${name}:${opts.port}`));
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hosts.has(host.toLowerCase())) {
      throw refused(403, `Host "${host}" is not this daemon's address`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !origins.has(origin.toLowerCase())) {
      throw refused(403, `requests from ${origin} are not allowed`);
    }
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw refused(403, 'a cross-site request');
    }
    const auth = c.req.header('authorization') ?? '';
    const given = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? '';
    if (!tokenMatches(opts.token, given)) {
      throw refused(401, 'a valid bearer token is required: "Authorization: Bearer <token>"');
    }
    await next();
  };
}

/** A refusal the app's error handler answers as JSON with its own code. */
function refused(status: 401 | 403, message: string): HTTPException {
  const code = status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN';
  return new HTTPException(status, { message, cause: { code } });
}
