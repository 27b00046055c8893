// The store's side of sync (see ../sync-support.ts): local changes out, merged states and other
// machines' events in, conflicts and positions kept. Merging is not done here but in src/sync.
import { BatonError } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import { ftsBody, ftsFiles } from '../fts-text.js';
import type {
  CheckpointEntry,
  EventEntry,
  NewSyncConflict,
  RecordState,
  SyncConflict,
  SyncEntry,
  SyncKind,
  SyncSupport,
  SyncTombstone,
} from '../sync-support.js';
import { packText, unpackText } from '../text-codec.js';
import { parseJson, write } from './context.js';
import type { SqliteContext } from './context.js';
import { EventsIndex } from './events-index.js';
import { KIND_SPECS, specOf } from './sync-kinds.js';
import {
  findRow,
  placeholderSession,
  rowState,
  syncId,
  writeState,
} from './sqlite-sync-records.js';
import { applyCheckpoints, ownCheckpoints } from './sqlite-sync-checkpoints.js';
import { applyTombstones } from './sync-forget.js';
import { hasTombstones, isTombstoned, ownTombstones } from './sync-tombstones.js';

const EVENT_COLUMNS = 'id, session_id, ts, kind, role, tool, text, data, source, ref, hlc';
/** Where the machine id starts in an HLC stamp (9 base36 ms, '-', 4 base36 counter, '-'). */
const MACHINE_AT = 16;

interface EventRow {
  seq: number;
  id: string;
  session_id: string;
  ts: number;
  kind: string;
  role: string | null;
  tool: string | null;
  /** Plain or packed (../text-codec.ts). */
  text: string | Buffer | null;
  data: string | Buffer | null;
  source: string;
  ref: string | null;
  hlc: string;
}

interface ConflictRow {
  id: string;
  kind: SyncKind;
  record_id: string;
  field: string;
  mine: string | null;
  mine_hlc: string;
  theirs: string | null;
  theirs_hlc: string;
  detected_at: number;
  resolved_at: number | null;
  resolution: string | null;
}

export class SqliteSync implements SyncSupport {
  private index: EventsIndex | undefined;

  constructor(private readonly ctx: SqliteContext) {}

  changedRecords(afterHlc: string, limit: number): SyncEntry[] {
    const out: SyncEntry[] = [];
    for (const spec of KIND_SPECS) {
      const rows = this.ctx
        .stmt(`SELECT * FROM ${spec.table} WHERE hlc > ? ORDER BY hlc LIMIT ?`)
        .all(afterHlc, limit) as (Record<string, unknown> & { id: string; hlc: string })[];
      for (const row of rows) {
        const id = syncId(this.ctx, spec, row);
        out.push({ kind: spec.kind, id, state: rowState(this.ctx, spec, id, row) });
      }
    }
    // Oldest first across kinds, so a cursor at the last one pushed never skips a record.
    return out.sort((a, b) => (a.state.hlc < b.state.hlc ? -1 : 1)).slice(0, limit);
  }

  ownEvents(afterSeq: number, limit: number): { seq: number; event: EventEntry }[] {
    const rows = this.ctx
      .stmt(
        `SELECT seq, ${EVENT_COLUMNS} FROM events WHERE seq > ? AND substr(hlc, ${MACHINE_AT}) = ?
         ORDER BY seq LIMIT ?`,
      )
      .all(afterSeq, this.ctx.machineId, limit) as EventRow[];
    return rows.map((r) => ({
      seq: r.seq,
      event: {
        id: r.id,
        hlc: r.hlc,
        body: {
          session_id: r.session_id,
          ts: r.ts,
          kind: r.kind,
          role: r.role,
          tool: r.tool,
          text: unpackText(r.text),
          data: parseJson<JsonValue>(unpackText(r.data), null),
          source: r.source,
          ref: r.ref,
        },
      },
    }));
  }

