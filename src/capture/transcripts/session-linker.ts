// Turns a transcript parser's session sightings into Baton sessions, for every agent: found by the
// agent's own id (so a hook-created session and its transcript meet), created when new with their
// project, branch, HEAD and parent, completed with what the rest of the file told, and ended
// (imported history is over unless a hook says otherwise). How titles and parents are settled
// differs by agent and is given as `LinkRules`.
import type { JsonObject, Session } from '../../core/index.js';
import type { SessionInput, SessionPatch, Store } from '../../store/index.js';
import { ProjectCache } from '../project-for-cwd.js';
import { newSighting } from './transcript-draft.js';
import type { SessionSighting } from './transcript-draft.js';

const IMPORTED = 'imported';

export interface LinkRules {
  agent: string;
  /**
   * `ranked`: a file holds several sessions and names each in several ways (Claude Code), so a
   * title replaces the stored one only when it ranks higher (the rank kept in `meta.titleRank`),
   * meta keys the session lacks are filled and the rest stays as first seen. `whole-file`: a file
   * is one session and describes it whole (Codex, Gemini CLI), so its title, model and meta are
   * set on creation and again after every run, and a missing branch is filled.
   */
  titles: 'ranked' | 'whole-file';
  /**
   * `sighted`: a subagent's parent is linked as a session of its own from what the subagent's
   * rows tell (created ended, and counted). `placeholder`: the parent is created bare, marked
   * `meta.placeholder`, and completed when its own transcript is read.
   */
  parents: 'sighted' | 'placeholder';
}

export class SessionLinker {
  newSessions = 0;
  private readonly ids = new Map<string, string>();
  private readonly projects: ProjectCache;

  constructor(
    private readonly store: Store,
    private readonly rules: LinkRules,
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
    const wholeFile = this.rules.titles === 'whole-file';
    const input: SessionInput & { agentSessionId: string } = {
      agent: this.rules.agent,
      agentSessionId: s.key,
      projectId,
      cwd: s.cwd,
      gitBranch: s.gitBranch,
      gitHeadStart: s.gitCommit,
      startedAt,
      parentId,
      parentKind: parentId === null ? null : s.parentKind,
      meta: metaOf(s),
    };
    if (wholeFile) input.title = s.title;
    const { session, created } = this.store.sessions.ensure(input);
    if (created || (wholeFile && session.meta.placeholder === true)) {
      // History read from a transcript is over unless a hook says otherwise.
      const end: SessionPatch = {
        status: 'ended',
        endReason: IMPORTED,
        endedAt: s.lastTs ?? startedAt,
      };
      if (wholeFile) {
        end.meta = { ...session.meta, ...metaOf(s) };
        delete end.meta.placeholder;
      }
      this.store.sessions.update(session.id, end);
      if (wholeFile) this.complete(session, s, projectId, parentId);
      if (created) this.newSessions += 1;
    } else {
      this.complete(session, s, projectId, parentId);
    }
    this.ids.set(s.key, session.id);
    return session.id;
  }

  /** The parent of a subagent (or the thread a session was forked from). */
  private parentFor(s: SessionSighting): string {
    if (this.rules.parents === 'sighted') return this.idFor(sightedParent(s.parentKey!, s));
    const { session } = this.store.sessions.ensure({
      agent: this.rules.agent,
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
    if (this.rules.titles === 'whole-file' && session.gitBranch === null && s.gitBranch !== null)
      patch.gitBranch = s.gitBranch;
    if (session.parentId === null && parentId !== null) {
      patch.parentId = parentId;
      patch.parentKind = s.parentKind;
    }
    if (this.rules.titles === 'ranked') {
      const missingMeta = Object.keys(s.meta).filter((k) => !(k in session.meta));
      if (missingMeta.length) {
        const meta: JsonObject = { ...session.meta };
        for (const k of missingMeta) meta[k] = s.meta[k]!;
        patch.meta = meta;
      }
    }
    if (Object.keys(patch).length) this.store.sessions.update(session.id, patch);
  }

  /** After a run: titles and meta from what was read; imported sessions end at their last event. */
  settle(sightings: Iterable<SessionSighting>): void {
    for (const s of sightings) {
      const id = this.ids.get(s.key);
      const session = id === undefined ? null : this.store.sessions.get(id);
      if (!session) continue;
      const patch: SessionPatch =
        this.rules.titles === 'ranked' ? rankedTitle(session, s) : wholeFileTitle(session, s);
      if (session.status === 'ended' && session.endReason === IMPORTED) {
        const end = Math.max(session.lastActivityAt, s.lastTs ?? 0);
        if (session.endedAt === null || end > session.endedAt) patch.endedAt = end;
      }
      if (session.projectId === null && s.cwd !== null) {
        const projectId = this.projects.idFor(s.cwd);
        // A whole-file session is patched even when the folder is no project (no change).
        if (projectId !== null || this.rules.titles === 'whole-file') patch.projectId = projectId;
      }
      if (Object.keys(patch).length) this.store.sessions.update(session.id, patch);
    }
  }
}

/** The title if it outranks the stored one. */
function rankedTitle(session: Session, s: SessionSighting): SessionPatch {
  const rank = typeof session.meta.titleRank === 'number' ? session.meta.titleRank : 0;
  const sRank = s.titleRank ?? 0;
  if (s.title === null || (session.title !== null && sRank <= rank)) return {};
  return { title: s.title, meta: { ...session.meta, titleRank: sRank } };
}

/** The file's title and the meta keys it changed. */
function wholeFileTitle(session: Session, s: SessionSighting): SessionPatch {
  const patch: SessionPatch = {};
  if (s.title !== null && session.title !== s.title) patch.title = s.title;
  const meta = metaOf(s);
  const changed = Object.keys(meta).filter(
    (k) => JSON.stringify(session.meta[k]) !== JSON.stringify(meta[k]),
  );
  if (changed.length) patch.meta = { ...session.meta, ...meta };
  return patch;
}

/** A subagent's parent as far as the subagent's own rows tell. */
function sightedParent(key: string, child: SessionSighting): SessionSighting {
  return {
    ...newSighting(key),
    cwd: child.cwd,
    gitBranch: child.gitBranch,
    firstTs: child.firstTs,
    lastTs: child.lastTs,
  };
}

function metaOf(s: SessionSighting): JsonObject {
  const meta: JsonObject = { ...s.meta };
  if (s.model !== null) meta.model = s.model;
  return meta;
}
