// Checkpoints travel whole: a checkpoint is written once and only rewritten by `baton forget`
// (its text cut out, with a new stamp), so the newer stamp wins. Its handle and its position in
// the journal are this machine's own, so they are made here: the handle from the session's, the
// position from the session's events up to the checkpoint's time.
import { formatCheckpointHandle } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { CheckpointEntry } from '../sync-support.js';
import { parseJson, write } from './context.js';
import type { SqliteContext } from './context.js';
import { compressSnapshot, decompressSnapshot } from './sqlite-checkpoints.js';
import { placeholderSession } from './sqlite-sync-records.js';
import { isTombstoned } from './sync-tombstones.js';

/** Where the machine id starts in an HLC stamp (see sqlite-sync.ts). */
const MACHINE_AT = 16;

interface Row {
  id: string;
  session_id: string;
  project_key: string | null;
  label: string | null;
  trigger: string;
  git_head: string | null;
  git_branch: string | null;
  git_dirty: string;
  snapshot: Buffer;
  created_at: number;
  machine_id: string;
  hlc: string;
}

export function ownCheckpoints(
  ctx: SqliteContext,
  afterHlc: string,
  limit: number,
): CheckpointEntry[] {
  const rows = ctx
    .stmt(
      `SELECT c.*, p.key AS project_key FROM checkpoints c LEFT JOIN projects p ON p.id = c.project_id
       WHERE c.hlc > ? AND substr(c.hlc, ${MACHINE_AT}) = ? ORDER BY c.hlc LIMIT ?`,
    )
    .all(afterHlc, ctx.machineId, limit) as Row[];
  return rows.map((r) => ({
    id: r.id,
    hlc: r.hlc,
    body: {
      session_id: r.session_id,
      project: r.project_key,
      label: r.label,
      trigger: r.trigger,
      git_head: r.git_head,
      git_branch: r.git_branch,
      git_dirty: parseJson(r.git_dirty, []),
      snapshot: decompressSnapshot(r.snapshot),
      created_at: r.created_at,
      machine_id: r.machine_id,
    },
  }));
}

interface Body extends JsonObject {
  session_id: string;
  project: string | null;
  label: string | null;
  trigger: string;
  git_head: string | null;
  git_branch: string | null;
  snapshot: string;
  created_at: number;
  machine_id: string;
}

export function applyCheckpoints(
  ctx: SqliteContext,
  entries: readonly CheckpointEntry[],
): { written: number } {
  return write(ctx, () => {
    let written = 0;
    for (const e of entries) {
      const b = e.body as Body;
      if (isTombstoned(ctx, 'checkpoint', e.id) || isTombstoned(ctx, 'session', b.session_id)) {
        continue;
      }
      const held = ctx.stmt('SELECT hlc FROM checkpoints WHERE id = ?').get(e.id) as
        { hlc: string } | undefined;
      if (held && held.hlc >= e.hlc) continue;
      writeCheckpoint(ctx, e, b, held !== undefined);
      ctx.hlc.observe(e.hlc);
      written += 1;
    }
    return { written };
  });
}

function writeCheckpoint(ctx: SqliteContext, e: CheckpointEntry, b: Body, exists: boolean): void {
  const snapshot = compressSnapshot(b.snapshot);
  const values = {
    id: e.id,
    label: b.label,
    git_head: b.git_head,
    git_branch: b.git_branch,
    git_dirty: JSON.stringify(b.git_dirty ?? []),
    snapshot,
    size: snapshot.length,
    hlc: e.hlc,
  };
  if (exists) {
    ctx
      .stmt(
        `UPDATE checkpoints SET label = @label, git_head = @git_head, git_branch = @git_branch,
           git_dirty = @git_dirty, snapshot = @snapshot, size = @size, hlc = @hlc WHERE id = @id`,
      )
      .run(values);
    return;
  }
  if (!ctx.stmt('SELECT 1 FROM sessions WHERE id = ?').get(b.session_id)) {
    placeholderSession(ctx, b.session_id, b.created_at);
  }
  const project = ctx.stmt('SELECT id FROM projects WHERE key = ?').get(b.project) as
    { id: string } | undefined;
  const seq = ctx
    .stmt('SELECT coalesce(max(seq), 0) AS n FROM events WHERE session_id = ? AND ts <= ?')
    .get(b.session_id, b.created_at) as { n: number };
  ctx
    .stmt(
      `INSERT INTO checkpoints (id, handle, session_id, project_id, label, trigger, journal_seq,
         git_head, git_branch, git_dirty, snapshot, size, created_at, machine_id, hlc)
       VALUES (@id, @handle, @session_id, @project_id, @label, @trigger, @journal_seq, @git_head,
         @git_branch, @git_dirty, @snapshot, @size, @created_at, @machine_id, @hlc)`,
    )
    .run({
      ...values,
      handle: freeHandle(ctx, b.session_id, b.created_at),
      session_id: b.session_id,
      project_id: project?.id ?? null,
      trigger: b.trigger,
      journal_seq: seq.n,
      created_at: b.created_at,
      machine_id: b.machine_id,
    });
}

function freeHandle(ctx: SqliteContext, sessionId: string, createdAt: number): string {
  const { handle } = ctx.stmt('SELECT handle FROM sessions WHERE id = ?').get(sessionId) as {
    handle: string;
  };
  const base = formatCheckpointHandle(handle, createdAt);
  let out = base;
  for (let i = 2; ctx.stmt('SELECT 1 FROM checkpoints WHERE handle = ?').get(out); i++) {
    out = `${base}-${i}`;
  }
  return out;
}