  countOwnEvents(afterSeq: number): number {
    const row = this.ctx
      .stmt('SELECT count(*) AS n FROM events WHERE seq > ? AND substr(hlc, 16) = ?')
      .get(afterSeq, this.ctx.machineId) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  states(keys: readonly { kind: SyncKind; id: string }[]): Map<string, RecordState> {
    const out = new Map<string, RecordState>();
    for (const k of keys) {
      const spec = specOf(k.kind);
      const row = findRow(this.ctx, spec, k.id);
      if (row) out.set(`${k.kind}:${k.id}`, rowState(this.ctx, spec, k.id, row));
    }
    return out;
  }

  applyRecords(entries: readonly SyncEntry[]): void {
    write(this.ctx, () => {
      // Projects first: other records name them.
      const order = (k: SyncKind) => (k === 'project' ? 0 : k === 'session' ? 1 : 2);
      for (const e of [...entries].sort((a, b) => order(a.kind) - order(b.kind))) {
        // A session forgotten anywhere stays forgotten, whoever edits it later.
        if (e.kind === 'session' && isTombstoned(this.ctx, 'session', e.id)) continue;
        writeState(this.ctx, specOf(e.kind), e.id, e.state);
        this.ctx.hlc.observe(e.state.hlc);
      }
    });
  }

  applyEvents(events: readonly EventEntry[]): { inserted: number; skipped: number } {
    const { ctx } = this;
    return write(ctx, () => {
      this.index ??= new EventsIndex(ctx);
      const facts = this.index.sessionCache();
      const insert = ctx.stmt(
        `INSERT OR IGNORE INTO events (${EVENT_COLUMNS})
         VALUES (@id, @session_id, @ts, @kind, @role, @tool, @text, @data, @source, @ref, @hlc)`,
      );
      const touch = ctx.stmt(
        `UPDATE sessions SET event_count = event_count + ?,
           last_activity_at = max(last_activity_at, ?) WHERE id = ?`,
      );
      const known = ctx.stmt('SELECT 1 FROM sessions WHERE id = ?');
      const seen = new Set<string>();
      // Each session's count and latest time, written once per batch.
      const touched = new Map<string, { n: number; ts: number }>();
      let inserted = 0;
      let newest = '';
      // Most stores never forgot anything: then no event needs looking up.
      const checkGone = hasTombstones(ctx);
      for (const e of events) {
        const b = e.body as JsonObject & { session_id: string; ts: number; kind: string };
        const gone =
          checkGone &&
          (isTombstoned(ctx, 'event', e.id) || isTombstoned(ctx, 'session', b.session_id));
        if (gone) continue;
        // A session's record may come after its events (its newest version is pushed later).
        if (!seen.has(b.session_id)) {
          if (!known.get(b.session_id)) placeholderSession(ctx, b.session_id, b.ts);
          seen.add(b.session_id);
        }
        const data = b.data === null || b.data === undefined ? null : JSON.stringify(b.data);
        const info = insert.run({
          ...b,
          ...(typeof b.text === 'string' && { text: packText(b.text) }),
          data: packText(data),
          id: e.id,
          hlc: e.hlc,
        });
        if (info.changes === 0) continue;
        inserted += 1;
        const text = typeof b.text === 'string' ? b.text : '';
        this.index.add(
          Number(info.lastInsertRowid),
          {
            kind: b.kind,
            sessionId: b.session_id,
            tool: typeof b.tool === 'string' ? b.tool : null,
            ftsBody: text ? ftsBody(text) : '',
            ftsFiles: b.data ? ftsFiles(b.data) : '',
          },
          facts(b.session_id),
        );
        const t = touched.get(b.session_id);
        if (t) {
          t.n += 1;
          t.ts = Math.max(t.ts, b.ts);
        } else touched.set(b.session_id, { n: 1, ts: b.ts });
        if (e.hlc > newest) newest = e.hlc;
      }
      for (const [id, t] of touched) touch.run(t.n, t.ts, id);
      if (newest) ctx.hlc.observe(newest);
      return { inserted, skipped: events.length - inserted };
    });
  }

  writeField(kind: SyncKind, id: string, field: string, value: JsonValue): void {
    const spec = specOf(kind);
    if (!spec.stamped.includes(field)) {
      throw new BatonError('INVALID_INPUT', `${kind} has no field ${field} that sync merges`);
    }
    write(this.ctx, () => {
      const row = findRow(this.ctx, spec, id);
      if (!row) throw new BatonError('NOT_FOUND', `no ${kind} ${id} in this store`);
      const state = rowState(this.ctx, spec, id, row);
      const hlc = this.ctx.hlc.tick();
      state.fields[field] = value;
      state.stamps[field] = hlc;
      state.vv[this.ctx.machineId] = hlc;
      state.hlc = hlc;
      writeState(this.ctx, spec, id, state);
    });
  }

  addConflicts(conflicts: readonly NewSyncConflict[]): void {
    const stmt = this.ctx.stmt(
      `INSERT OR IGNORE INTO sync_conflicts (id, kind, record_id, field, mine, mine_hlc, theirs,
         theirs_hlc, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    write(this.ctx, () => {
      for (const c of conflicts) {
        stmt.run(
          this.ctx.ids(),
          c.kind,
          c.recordId,
          c.field,
          JSON.stringify(c.mine),
          c.mineHlc,
          JSON.stringify(c.theirs),
          c.theirsHlc,
          this.ctx.clock.now(),
        );
      }
    });
  }

  conflicts(filter: { open?: boolean; recordId?: string } = {}): SyncConflict[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.open) where.push('resolved_at IS NULL');
    if (filter.recordId !== undefined) {
      where.push('record_id = ?');
      params.push(filter.recordId);
    }
    const sql = `SELECT * FROM sync_conflicts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY detected_at, id`;
    return (this.ctx.db.prepare(sql).all(...params) as ConflictRow[]).map((r) => ({
      id: r.id,
      kind: r.kind,
      recordId: r.record_id,
      field: r.field,
      mine: parseJson<JsonValue>(r.mine, null),
      mineHlc: r.mine_hlc,
      theirs: parseJson<JsonValue>(r.theirs, null),
      theirsHlc: r.theirs_hlc,
      detectedAt: r.detected_at,
      resolvedAt: r.resolved_at,
      resolution: r.resolution,
    }));
  }

  settleConflict(id: string, resolution: string): void {
    this.ctx
      .stmt('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?')
      .run(this.ctx.clock.now(), resolution, id);
  }

  ownTombstones(afterSeq: number, limit: number): { seq: number; tombstone: SyncTombstone }[] {
    return ownTombstones(this.ctx, afterSeq, limit);
  }

  applyTombstones(tombstones: readonly SyncTombstone[]): { removed: number } {
    return applyTombstones(this.ctx, tombstones);
  }

  ownCheckpoints(afterHlc: string, limit: number): CheckpointEntry[] {
    return ownCheckpoints(this.ctx, afterHlc, limit);
  }

  applyCheckpoints(checkpoints: readonly CheckpointEntry[]): { written: number } {
    return applyCheckpoints(this.ctx, checkpoints);
  }

  position(target: string, direction: string): string | null {
    const r = this.ctx
      .stmt('SELECT position FROM sync_state WHERE target = ? AND direction = ?')
      .get(target, direction) as { position: string } | undefined;
    return r?.position ?? null;
  }

  setPosition(target: string, direction: string, position: string): void {
    this.ctx
      .stmt(
        `INSERT INTO sync_state (target, direction, position, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (target, direction) DO UPDATE SET position = excluded.position,
           updated_at = excluded.updated_at`,
      )
      .run(target, direction, position, this.ctx.clock.now());
  }
}
