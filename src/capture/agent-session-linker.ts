// Turns a transcript parser's session sighting into a Baton session for Codex and Gemini CLI:
// found by the agent's own id (so a hook-created session and its transcript meet), created when
// new with its project, branch, HEAD and parent, and completed afterwards with what the rest of
// the file told (title, model, end). Imported history is ended unless a hook says otherwise.
import type { JsonObject, Session } from '../core/index.js';
import type { SessionPatch, Store } from '../store/index.js';
import { ProjectCache } from './project-for-cwd.js';
import type { SessionSighting } from './transcript-draft.js';

export const IMPORTED = 'imported';

export class AgentSessionLinker {
  newSessions = 0;
  private readonly ids = new Map<string, string>();
  private readonly projects: ProjectCache;

  constructor(
    private readonly store: Store,
    private readonly agent: string,
    private readonly fallbackTs: number,
  ) {
    this.projects = new ProjectCache(store);
  }

  /** The Baton session id for a sighting, creating or completing the session as needed. */
  idFor(s: SessionSighting): string {
    const known = this.ids.get(s.key);
    if (known !== undefined) return known;
    const parentId = s.parentKey === null ? null : this.parentFor(s);
    const projectId = this.projects.idFor(s.cwd);
    const startedAt = s.firstTs ?? this.fallbackTs;
    const { session, created } = this.store.sessions.ensure({
      agent: this.agent,
      agentSessionId: s.key,
      projectId,
      cwd: s.cwd,
      gitBranch: s.gitBranch,
      gitHeadStart: s.gitCommit,
      startedAt,
      title: s.title,
      parentId,
      parentKind: parentId === null ? null : s.parentKind,
      meta: metaOf(s),
    });
    if (created || session.meta.placeholder === true) {
      // History read from a transcript is over unless a hook says otherwise.
      const meta = { ...session.meta, ...metaOf(s) };
      delete meta.placeholder;
      this.store.sessions.update(session.id, {
        status: 'ended',
        endReason: IMPORTED,
        endedAt: s.lastTs ?? startedAt,
        meta,
      });
      this.complete(session, s, projectId, parentId);
      if (created) this.newSessions += 1;
    } else {
      this.complete(session, s, projectId, parentId);
    }
    this.ids.set(s.key, session.id);
    return session.id;
  }

  /** The parent session, created as a placeholder when its own transcript has not been read. */
  private parentFor(s: SessionSighting): string {
    const { session } = this.store.sessions.ensure({
      agent: this.agent,
      agentSessionId: s.parentKey!,
      projectId: this.projects.idFor(s.cwd),
      cwd: s.cwd,
      startedAt: s.firstTs ?? this.fallbackTs,
      meta: { placeholder: true },
    });
    return session.id;
  }

  /** Fills what a session made by a hook or a placeholder lacked. */
  private complete(
    session: Session,
    s: SessionSighting,
    projectId: string | null,
    parentId: string | null,
  ) {
    const patch: SessionPatch = {};
    if (session.projectId === null && projectId !== null) patch.projectId = projectId;
    if (session.cwd === null && s.cwd !== null) patch.cwd = s.cwd;
    if (session.gitBranch === null && s.gitBranch !== null) patch.gitBranch = s.gitBranch;
    if (session.parentId === null && parentId !== null) {
      patch.parentId = parentId;
      patch.parentKind = s.parentKind;
    }
    if (Object.keys(patch).length) this.store.sessions.update(session.id, patch);
  }

  /** After a run: title, model and meta from the whole file; imported sessions end at their last event. */
  settle(s: SessionSighting): void {
    const id = this.ids.get(s.key);
    const session = id === undefined ? null : this.store.sessions.get(id);
    if (!session) return;
    const patch: SessionPatch = {};
    if (s.title !== null && session.title !== s.title) patch.title = s.title;
    const meta = metaOf(s);
    const changed = Object.keys(meta).filter(
      (k) => JSON.stringify(session.meta[k]) !== JSON.stringify(meta[k]),
    );
    if (changed.length) patch.meta = { ...session.meta, ...meta };
    if (session.status === 'ended' && session.endReason === IMPORTED) {
      const end = Math.max(session.lastActivityAt, s.lastTs ?? 0);
      if (session.endedAt === null || end > session.endedAt) patch.endedAt = end;
    }
    if (session.projectId === null && s.cwd !== null) patch.projectId = this.projects.idFor(s.cwd);
    if (Object.keys(patch).length) this.store.sessions.update(session.id, patch);
  }
}

function metaOf(s: SessionSighting): JsonObject {
  const meta: JsonObject = { ...s.meta };
  if (s.model !== null) meta.model = s.model;
  return meta;
}
