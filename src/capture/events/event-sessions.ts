// Which store session each line of an import belongs to: a line names its session by the agent's
// own id (or, in an export of this store, by the store's id), and the first line of a session that
// is new to the store creates it, ended as imported. Lines of one session share one lookup.
import { existsSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { JsonObject } from '../../core/index.js';
import { identifyProject } from '../../git/index.js';
import type { PreparableEvent, Store } from '../../store/index.js';
import type { EventLineV1 } from '../../schemas/index.js';

/** What of a session's first line decides the session (its project, title and start). */
export type SessionLine = Pick<EventLineV1, 'session' | 'project' | 'title'>;

/** The event a valid line holds, for the session the caller resolved. */
export function eventOfLine(
  line: EventLineV1,
  ref: string,
  ts: number,
  sessionId: string,
): PreparableEvent {
  return {
    sessionId,
    ts,
    kind: line.kind,
    role: line.role ?? null,
    tool: line.tool ?? null,
    text: line.text ?? null,
    data: (line.data as JsonObject | undefined) ?? null,
    source: 'import',
    ref,
  };
}

export class EventSessions {
  private readonly byKey = new Map<string, string>();
  private readonly projects = new Map<string, string | null>();
  /** Sessions this import created. */
  created = 0;

  constructor(private readonly store: Store) {}

  /** The store id of a line's session, creating the session on its first line. */
  resolve(agent: string, line: SessionLine, ts: number): string {
    const key = `${agent}\u0000${line.session}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.open(agent, line, ts);
      this.byKey.set(key, id);
    }
    return id;
  }

  /** Imported sessions end at their last event. */
  finish(): void {
    const { store } = this;
    store.transaction(() => {
      for (const id of this.byKey.values()) {
        const s = store.sessions.get(id);
        if (s && s.endReason === 'imported' && s.endedAt !== null && s.lastActivityAt > s.endedAt) {
          store.sessions.update(id, { endedAt: s.lastActivityAt });
        }
      }
    });
  }

  private open(agent: string, line: SessionLine, ts: number): string {
    const { store } = this;
    // The line may name a session this store already knows by its own id (an earlier export).
    // Not sessions.get: it also matches agent session ids, without an index for them alone (a
    // scan of every session, per new session), and ensure below finds those by (agent, id).
    const known = store.sessions.findByIdOrHandle(line.session);
    if (known && known.agent === agent) return known.id;
    const { session, created } = store.sessions.ensure({
      agent,
      agentSessionId: line.session,
      projectId: this.projectFor(line.project),
      startedAt: ts,
      title: line.title ?? null,
      cwd: line.project !== undefined && isAbsolute(line.project) ? line.project : null,
    });
    if (created) {
      store.sessions.update(session.id, { status: 'ended', endReason: 'imported', endedAt: ts });
      this.created += 1;
    }
    return session.id;
  }

  /** The store id of the project a line names by folder or name (created when new). */
  project(project: string): string | null {
    return this.projectFor(project);
  }

  private projectFor(project: string | undefined): string | null {
    const { store } = this;
    if (project === undefined) return null;
    const cached = this.projects.get(project);
    if (cached !== undefined) return cached;
    let id: string;
    if (isAbsolute(project)) {
      const identity = existsSync(project)
        ? identifyProject(project)
        : {
            key: `path:${project}`,
            root: project,
            remoteUrl: null,
            name: basename(project) || project,
          };
      id = store.projects.ensure(identity).id;
    } else {
      id = (
        store.projects.get(project) ??
        store.projects.ensure({
          key: `name:${project}`,
          root: project,
          remoteUrl: null,
          name: project,
        })
      ).id;
    }
    this.projects.set(project, id);
    return id;
  }
}
