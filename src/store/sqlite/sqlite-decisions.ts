import { BatonError } from '../../core/index.js';
import type { Decision, DecisionStatus } from '../../core/index.js';
import type { DecisionInput, DecisionPatch, Decisions } from '../store.js';
import {
  clean,
  indexRecord,
  nextNumber,
  parseJson,
  resolveRef,
  stampFields,
  write,
} from './context.js';
import type { SqliteContext } from './context.js';

interface DecisionRow {
  id: string;
  project_id: string;
  number: number;
  decision: string;
  reasoning: string | null;
  outcome: string | null;
  status: DecisionStatus;
  files: string;
  session_id: string | null;
  created_at: number;
  updated_at: number;
  machine_id: string;
  hlc: string;
  field_hlc: string;
}

const toDecision = (r: DecisionRow): Decision => ({
  id: r.id,
  projectId: r.project_id,
  number: r.number,
  decision: r.decision,
  reasoning: r.reasoning,
  outcome: r.outcome,
  status: r.status,
  files: parseJson<string[]>(r.files, []),
  sessionId: r.session_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

const body = (r: Pick<DecisionRow, 'decision' | 'reasoning' | 'outcome' | 'files'>) =>
  [r.decision, r.reasoning, r.outcome, parseJson<string[]>(r.files, []).join(' ')]
    .filter(Boolean)
    .join('\n');

export class SqliteDecisions implements Decisions {
  constructor(private readonly ctx: SqliteContext) {}

  add(input: DecisionInput): Decision {
    const { ctx } = this;
    return write(ctx, () => {
      const now = ctx.clock.now();
      const hlc = ctx.hlc.tick();
      const row: DecisionRow = {
        id: ctx.ids(),
        project_id: input.projectId,
        number: nextNumber(ctx, 'decisions', input.projectId),
        decision: clean(ctx, input.decision) ?? '',
        reasoning: clean(ctx, input.reasoning),
        outcome: clean(ctx, input.outcome),
        status: input.status ?? 'active',
        files: JSON.stringify(input.files ?? []),
        session_id: input.sessionId ?? null,
        created_at: now,
        updated_at: now,
        machine_id: ctx.machineId,
        hlc,
        field_hlc: stampFields('{}', ['decision', 'reasoning', 'outcome', 'status', 'files'], hlc),
      };
      ctx
        .stmt(
          `INSERT INTO decisions (id, project_id, number, decision, reasoning, outcome, status, files,
             session_id, created_at, updated_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @number, @decision, @reasoning, @outcome, @status, @files,
             @session_id, @created_at, @updated_at, @machine_id, @hlc, @field_hlc)`,
        )
        .run(row);
      indexRecord(ctx, 'decision', row.id, row.project_id, body(row), true);
      return toDecision(row);
    });
  }

  update(id: string, patch: DecisionPatch): Decision {
    const { ctx } = this;
    return write(ctx, () => {
      const row = ctx
        .stmt('SELECT * FROM decisions WHERE id = ? AND deleted_at IS NULL')
        .get(id) as DecisionRow | undefined;
      if (!row) throw new BatonError('NOT_FOUND', `no decision ${id}`);
      const next: DecisionRow = { ...row };
      const changed: string[] = [];
      const assign = (column: keyof DecisionRow, value: unknown) => {
        if (next[column] === value) return;
        (next as unknown as Record<string, unknown>)[column] = value;
        changed.push(column);
      };
      if (patch.decision !== undefined) assign('decision', clean(ctx, patch.decision));
      if (patch.reasoning !== undefined) assign('reasoning', clean(ctx, patch.reasoning));
      if (patch.outcome !== undefined) assign('outcome', clean(ctx, patch.outcome));
      if (patch.status !== undefined) assign('status', patch.status);
      if (patch.files !== undefined) assign('files', JSON.stringify(patch.files));
      if (changed.length === 0) return toDecision(row);
      next.updated_at = ctx.clock.now();
      next.hlc = ctx.hlc.tick();
      next.field_hlc = stampFields(row.field_hlc, changed, next.hlc);
      ctx
        .stmt(
          `UPDATE decisions SET decision = @decision, reasoning = @reasoning, outcome = @outcome,
             status = @status, files = @files, updated_at = @updated_at, hlc = @hlc,
             field_hlc = @field_hlc WHERE id = @id`,
        )
        .run(next);
      indexRecord(ctx, 'decision', next.id, next.project_id, body(next));
      return toDecision(next);
    });
  }

  get(projectId: string, ref: string): Decision | null {
    const id = resolveRef(this.ctx, 'decisions', projectId, ref);
    if (!id) return null;
    const row = this.ctx.stmt('SELECT * FROM decisions WHERE id = ?').get(id) as
      DecisionRow | undefined;
    return row ? toDecision(row) : null;
  }

  list(filter: { projectId: string; statuses?: DecisionStatus[] }): Decision[] {
    const statuses = filter.statuses?.length ? filter.statuses : null;
    const sql = `SELECT * FROM decisions WHERE project_id = ? AND deleted_at IS NULL
      ${statuses ? `AND status IN (${statuses.map(() => '?').join(', ')})` : ''}
      ORDER BY number`;
    return (this.ctx.stmt(sql).all(filter.projectId, ...(statuses ?? [])) as DecisionRow[]).map(
      toDecision,
    );
  }

  remove(id: string): void {
    const { ctx } = this;
    write(ctx, () => {
      const info = ctx
        .stmt(
          `UPDATE decisions SET deleted_at = ?, hlc = ?, decision = '', reasoning = NULL, outcome = NULL
           WHERE id = ? AND deleted_at IS NULL`,
        )
        .run(ctx.clock.now(), ctx.hlc.tick(), id);
      if (info.changes === 0) throw new BatonError('NOT_FOUND', `no decision ${id}`);
      indexRecord(ctx, 'decision', id, null, null);
    });
  }

  restore(d: Decision): Decision {
    const { ctx } = this;
    return write(ctx, () => {
      const existing = ctx.stmt('SELECT * FROM decisions WHERE id = ?').get(d.id) as
        DecisionRow | undefined;
      const holder = ctx
        .stmt('SELECT id FROM decisions WHERE project_id = ? AND number = ?')
        .get(d.projectId, d.number) as { id: string } | undefined;
      const hlc = ctx.hlc.tick();
      const row: DecisionRow = {
        id: d.id,
        project_id: d.projectId,
        number: holder && holder.id !== d.id ? nextNumber(ctx, 'decisions', d.projectId) : d.number,
        decision: clean(ctx, d.decision) ?? '',
        reasoning: clean(ctx, d.reasoning),
        outcome: clean(ctx, d.outcome),
        status: d.status,
        files: JSON.stringify(d.files),
        session_id: d.sessionId,
        created_at: d.createdAt,
        updated_at: ctx.clock.now(),
        machine_id: ctx.machineId,
        hlc,
        field_hlc: '{}',
      };
      const fields = ['decision', 'reasoning', 'outcome', 'status', 'files'] as const;
      const changed = fields.filter((f) => !existing || existing[f] !== row[f]);
      row.field_hlc = stampFields(existing?.field_hlc ?? '{}', [...changed], hlc);
      ctx
        .stmt(
          `INSERT INTO decisions (id, project_id, number, decision, reasoning, outcome, status, files,
             session_id, created_at, updated_at, machine_id, hlc, field_hlc)
           VALUES (@id, @project_id, @number, @decision, @reasoning, @outcome, @status, @files,
             @session_id, @created_at, @updated_at, @machine_id, @hlc, @field_hlc)
           ON CONFLICT (id) DO UPDATE SET number = excluded.number, decision = excluded.decision,
             reasoning = excluded.reasoning, outcome = excluded.outcome, status = excluded.status,
             files = excluded.files, updated_at = excluded.updated_at, deleted_at = NULL,
             machine_id = excluded.machine_id, hlc = excluded.hlc, field_hlc = excluded.field_hlc`,
        )
        .run(row);
      indexRecord(ctx, 'decision', row.id, row.project_id, body(row));
      return toDecision(row);
    });
  }
}
