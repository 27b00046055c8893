import { BatonError } from '../../core/index.js';
import type { Todo, TodoPriority, TodoStatus } from '../../core/index.js';
import type { TodoFilter, TodoInput, TodoPatch, Todos } from '../store.js';
import { clean, indexRecord, nextNumber, resolveRef, stampFields, write } from './context.js';
import type { SqliteContext } from './context.js';

interface TodoRow {
  id: string;
  project_id: string;
  number: number;
  content: string;
  status: TodoStatus;
  active_form: string | null;
  priority: TodoPriority | null;
  component: string | null;
  blocked_reason: string | null;
  external_key: string | null;
  origin_session_id: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  completed_at: number | null;
  machine_id: string;
  hlc: string;
  field_hlc: string;
}

const toTodo = (r: TodoRow): Todo => ({
  id: r.id,
  projectId: r.project_id,
  number: r.number,
  content: r.content,
  status: r.status,
  activeForm: r.active_form,
  priority: r.priority,
  component: r.component,
  blockedReason: r.blocked_reason,
  externalKey: r.external_key,
  originSessionId: r.origin_session_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  startedAt: r.started_at,
  completedAt: r.completed_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

const COLUMN: Record<keyof TodoPatch, keyof TodoRow> = {
  content: 'content',
  status: 'status',
  activeForm: 'active_form',
  priority: 'priority',
  component: 'component',
  blockedReason: 'blocked_reason',
  externalKey: 'external_key',
};

const body = (t: Pick<TodoRow, 'content' | 'active_form' | 'blocked_reason'>) =>
  [t.content, t.active_form, t.blocked_reason].filter(Boolean).join('\n');

export class SqliteTodos implements Todos {
  constructor(private readonly ctx: SqliteContext) {}

  add(input: TodoInput): Todo {
    const { ctx } = this;
    return write(ctx, () => {
      const now = input.at ?? ctx.clock.now();
      const status = input.status ?? 'pending';
      const hlc = ctx.hlc.tick();
      const row: TodoRow = {
        id: ctx.ids(),
        project_id: input.projectId,
        number: nextNumber(ctx, 'todos', input.projectId),
        content: clean(ctx, input.content) ?? '',
        status,
        active_form: clean(ctx, input.activeForm),
        priority: input.priority ?? null,
        component: input.component ?? null,
        blocked_reason: clean(ctx, input.blockedReason),
        external_key: input.externalKey ?? null,
        origin_session_id: input.originSessionId ?? null,
        created_at: now,
        updated_at: now,
        started_at: status === 'in_progress' ? now : null,
        completed_at: status === 'completed' ? now : null,
        machine_id: ctx.machineId,
        hlc,
        field_hlc: stampFields('{}', Object.values(COLUMN), hlc),
      };
      ctx
        .stmt(
          `INSERT INTO todos (id, project_id, number, content, status, active_form, priority, component,
             blocked_reason, external_key, origin_session_id, created_at, updated_at, started_at,
             completed_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @number, @content, @status, @active_form, @priority, @component,
             @blocked_reason, @external_key, @origin_session_id, @created_at, @updated_at, @started_at,
             @completed_at, @machine_id, @hlc, @field_hlc)`,
        )
        .run(row);
      indexRecord(ctx, 'todo', row.id, row.project_id, body(row), true);
      return toTodo(row);
    });
  }

  update(id: string, patch: TodoPatch, at?: number): Todo {
    const { ctx } = this;
    return write(ctx, () => {
      const row = ctx.stmt('SELECT * FROM todos WHERE id = ? AND deleted_at IS NULL').get(id) as
        TodoRow | undefined;
      if (!row) throw new BatonError('NOT_FOUND', `no todo ${id}`);
      const now = at ?? ctx.clock.now();
      const next: TodoRow = { ...row };
      const changed: string[] = [];
      for (const [k, v] of Object.entries(patch) as [keyof TodoPatch, string | null][]) {
        if (v === undefined) continue;
        const column = COLUMN[k];
        const value =
          k === 'content' || k === 'activeForm' || k === 'blockedReason' ? clean(ctx, v) : v;
        if (next[column] === value) continue;
        (next as unknown as Record<string, unknown>)[column] = value;
        changed.push(column);
      }
      if (changed.length === 0) return toTodo(row);
      if (changed.includes('status')) {
        if (next.status === 'in_progress' && next.started_at === null) next.started_at = now;
        next.completed_at = next.status === 'completed' ? now : null;
        if (next.status !== 'blocked' && !('blockedReason' in patch)) next.blocked_reason = null;
      }
      next.updated_at = now;
      next.hlc = ctx.hlc.tick();
      next.field_hlc = stampFields(row.field_hlc, changed, next.hlc);
      ctx
        .stmt(
          `UPDATE todos SET content = @content, status = @status, active_form = @active_form,
             priority = @priority, component = @component, blocked_reason = @blocked_reason,
             external_key = @external_key, updated_at = @updated_at, started_at = @started_at,
             completed_at = @completed_at, hlc = @hlc, field_hlc = @field_hlc
           WHERE id = @id`,
        )
        .run(next);
      // A status change (the common one: a plan ticking along) leaves the indexed text as it was.
      if (body(next) !== body(row)) indexRecord(ctx, 'todo', next.id, next.project_id, body(next));
      return toTodo(next);
    });
  }

  get(projectId: string, ref: string): Todo | null {
    const id = resolveRef(this.ctx, 'todos', projectId, ref);
    if (!id) return null;
    const row = this.ctx.stmt('SELECT * FROM todos WHERE id = ?').get(id) as TodoRow | undefined;
    return row ? toTodo(row) : null;
  }

  list(filter: TodoFilter): Todo[] {
    const statuses = filter.statuses?.length ? filter.statuses : null;
    const params: unknown[] = [filter.projectId, ...(statuses ?? [])];
    const prefix = filter.externalKeyPrefix;
    if (prefix !== undefined) params.push(prefix, prefix + '\uffff');
    const suffix = filter.externalKeySuffix;
    if (suffix !== undefined) params.push(suffix, suffix);
    const sql = `SELECT * FROM todos WHERE project_id = ? AND deleted_at IS NULL
      ${statuses ? `AND status IN (${statuses.map(() => '?').join(', ')})` : ''}
      ${prefix !== undefined ? 'AND external_key >= ? AND external_key < ?' : ''}
      ${suffix !== undefined ? 'AND substr(external_key, -length(?)) = ?' : ''}
      ORDER BY number`;
    return (this.ctx.stmt(sql).all(...params) as TodoRow[]).map(toTodo);
  }

  remove(id: string): void {
    const { ctx } = this;
    write(ctx, () => {
      const info = ctx
        .stmt(
          `UPDATE todos SET deleted_at = ?, hlc = ?, content = '', active_form = NULL, blocked_reason = NULL
           WHERE id = ? AND deleted_at IS NULL`,
        )
        .run(ctx.clock.now(), ctx.hlc.tick(), id);
      if (info.changes === 0) throw new BatonError('NOT_FOUND', `no todo ${id}`);
      indexRecord(ctx, 'todo', id, null, null);
    });
  }

  restore(todo: Todo): Todo {
    const { ctx } = this;
    return write(ctx, () => {
      const existing = ctx.stmt('SELECT * FROM todos WHERE id = ?').get(todo.id) as
        TodoRow | undefined;
      // The number is the todo's name for users; keep it unless another todo has taken it since.
      const holder = ctx
        .stmt('SELECT id FROM todos WHERE project_id = ? AND number = ?')
        .get(todo.projectId, todo.number) as { id: string } | undefined;
      const number =
        holder && holder.id !== todo.id ? nextNumber(ctx, 'todos', todo.projectId) : todo.number;
      const hlc = ctx.hlc.tick();
      const row: TodoRow = {
        id: todo.id,
        project_id: todo.projectId,
        number,
        content: clean(ctx, todo.content) ?? '',
        status: todo.status,
        active_form: clean(ctx, todo.activeForm),
        priority: todo.priority,
        component: todo.component,
        blocked_reason: clean(ctx, todo.blockedReason),
        external_key: todo.externalKey,
        origin_session_id: todo.originSessionId,
        created_at: todo.createdAt,
        updated_at: ctx.clock.now(),
        started_at: todo.startedAt,
        completed_at: todo.completedAt,
        machine_id: ctx.machineId,
        hlc,
        field_hlc: '{}',
      };
      const changed = Object.values(COLUMN).filter((c) => !existing || existing[c] !== row[c]);
      row.field_hlc = stampFields(existing?.field_hlc ?? '{}', changed, hlc);
      ctx
        .stmt(
          `INSERT INTO todos (id, project_id, number, content, status, active_form, priority, component,
             blocked_reason, external_key, origin_session_id, created_at, updated_at, started_at,
             completed_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @number, @content, @status, @active_form, @priority, @component,
             @blocked_reason, @external_key, @origin_session_id, @created_at, @updated_at, @started_at,
             @completed_at, @machine_id, @hlc, @field_hlc)
           ON CONFLICT (id) DO UPDATE SET number = excluded.number, content = excluded.content,
             status = excluded.status, active_form = excluded.active_form,
             priority = excluded.priority, component = excluded.component,
             blocked_reason = excluded.blocked_reason, external_key = excluded.external_key,
             updated_at = excluded.updated_at, started_at = excluded.started_at,
             completed_at = excluded.completed_at, deleted_at = NULL, machine_id = excluded.machine_id,
             hlc = excluded.hlc, field_hlc = excluded.field_hlc`,
        )
        .run(row);
      indexRecord(ctx, 'todo', row.id, row.project_id, body(row));
      return toTodo(row);
    });
  }
}
