// The store → Events JSONL v1, in journal order, one line per event with a fixed field order, so
// export → import into an empty store → export gives the same bytes.
import type { Project, Session } from '../../core/index.js';
import type { EventFilter, Store } from '../../store/index.js';
import { EVENT_LINE_FIELDS } from '../../wire/index.js';

export interface EventsExportFilter {
  sessionId?: string;
  projectId?: string;
}

export function* exportEvents(store: Store, filter: EventsExportFilter = {}): Generator<string> {
  const sessions = new Map<string, Session>();
  const projects = new Map<string, Project | null>();
  const eventFilter: EventFilter = { order: 'asc' };
  if (filter.sessionId !== undefined) eventFilter.sessionId = filter.sessionId;
  if (filter.projectId !== undefined) eventFilter.projectId = filter.projectId;
  for (const e of store.events.iterate(eventFilter)) {
    let session = sessions.get(e.sessionId);
    if (!session) {
      session = store.sessions.get(e.sessionId)!;
      sessions.set(e.sessionId, session);
    }
    let project: Project | null | undefined = null;
    if (session.projectId) {
      project = projects.get(session.projectId);
      if (project === undefined) {
        project = store.projects.get(session.projectId);
        projects.set(session.projectId, project);
      }
    }
    const line: Record<string, unknown> = {
      session: session.agentSessionId ?? session.id,
      agent: session.agent,
      project: project?.root,
      ts: new Date(e.ts).toISOString(),
      kind: e.kind,
      role: e.role,
      text: e.text,
      tool: e.tool,
      data: e.data,
      ref: e.ref ?? e.id,
      title: session.title,
    };
    const ordered: Record<string, unknown> = {};
    for (const f of EVENT_LINE_FIELDS) {
      const v = line[f];
      if (v !== null && v !== undefined) ordered[f] = v;
    }
    yield JSON.stringify(ordered) + '\n';
  }
}
