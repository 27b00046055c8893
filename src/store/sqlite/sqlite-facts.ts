import type { ContextFact, FactPriority, JsonValue } from '../../core/index.js';
import type { ContextFacts, FactInput } from '../store.js';
import { clean, indexRecord, parseJson, stampFields, write } from './context.js';
import type { SqliteContext } from './context.js';

interface FactRow {
  id: string;
  project_id: string | null;
  key: string;
  value: string;
  category: string | null;
  priority: FactPriority;
  expires_at: number | null;
  session_id: string | null;
  created_at: number;
  updated_at: number;
  machine_id: string;
  hlc: string;
  field_hlc: string;
}

const toFact = (r: FactRow): ContextFact => ({
  id: r.id,
  projectId: r.project_id,
  key: r.key,
  value: parseJson<JsonValue>(r.value, null),
  category: r.category,
  priority: r.priority,
  expiresAt: r.expires_at,
  sessionId: r.session_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

const PRIORITY_ORDER = `CASE priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

export class SqliteFacts implements ContextFacts {
  constructor(private readonly ctx: SqliteContext) {}

  set(input: FactInput): ContextFact {
    const { ctx } = this;
    return write(ctx, () => {
      const now = ctx.clock.now();
      const hlc = ctx.hlc.tick();
      const existing = this.row(input.projectId, input.key, true);
      const value = JSON.stringify(ctx.redactor.json(input.value));
      const row: FactRow = {
        id: existing?.id ?? ctx.ids(),
        project_id: input.projectId,
        key: input.key,
        value,
        category: input.category === undefined ? (existing?.category ?? null) : input.category,
        priority: input.priority ?? existing?.priority ?? 'normal',
        expires_at:
          input.expiresAt === undefined ? (existing?.expires_at ?? null) : input.expiresAt,
        session_id: input.sessionId ?? existing?.session_id ?? null,
        created_at: existing?.created_at ?? input.createdAt ?? now,
        updated_at: now,
        machine_id: ctx.machineId,
        hlc,
        field_hlc: stampFields(
          existing?.field_hlc ?? '{}',
          ['value', 'category', 'priority', 'expires_at'],
          hlc,
        ),
      };
      ctx
        .stmt(
          `INSERT INTO facts (id, project_id, key, value, category, priority, expires_at, session_id,
             created_at, updated_at, deleted_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @key, @value, @category, @priority, @expires_at, @session_id,
             @created_at, @updated_at, NULL, @machine_id, @hlc, @field_hlc)
           ON CONFLICT (id) DO UPDATE SET value = excluded.value, category = excluded.category,
             priority = excluded.priority, expires_at = excluded.expires_at,
             session_id = excluded.session_id, updated_at = excluded.updated_at, deleted_at = NULL,
             hlc = excluded.hlc, field_hlc = excluded.field_hlc`,
        )
        .run(row);
      indexRecord(
        ctx,
        'fact',
        row.id,
        row.project_id,
        `${row.key}\n${clean(ctx, value)}\n${row.category ?? ''}`,
      );
      return toFact(row);
    });
  }

  private row(projectId: string | null, key: string, includeDeleted = false): FactRow | undefined {
    return this.ctx
      .stmt(
        `SELECT * FROM facts WHERE coalesce(project_id, '') = ? AND key = ?
         ${includeDeleted ? '' : 'AND deleted_at IS NULL'}`,
      )
      .get(projectId ?? '', key) as FactRow | undefined;
  }

  get(projectId: string | null, key: string, fallbackToGlobal = false): ContextFact | null {
    const row =
      this.row(projectId, key) ?? (fallbackToGlobal && projectId ? this.row(null, key) : undefined);
    return row ? toFact(row) : null;
  }

  list(filter: {
    projectId: string | null;
    includeGlobal?: boolean;
    includeExpired?: boolean;
    now: number;
  }) {
    const scope =
      filter.projectId === null
        ? 'project_id IS NULL'
        : filter.includeGlobal === false
          ? 'project_id = @project'
          : '(project_id = @project OR project_id IS NULL)';
    const expiry = filter.includeExpired ? '' : 'AND (expires_at IS NULL OR expires_at > @now)';
    return (
      this.ctx
        .stmt(
          `SELECT * FROM facts WHERE deleted_at IS NULL AND ${scope} ${expiry}
           ORDER BY ${PRIORITY_ORDER}, key`,
        )
        .all({ project: filter.projectId, now: filter.now }) as FactRow[]
    ).map(toFact);
  }

  unset(projectId: string | null, key: string): boolean {
    const { ctx } = this;
    return write(ctx, () => {
      const row = this.row(projectId, key);
      if (!row) return false;
      ctx
        .stmt(`UPDATE facts SET deleted_at = ?, hlc = ?, value = 'null' WHERE id = ?`)
        .run(ctx.clock.now(), ctx.hlc.tick(), row.id);
      indexRecord(ctx, 'fact', row.id, null, null);
      return true;
    });
  }
}
