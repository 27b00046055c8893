// The Baton session a hook payload belongs to. On the hot path this is one indexed lookup; only the
// first hook of a session (or of a subagent) pays for reading git state and the project.
import type { Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { ensureHookSession, findAgentSession } from '../hooks/hook-session.js';
import type { NewSessionHints } from '../hooks/hook-session.js';
import { AGENT, subagentSessionKey } from './refs.js';
import { str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';

export interface HookIds {
  /** Claude Code's session id (a subagent's hooks carry its parent's). */
  sessionId: string;
  agentId: string | null;
  /** The Baton session key: the session id, or `<session>/agent-<id>` inside a subagent. */
  key: string;
}

export function hookIds(p: Rec): HookIds | null {
  const sessionId = str(p, 'session_id');
  if (sessionId === undefined || sessionId === '') return null;
  const agentId = str(p, 'agent_id') || null;
  return { sessionId, agentId, key: agentId ? subagentSessionKey(sessionId, agentId) : sessionId };
}

export function findSession(store: Store, key: string): Session | null {
  return findAgentSession(store, AGENT, key);
}

/**
 * The session for these ids, created on first sight; a subagent's session is created under its
 * parent's (created too if no hook of the parent was seen), with the subagent's own transcript.
 */
export function sessionForHook(
  store: Store,
  ids: HookIds,
  p: Rec,
  now: number,
  hints: Pick<NewSessionHints, 'meta'> = {},
): { session: Session; created: boolean } {
  const found = findSession(store, ids.key);
  if (found) return { session: found, created: false };
  const more: NewSessionHints = { ...hints, metaAfter: {} };
  if (ids.agentId !== null) {
    more.parentId = sessionForHook(
      store,
      { sessionId: ids.sessionId, agentId: null, key: ids.sessionId },
      p,
      now,
    ).session.id;
    more.parentKind = 'subagent';
    more.transcriptField = 'agent_transcript_path';
    more.metaAfter!.agentId = ids.agentId;
  }
  const agentType = str(p, 'agent_type');
  if (agentType) more.metaAfter!.agentType = agentType;
  return ensureHookSession(store, AGENT, ids.key, p, now, more);
}
