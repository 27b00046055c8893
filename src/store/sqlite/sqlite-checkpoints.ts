import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { BatonError, formatCheckpointHandle } from '../../core/index.js';
import type { Checkpoint } from '../../core/index.js';
import type { CheckpointInput, Checkpoints } from '../store.js';
import { clean, parseJson, write } from './context.js';
import type { SqliteContext } from './context.js';

interface CheckpointRow {
  id: string;
  handle: string;
  session_id: string;
  project_id: string | null;
  label: string | null;
  trigger: string;
  journal_seq: number;
  git_head: string | null;
  git_branch: string | null;
  git_dirty: string;
  size: number;
  created_at: number;
  machine_id: string;
  hlc: string;
}

const COLUMNS =
  'id, handle, session_id, project_id, label, trigger, journal_seq, git_head, git_branch, git_dirty, size, created_at, machine_id, hlc';

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  handle: r.handle,
  sessionId: r.session_id,
  projectId: r.project_id,
  label: r.label,
  trigger: r.trigger,
  journalSeq: r.journal_seq,
  gitHead: r.git_head,
  gitBranch: r.git_branch,
  gitDirty: parseJson<string[]>(r.git_dirty, []),
  size: r.size,
  createdAt: r.created_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

/** Snapshots are redacted text, brotli-compressed (quality 5: most of the gain, little CPU). */
export function compressSnapshot(text: string): Buffer {
  return brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
}

export function decompressSnapshot(bytes: Buffer): string {
  return brotliDecompressSync(bytes).toString('utf8');
}

export class SqliteCheckpoints implements Checkpoints {
  constructor(private readonly ctx: SqliteContext) {}

  insert(input: CheckpointInput): Checkpoint {
    const { ctx } = this;
    return write(ctx, () => {
      const session = ctx.db
        .prepare('SELECT handle FROM sessions WHERE id = ?')
        .get(input.sessionId) as { handle: string } | undefined;
      if (!session) throw new BatonError('NOT_FOUND', `no session ${input.sessionId}`);
      const createdAt = input.createdAt ?? ctx.clock.now();
      const snapshot = compressSnapshot(ctx.redactor.text(input.snapshot));
      // Two checkpoints of one session in the same second get a suffix rather than a clash.
      const base = formatCheckpointHandle(session.handle, createdAt);
      let handle = base;
      for (
        let i = 2;
        ctx.db.prepare('SELECT 1 FROM checkpoints WHERE handle = ?').get(handle);
        i++
      ) {
        handle = `${base}-${i}`;
      }
      const row: CheckpointRow & { snapshot: Buffer } = {
        id: input.id ?? ctx.ids(),
        handle,
        session_id: input.sessionId,
        project_id: input.projectId,
        label: clean(ctx, input.label),
        trigger: input.trigger,
        journal_seq: input.journalSeq,
        git_head: input.gitHead ?? null,
        git_branch: input.gitBranch ?? null,
        git_dirty: JSON.stringify(input.gitDirty ?? []),
        snapshot,
        size: snapshot.length,
        created_at: createdAt,
        machine_id: ctx.machineId,
        hlc: ctx.hlc.tick(),
      };
      ctx.db
        .prepare(
          `INSERT INTO checkpoints (${COLUMNS}, snapshot) VALUES (@id, @handle, @session_id,
             @project_id, @label, @trigger, @journal_seq, @git_head, @git_branch, @git_dirty, @size,
             @created_at, @machine_id, @hlc, @snapshot)`,
        )
        .run(row);
      const { snapshot: _bytes, ...meta } = row;
      return toCheckpoint(meta);
    });
  }

  list(filter: { sessionId?: string; projectId?: string; limit?: number }): Checkpoint[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sessionId !== undefined) {
      where.push('session_id = ?');
      params.push(filter.sessionId);
    }
    if (filter.projectId !== undefined) {
      where.push('project_id = ?');
      params.push(filter.projectId);
    }
    params.push(filter.limit ?? -1);
    return (
      this.ctx.db
        .prepare(
          `SELECT ${COLUMNS} FROM checkpoints ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(...params) as CheckpointRow[]
    ).map(toCheckpoint);
  }

  get(ref: string): Checkpoint | null {
    const row = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE id = @ref OR handle = upper(@ref)`)
      .get({ ref }) as CheckpointRow | undefined;
    return row ? toCheckpoint(row) : null;
  }

  snapshot(id: string): string {
    const row = this.ctx.db.prepare('SELECT snapshot FROM checkpoints WHERE id = ?').get(id) as
      { snapshot: Buffer } | undefined;
    if (!row) throw new BatonError('NOT_FOUND', `no checkpoint ${id}`);
    return decompressSnapshot(row.snapshot);
  }

  idsCreatedBetween(from: number, before: number): string[] {
    const rows = this.ctx
      .stmt('SELECT id FROM checkpoints WHERE created_at >= ? AND created_at < ?')
      .all(from, before) as { id: string }[];
    return rows.map((r) => r.id);
  }

  remove(ids: string[]): number {
    const { ctx } = this;
    return write(ctx, () => {
      const del = ctx.db.prepare('DELETE FROM checkpoints WHERE id = ?');
      return ids.reduce((n, id) => n + del.run(id).changes, 0);
    });
  }
}
