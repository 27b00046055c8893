// Opening a hit in its context: one event with the events of its session just before and after
// it. The event is named as a person copies it from a search hit — its number (`727`, `#727`,
// `@727`), its id, or its session and place in it (`brave-otter#12`, the session's 12th event).
// `baton show`, the recovery menu and the MCP server's `timeline` tool all call showEvent.
import { BatonError } from '../core/index.js';
import type { BatonEvent, Session } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { OpsWorld } from './world.js';

export interface ShowEventInput {
  /** `727`, `#727`, `@727`, an event id, or `<session>#<n>` (handle, id or agent's id). */
  event: string | number;
  /** How many events of the session before it (default 5). */
  before?: number | undefined;
  /** How many after it (default 5). */
  after?: number | undefined;
}

export interface EventInContext {
  session: Session;
  anchor: BatonEvent;
  /** The anchor's place in its session, from 1. */
  position: number;
  /** The events shown, in order, the anchor among them. */
  events: BatonEvent[];
  /** The place in its session of events[0], from 1. */
  firstPosition: number;
}

export const SHOW_AROUND = 5;
const MAX_AROUND = 1000;
const SEQ = /^[#@]?(\d+)$/;
const IN_SESSION = /^(.+)#(\d+)$/;

function around(name: string, value: number | undefined): number {
  const n = value ?? SHOW_AROUND;
  if (!Number.isInteger(n) || n < 0 || n > MAX_AROUND) {
    throw new BatonError('USAGE', `${name} must be a whole number from 0 to ${MAX_AROUND}`);
  }
  return n;
}

/** The event a reference names, or a NOT_FOUND error saying which part was not found. */
export function findEvent(store: Store, ref: string | number): BatonEvent {
  const text = String(ref).trim();
  const seq = SEQ.exec(text);
  if (seq) return found(store.events.get(Number(seq[1])), text);
  const inSession = IN_SESSION.exec(text);
  if (inSession) {
    const session = store.sessions.get(inSession[1]!);
    if (!session) throw new BatonError('NOT_FOUND', `no session "${inSession[1]}"`);
    const n = Number(inSession[2]);
    const event = store.events.nthInSession(session.id, n);
    if (!event) {
      throw new BatonError(
        'NOT_FOUND',
        `session ${session.handle} has no event ${n} (it has ${session.eventCount})`,
      );
    }
    return event;
  }
  return found(text === '' ? null : store.events.get(text), text);
}

function found(event: BatonEvent | null, text: string): BatonEvent {
  if (!event) throw new BatonError('NOT_FOUND', `no event "${text}"`);
  return event;
}

export function showEvent(world: Pick<OpsWorld, 'store'>, input: ShowEventInput): EventInContext {
  const { store } = world;
  const before = around('before', input.before);
  const after = around('after', input.after);
  const anchor = findEvent(store, input.event);
  const sessionId = anchor.sessionId;
  const earlier = store.events
    .list({ sessionId, beforeSeq: anchor.seq, order: 'desc', limit: before })
    .reverse();
  const later = store.events.list({ sessionId, afterSeq: anchor.seq, order: 'asc', limit: after });
  const session = store.sessions.get(sessionId)!;
  const position = store.activity.sessionEventCount(sessionId, anchor.seq);
  return {
    session,
    anchor,
    position,
    events: [...earlier, anchor, ...later],
    firstPosition: position - earlier.length,
  };
}
