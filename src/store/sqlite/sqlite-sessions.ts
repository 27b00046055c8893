import { BatonError, dayKey, formatSessionHandle } from '../../core/index.js';
import type { JsonObject, Session, SessionStatus } from '../../core/index.js';
import type { SessionFilter, SessionInput, SessionPatch, Sessions } from '../store.js';
import { clean, parseJson, write } from './context.js';
import type { SqliteContext } from './context.js';
import { EventsIndex } from './events-index.js';

interface SessionRow {
  id: string;
  handle: string;
  agent: string;
  agent_session_id: string | null;
  project_id: string | null;
  cwd: string | null;
  git_branch: string | null;
  git_head_start: string | null;
  git_head_end: string | null;
  status: SessionStatus;
  started_at: number;
  last_activity_at: number;
  ended_at: number | null;
  end_reason: string | null;
  title: string | null;
  parent_id: string | null;
  parent_kind: string | null;
  pid: number | null;
  event_count: number;
  meta: string;
  machine_id: string;
  hlc: string;
}

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  handle: r.handle,
  agent: r.agent,
  agentSessionId: r.agent_session_id,
  projectId: r.project_id,
  cwd: r.cwd,
  gitBranch: r.git_branch,
  gitHeadStart: r.git_head_start,
  gitHeadEnd: r.git_head_end,
  status: r.status,
  startedAt: r.started_at,
  lastActivityAt: r.last_activity_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  title: r.title,
  parentId: r.parent_id,
  parentKind: r.parent_kind,
  pid: r.pid,
  eventCount: r.event_count,
  meta: parseJson<JsonObject>(r.meta, {}),
  machineId: r.machine_id,
  hlc: r.hlc,
});

const PATCH_COLUMNS: Record<keyof SessionPatch, string> = {
  status: 'status',
  endedAt: 'ended_at',
  endReason: 'end_reason',
  title: 'title',
  gitBranch: 'git_branch',
  gitHeadEnd: 'git_head_end',
  lastActivityAt: 'last_activity_at',
  pid: 'pid',
  parentId: 'parent_id',
  parentKind: 'parent_kind',
  projectId: 'project_id',
  cwd: 'cwd',
  meta: 'meta',
};

export class SqliteSessions implements Sessions {
  constructor(private readonly ctx: SqliteContext) {}

  start(input: SessionInput): Session {
    return write(this.ctx, () => {
      const startedAt = input.startedAt ?? this.ctx.clock.now();
      const day = dayKey(startedAt);
      this.ctx
        .stmt(
          `INSERT INTO handle_counters (day, last) VALUES (?, 1)
           ON CONFLICT (day) DO UPDATE SET last = last + 1`,
        )
        .run(day);
      const { last } = this.ctx.stmt('SELECT last FROM handle_counters WHERE day = ?').get(day) as {
        last: number;
      };
      const row: SessionRow = {
        id: this.ctx.ids(),
        handle: formatSessionHandle(day, last),
        agent: input.agent,
        agent_session_id: input.agentSessionId ?? null,
        project_id: input.projectId ?? null,
        cwd: input.cwd ?? null,
        git_branch: input.gitBranch ?? null,
        git_head_start: input.gitHeadStart ?? null,
        git_head_end: null,
        status: 'active',
        started_at: startedAt,
        last_activity_at: startedAt,
        ended_at: null,
        end_reason: null,
        title: clean(this.ctx, input.title),
        parent_id: input.parentId ?? null,
        parent_kind: input.parentKind ?? null,
        pid: input.pid ?? null,
        event_count: 0,
        meta: JSON.stringify(this.ctx.redactor.json(input.meta ?? {})),
        machine_id: this.ctx.machineId,
        hlc: this.ctx.hlc.tick(),
      };
      this.ctx
        .stmt(
          `INSERT INTO sessions (id, handle, agent, agent_session_id, project_id, cwd, git_branch,
             git_head_start, git_head_end, status, started_at, last_activity_at, ended_at, end_reason,
             title, parent_id, parent_kind, pid, event_count, meta, machine_id, hlc)
           VALUES (@id, @handle, @agent, @agent_session_id, @project_id, @cwd, @git_branch,
             @git_head_start, @git_head_end, @status, @started_at, @last_activity_at, @ended_at,
             @end_reason, @title, @parent_id, @parent_kind, @pid, @event_count, @meta, @machine_id, @hlc)`,
        )
        .run(row);
      return toSession(row);
    });
  }

