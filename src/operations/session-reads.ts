// Reading the journal: the sessions of a project, one session a page at a time, and the events
// around one event. `baton session list` and the MCP server's list_sessions, get_session,
// timeline and session resources read through these. Listing marks crashed sessions first, so a
// dead agent's session is never shown as active.
import { BatonError } from '../core/index.js';
import type { BatonEvent, Session, SessionStatus } from '../core/index.js';
import { detectCrashes } from '../recover/index.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface ListSessionsInput {
  /** Absent: every project. */
  projectId?: string | undefined;
  agent?: string | undefined;
  status?: SessionStatus | undefined;
  limit: number;
}

/** Most recent activity first, after marking the sessions whose agent died. */
export function listSessions(world: OpsWorld, input: ListSessionsInput): Session[] {
  const { projectId } = input;
  detectCrashes(world.store, {
    now: world.clock.now(),
    ...(projectId !== undefined && { projectId }),
  });
  return world.store.sessions.list({
    ...(projectId !== undefined && { projectId }),
    ...(input.agent !== undefined && { agent: input.agent }),
    ...(input.status !== undefined && { status: input.status }),
    limit: input.limit,
  });
}

export interface SessionPageInput {
  projectId: string;
  /** Handle, id or the agent's id; default: the environment's, else the project's latest. */
  session?: string | undefined;
  /** Only events older than this seq. */
  before?: number | undefined;
  /** Only events newer than this seq (0: from the start). */
  after?: number | undefined;
  limit: number;
}

export interface SessionPage {
  session: Session;
  /** Oldest first. */
  events: BatonEvent[];
  /** The seq to read older events before, or null at the start. */
  olderBefore: number | null;
  /** The seq to read newer events after, or null at the end. */
  newerAfter: number | null;
}

/** One page of a session's events: the latest by default, or before / after a cursor. */
export function sessionPage(world: OpsWorld, input: SessionPageInput): SessionPage {
  if (input.before !== undefined && input.after !== undefined) {
    throw new BatonError('USAGE', 'give before or after, not both');
  }
  const session = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    fallback: 'latest',
  });
  if (!session) throw new BatonError('NOT_FOUND', 'no session recorded in this project yet');
  const { store } = world;
  const sessionId = session.id;
  const events =
    input.after !== undefined
      ? store.events.list({ sessionId, afterSeq: input.after, limit: input.limit, order: 'asc' })
      : store.events
          .list({
            sessionId,
            limit: input.limit,
            order: 'desc',
            ...(input.before !== undefined && { beforeSeq: input.before }),
          })
          .reverse();
  const exists = (side: { beforeSeq: number } | { afterSeq: number }) =>
    store.events.list({ sessionId, limit: 1, ...side }).length > 0;
  const first = events[0]?.seq;
  const last = events.at(-1)?.seq;
  return {
    session,
    events,
    olderBefore: first !== undefined && exists({ beforeSeq: first }) ? first : null,
    newerAfter: last !== undefined && exists({ afterSeq: last }) ? last : null,
  };
}
