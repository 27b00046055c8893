import type { ComponentState, JsonObject } from '../../core/index.js';
import type { ComponentInput, Components } from '../store.js';
import { clean, parseJson, stampFields, write } from './context.js';
import type { SqliteContext } from './context.js';

interface ComponentRow {
  id: string;
  project_id: string;
  name: string;
  status: string;
  health: number | null;
  last_checked: number;
  metadata: string;
  updated_at: number;
  machine_id: string;
  hlc: string;
  field_hlc: string;
}

const toComponent = (r: ComponentRow): ComponentState => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  status: r.status,
  health: r.health,
  lastChecked: r.last_checked,
  metadata: parseJson<JsonObject>(r.metadata, {}),
  updatedAt: r.updated_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

export class SqliteComponents implements Components {
  constructor(private readonly ctx: SqliteContext) {}

  set(input: ComponentInput): ComponentState {
    const { ctx } = this;
    return write(ctx, () => {
      const now = ctx.clock.now();
      const hlc = ctx.hlc.tick();
      // A name is redacted like any text; the mark is keyed, so the same name finds its row again.
      const name = ctx.redactor.text(input.name);
      const existing = ctx
        .stmt('SELECT * FROM components WHERE project_id = ? AND name = ?')
        .get(input.projectId, name) as ComponentRow | undefined;
      const changed = (['status', 'health', 'metadata'] as const).filter(
        (k) => input[k] !== undefined,
      );
      const metadata = {
        ...parseJson<JsonObject>(existing?.metadata ?? null, {}),
        ...ctx.redactor.json(input.metadata ?? {}),
      };
      const row: ComponentRow = {
        id: existing?.id ?? ctx.ids(),
        project_id: input.projectId,
        name,
        status: clean(ctx, input.status) ?? existing?.status ?? 'unknown',
        health: input.health === undefined ? (existing?.health ?? null) : input.health,
        last_checked: now,
        metadata: JSON.stringify(metadata),
        updated_at: now,
        machine_id: ctx.machineId,
        hlc,
        field_hlc: stampFields(
          existing?.field_hlc ?? '{}',
          existing ? changed : ['status', 'health', 'metadata'],
          hlc,
        ),
      };
      ctx
        .stmt(
          `INSERT INTO components (id, project_id, name, status, health, last_checked, metadata,
             updated_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @name, @status, @health, @last_checked, @metadata, @updated_at,
             @machine_id, @hlc, @field_hlc)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, health = excluded.health,
             last_checked = excluded.last_checked, metadata = excluded.metadata,
             updated_at = excluded.updated_at, hlc = excluded.hlc, field_hlc = excluded.field_hlc,
             deleted_at = NULL`,
        )
        .run(row);
      return toComponent(row);
    });
  }

  list(projectId: string): ComponentState[] {
    return (
      this.ctx
        .stmt('SELECT * FROM components WHERE project_id = ? AND deleted_at IS NULL ORDER BY name')
        .all(projectId) as ComponentRow[]
    ).map(toComponent);
  }
}
