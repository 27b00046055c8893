// "Which session does this mean": one rule for every face. In order: the session the caller
// names (an unknown name is an error), the session the environment names, the calling agent's
// live session in the project (an MCP server started by an agent), the project's active session,
// and last a new session — each step after the first is the caller's choice.
import { BatonError } from '../core/index.js';
import type { Session } from '../core/index.js';
import { lastSessionOf } from '../recover/index.js';
import type { SessionInput } from '../store/index.js';
import type { OpsWorld } from './world.js';

export interface WhichSessionOptions {
  /** The project whose active session may be meant; null (a global write): none is. */
  projectId: string | null;
  /** Named by the caller (`--session`, a tool's `session` argument). */
  ref?: string | undefined;
  /**
   * An environment session that names none: `fail` (a person at the shell made a typo) or
   * `ignore` (an agent's stale environment must not break its writes). Default: ignore.
   */
  staleEnv?: 'fail' | 'ignore';
  /**
   * With nothing named: no session; the project's active one; that else its most recent one
   * (`active-or-last`); the one with the latest activity, active or not (`latest`); or the
   * active one else a new one (`active-or-new`).
   */
  fallback: 'none' | 'active' | 'active-or-last' | 'latest' | 'active-or-new';
  /** The session to start when `fallback` is `active-or-new` and none is active. */
  newSession?: Omit<SessionInput, 'projectId'>;
}

function named(world: OpsWorld, ref: string, hint: string): Session {
  const found = world.store.sessions.get(ref);
  if (!found) throw new BatonError('NOT_FOUND', `no session "${ref}"`, { hint });
  return found;
}

const HINT = 'give a handle from the session list (SESSION-YYMMDD-NNN)';

/** The session an action means, or null when nothing names one and the fallback allows none. */
export function whichSession(world: OpsWorld, opts: WhichSessionOptions): Session | null {
  if (opts.ref !== undefined) return named(world, opts.ref, HINT);
  if (world.envSession) {
    if (opts.staleEnv === 'fail') return named(world, world.envSession, HINT);
    const fromEnv = world.store.sessions.get(world.envSession);
    if (fromEnv) return fromEnv;
  }
  if (opts.projectId === null) return null;
  const callers = callerSession(world, opts.projectId);
  if (callers) return callers;
  if (opts.fallback === 'none') return null;
  if (opts.fallback === 'latest') {
    return world.store.sessions.list({ projectId: opts.projectId, limit: 1 })[0] ?? null;
  }
  const [active] = world.store.sessions.list({
    projectId: opts.projectId,
    status: 'active',
    limit: 1,
  });
  if (active || opts.fallback === 'active') return active ?? null;
  if (opts.fallback === 'active-or-last') return lastSessionOf(world.store, opts.projectId);
  return world.store.sessions.start({
    agent: 'cli',
    ...opts.newSession,
    projectId: opts.projectId,
  });
}

/** The most recent live session of the calling agent in the project, if the caller is known. */
function callerSession(world: OpsWorld, projectId: string): Session | null {
  if (!world.callerAgent) return null;
  const [live] = world.store.sessions.list({
    projectId,
    agent: world.callerAgent,
    status: 'active',
    limit: 1,
  });
  return live ?? null;
}

/** The session a write goes to: as whichSession, starting `newSession` when nothing else fits. */
export function writingSession(
  world: OpsWorld,
  opts: Omit<WhichSessionOptions, 'fallback'> & { newSession: Omit<SessionInput, 'projectId'> },
): Session {
  return whichSession(world, { ...opts, fallback: 'active-or-new' })!;
}
