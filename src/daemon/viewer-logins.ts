// The viewer's logins. `baton ui` asks the daemon (with its bearer token) for a one-time code and
// opens a URL carrying it; the browser trades the code, once and within two minutes, for a
// session kept only in this daemon's memory, sent back as an HttpOnly cookie — so no token stays
// in the address bar, the history or a page script's reach. A daemon restart logs everyone out.
import { randomBytes } from 'node:crypto';

const CODE_TTL_MS = 2 * 60_000;
const SESSION_TTL_MS = 12 * 60 * 60_000;
/** Codes nobody redeemed are dropped beyond this many, oldest first. */
const MAX_CODES = 64;

export interface ViewerLogins {
  /** A fresh one-time code and when it stops working (ms). */
  issueCode(): { code: string; expiresAt: number };
  /** The session a code opens (the code is spent), or null when unknown, spent or expired. */
  redeem(code: string): { session: string; expiresAt: number } | null;
  /** Whether a session id from a cookie is one this daemon opened and has not expired. */
  valid(session: string | undefined): boolean;
  end(session: string | undefined): void;
}

export function createViewerLogins(now: () => number): ViewerLogins {
  const codes = new Map<string, number>();
  const sessions = new Map<string, number>();
  const fresh = () => randomBytes(32).toString('base64url');
  const live = (map: Map<string, number>, key: string | undefined): boolean => {
    if (!key) return false;
    const until = map.get(key);
    if (until === undefined) return false;
    if (until > now()) return true;
    map.delete(key);
    return false;
  };
  return {
    issueCode() {
      const code = fresh();
      const expiresAt = now() + CODE_TTL_MS;
      codes.set(code, expiresAt);
      while (codes.size > MAX_CODES) codes.delete(codes.keys().next().value as string);
      return { code, expiresAt };
    },
    redeem(code) {
      const ok = live(codes, code);
      codes.delete(code);
      if (!ok) return null;
      const session = fresh();
      const expiresAt = now() + SESSION_TTL_MS;
      sessions.set(session, expiresAt);
      return { session, expiresAt };
    },
    valid: (session) => live(sessions, session),
    end(session) {
      if (session) sessions.delete(session);
    },
  };
}
