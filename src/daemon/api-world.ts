// What the HTTP app is built from: the store and the clock, the token and port the guard checks,
// and the recorder's pass (so `POST /v1/import` reads transcripts exactly as the daemon does).
import type { Clock } from '../core/index.js';
import type { Store } from '../store/index.js';

export interface ApiWorld {
  store: Store;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  home: string;
  token: string;
  /** This Baton's version (the doctor route compares the daemon's with it). */
  version?: string;
  port: number;
  /** Imports what agents and hooks wrote since the last pass, now; resolves once committed. */
  importNow(): Promise<unknown>;
  /** How often the live stream looks for new events (default 100 ms). */
  streamPollMs?: number;
  /** Aborted when the daemon stops: live streams end so the server can close. */
  closing?: AbortSignal;
  /** Answers the MCP endpoint's requests (streamable HTTP), when mounted. */
  mcp?: (request: Request) => Promise<Response>;
}