  ensure(input: SessionInput & { agentSessionId: string }) {
    return write(this.ctx, () => {
      const row = this.ctx
        .stmt('SELECT * FROM sessions WHERE agent = ? AND agent_session_id = ?')
        .get(input.agent, input.agentSessionId) as SessionRow | undefined;
      if (row) return { session: toSession(row), created: false };
      return { session: this.start(input), created: true };
    });
  }

  update(id: string, patch: SessionPatch): Session {
    return write(this.ctx, () => {
      const movedFrom =
        patch.projectId === undefined
          ? undefined
          : (this.ctx.stmt('SELECT project_id FROM sessions WHERE id = ?').get(id) as
              { project_id: string | null } | undefined);
      const sets: string[] = [];
      const values: Record<string, unknown> = { id, hlc: this.ctx.hlc.tick() };
      for (const [k, v] of Object.entries(patch) as [keyof SessionPatch, unknown][]) {
        if (v === undefined) continue;
        const column = PATCH_COLUMNS[k];
        sets.push(`${column} = @${column}`);
        values[column] =
          k === 'meta'
            ? JSON.stringify(this.ctx.redactor.json(v as JsonObject))
            : k === 'title' || k === 'endReason'
              ? clean(this.ctx, v as string | null)
              : v;
      }
      const info = this.ctx
        .stmt(`UPDATE sessions SET ${[...sets, 'hlc = @hlc'].join(', ')} WHERE id = @id`)
        .run(values);
      if (info.changes === 0) throw new BatonError('NOT_FOUND', `no session ${id}`);
      // Its events' index rows name the project (search filters on it): keep them in step.
      if (movedFrom && movedFrom.project_id !== patch.projectId) {
        new EventsIndex(this.ctx).reindexSession(id);
      }
      return this.get(id)!;
    });
  }

  get(ref: string): Session | null {
    const row = this.ctx
      .stmt(
        `SELECT * FROM sessions WHERE id = @ref OR handle = upper(@ref)
         UNION ALL SELECT * FROM sessions WHERE agent_session_id = @ref LIMIT 1`,
      )
      .get({ ref }) as SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  findByAgentId(agent: string, agentSessionId: string): Session | null {
    const row = this.ctx
      .stmt('SELECT * FROM sessions WHERE agent = ? AND agent_session_id = ?')
      .get(agent, agentSessionId) as SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  findByIdOrHandle(ref: string): Session | null {
    const row = this.ctx
      .stmt('SELECT * FROM sessions WHERE id = ? OR handle = upper(?) LIMIT 1')
      .get(ref, ref) as SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  list(filter: SessionFilter = {}): Session[] {
    const { where, params } = sessionWhere(filter);
    // Active sessions are few and have their own partial index; the planner only takes it when the
    // status is a literal, and otherwise walks a whole project's sessions (10 ms on a big store,
    // on the SessionStart path through crash detection).
    const from = filter.status === 'active' ? 'sessions INDEXED BY sessions_active' : 'sessions';
    const sql = `SELECT * FROM ${from} ${where} ORDER BY last_activity_at DESC, id DESC LIMIT ?`;
    return (this.ctx.stmt(sql).all(...params, filter.limit ?? -1) as SessionRow[]).map(toSession);
  }

  count(filter: Omit<SessionFilter, 'limit'> = {}): number {
    const { where, params } = sessionWhere(filter);
    const row = this.ctx.stmt(`SELECT count(*) AS n FROM sessions ${where}`).get(...params);
    return (row as { n: number }).n;
  }
}

/** The WHERE clause of a session filter (all but its limit), with its parameters. */
function sessionWhere(filter: SessionFilter): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('project_id = ?', filter.projectId);
  add('agent = ?', filter.agent);
  if (filter.status === 'active') where.push("status = 'active'");
  else add('status = ?', filter.status);
  add('parent_id = ?', filter.parentId);
  add('last_activity_at >= ?', filter.since);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
