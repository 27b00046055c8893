// The one file that opens a socket: the app on 127.0.0.1 only (never a wildcard address), and a
// close that lets requests in flight finish — an acknowledged write is a committed one — before
// the process goes on to its last recorder pass.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Listening {
  port: number;
  /** Stops accepting, waits up to `graceMs` for requests in flight, then drops what remains. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `port` (0: any free one) and then builds the app for the port it got — the app's
 * Host check must name the real port. No request arrives before the app exists.
 */
export function listen(appFor: (port: number) => Hono, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    let app: Hono | null = null;
    const fetch = (request: Request) => app?.fetch(request) ?? new Response(null, { status: 503 });
    const server = serve({ fetch, hostname: '127.0.0.1', port }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      app = appFor(bound);
      resolve({ port: bound, close: (graceMs = 10_000) => closeServer(server, graceMs) });
    });
  });
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
