// The Baton session a hook payload belongs to. On the hot path this is one indexed lookup; only the
// first hook of a session (or of a subagent) pays for reading git state and the project.
import type { JsonObject, Session } from '../../core/index.js';
import { readGitState } from '../../git/index.js';
import type { Store } from '../../store/index.js';
import { findAgentSession } from '../agent-hook-session.js';
import { identityForCwd } from '../project-for-cwd.js';
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

export interface NewSessionHints {
  parentId?: string | null;
  parentKind?: string | null;
  meta?: JsonObject;
}

/** The session for these ids, created (with its project, branch and HEAD) on first sight. */
export function sessionForHook(
  store: Store,
  ids: HookIds,
  p: Rec,
  now: number,
  hints: NewSessionHints = {},
): { session: Session; created: boolean } {
  const found = findSession(store, ids.key);
  if (found) return { session: found, created: false };
  let parentId = hints.parentId ?? null;
  let parentKind = hints.parentKind ?? null;
  if (ids.agentId !== null) {
    parentId = sessionForHook(
      store,
      { sessionId: ids.sessionId, agentId: null, key: ids.sessionId },
      p,
      now,
    ).session.id;
    parentKind = 'subagent';
  }
  const cwd = str(p, 'cwd') ?? null;
  const git = cwd ? readGitState(cwd) : { branch: null, head: null };
  const meta: JsonObject = { ...hints.meta };
  const transcript = str(p, ids.agentId ? 'agent_transcript_path' : 'transcript_path');
  if (transcript) meta.transcriptPath = transcript;
  if (ids.agentId) meta.agentId = ids.agentId;
  const agentType = str(p, 'agent_type');
  if (agentType) meta.agentType = agentType;
  return store.sessions.ensure({
    agent: AGENT,
    agentSessionId: ids.key,
    projectId: cwd ? store.projects.ensure(identityForCwd(cwd)).id : null,
    cwd,
    gitBranch: git.branch,
    gitHeadStart: git.head,
    startedAt: now,
    parentId,
    parentKind,
    meta,
  });
}
