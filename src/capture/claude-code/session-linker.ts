// Turns the parser's session sightings into Baton sessions: found by the agent's own id (so a
// hook-created session and its transcript meet), created when new with their project, branch and
// parent (a subagent's parent is created as a placeholder when its own transcript is absent).
import type { JsonObject, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { ProjectCache } from '../project-for-cwd.js';
import type { SessionSighting } from './draft.js';
import { AGENT } from './refs.js';

export const IMPORTED = 'imported';

export class SessionLinker {
  newSessions = 0;
  private readonly ids = new Map<string, string>();
  private readonly projects: ProjectCache;

  constructor(
    private readonly store: Store,
    private readonly fallbackTs: number,
  ) {
    this.projects = new ProjectCache(store);
  }

  /** The Baton session id for a sighting, creating or completing the session as needed. */
  idFor(s: SessionSighting): string {
    const known = this.ids.get(s.key);
    if (known !== undefined) return known;
    const parentId = s.parentKey === null ? null : this.idFor(placeholder(s.parentKey, s));
    const projectId = this.projects.idFor(s.cwd);
    const startedAt = s.firstTs ?? this.fallbackTs;
    const { session, created } = this.store.sessions.ensure({
      agent: AGENT,
      agentSessionId: s.key,
      projectId,
      cwd: s.cwd,
      gitBranch: s.gitBranch,
      startedAt,
      parentId,
      parentKind: parentId === null ? null : 'subagent',
      meta: s.meta,
    });
    if (created) {
      // History read from a transcript is over unless a hook says otherwise.
      this.store.sessions.update(session.id, {
        status: 'ended',
        endReason: IMPORTED,
        endedAt: s.lastTs ?? startedAt,
      });
      this.newSessions += 1;
    } else {
      this.complete(session, s, projectId, parentId);
    }
    this.ids.set(s.key, session.id);
    return session.id;
  }

  /** Fills what a session made by a hook or a placeholder lacked. */
  private complete(
    session: Session,
    s: SessionSighting,
    projectId: string | null,
    parentId: string | null,
  ) {
    const patch: Parameters<Store['sessions']['update']>[1] = {};
    if (session.projectId === null && projectId !== null) patch.projectId = projectId;
    if (session.cwd === null && s.cwd !== null) patch.cwd = s.cwd;
    if (session.parentId === null && parentId !== null) {
      patch.parentId = parentId;
      patch.parentKind = 'subagent';
    }
    const missingMeta = Object.keys(s.meta).filter((k) => !(k in session.meta));
    if (missingMeta.length) {
      const meta: JsonObject = { ...session.meta };
      for (const k of missingMeta) meta[k] = s.meta[k]!;
      patch.meta = meta;
    }
    if (Object.keys(patch).length) this.store.sessions.update(session.id, patch);
  }

  /** After a run: titles by rank, and imported sessions end at their last event. */
  settle(sightings: Iterable<SessionSighting>): void {
    for (const s of sightings) {
      const id = this.ids.get(s.key);
      if (id === undefined) continue;
      const session = this.store.sessions.get(id);
      if (!session) continue;
      const patch: Parameters<Store['sessions']['update']>[1] = {};
      const rank = typeof session.meta.titleRank === 'number' ? session.meta.titleRank : 0;
      if (s.title && (session.title === null || s.title.rank > rank)) {
        patch.title = s.title.text;
        patch.meta = { ...session.meta, titleRank: s.title.rank };
      }
      if (session.status === 'ended' && session.endReason === IMPORTED) {
        const end = Math.max(session.lastActivityAt, s.lastTs ?? 0);
        if (session.endedAt === null || end > session.endedAt) patch.endedAt = end;
      }
      if (session.projectId === null && s.cwd !== null) {
        const projectId = this.projects.idFor(s.cwd);
        if (projectId !== null) patch.projectId = projectId;
      }
      if (Object.keys(patch).length) this.store.sessions.update(id, patch);
    }
  }
}

/** The parent of a subagent, as far as the subagent's own rows tell. */
function placeholder(key: string, child: SessionSighting): SessionSighting {
  return {
    key,
    parentKey: null,
    cwd: child.cwd,
    gitBranch: child.gitBranch,
    firstTs: child.firstTs,
    lastTs: child.lastTs,
    title: null,
    meta: {},
  };
}
