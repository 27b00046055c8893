// Mutable records to and from sync states (see sync-kinds.ts for what each kind carries).
import { parseHlc, formatSessionHandle, dayKey } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { RecordState, SyncKind } from '../sync-support.js';
import { indexRecord, nextNumber, parseJson } from './context.js';
import type { SqliteContext } from './context.js';
import { EventsIndex } from './events-index.js';
import { numbered, specOf } from './sync-kinds.js';
import type { KindSpec } from './sync-kinds.js';

type Row = Record<string, unknown> & { id: string; hlc: string };

function projectKey(ctx: SqliteContext, projectId: unknown): string | null {
  if (typeof projectId !== 'string') return null;
  const r = ctx.stmt('SELECT key FROM projects WHERE id = ?').get(projectId) as
    { key: string } | undefined;
  return r?.key ?? null;
}

function projectIdOf(ctx: SqliteContext, key: unknown, create: boolean): string | null {
  if (typeof key !== 'string') return null;
  const r = ctx.stmt('SELECT id FROM projects WHERE key = ?').get(key) as
    { id: string } | undefined;
  if (r || !create) return r?.id ?? null;
  // Its own record may arrive in a later batch; until then the project is known by key alone.
  const id = ctx.ids();
  ctx
    .stmt(
      `INSERT INTO projects (id, key, root, remote_url, name, created_at, machine_id, hlc)
       VALUES (?, ?, '', NULL, ?, ?, ?, '')`,
    )
    .run(id, key, key, ctx.clock.now(), ctx.machineId);
  return id;
}

/** The id every machine knows a record by. */
export function syncId(ctx: SqliteContext, spec: KindSpec, row: Row): string {
  if (spec.kind === 'project') return String(row.key);
  if (spec.kind === 'fact') return JSON.stringify([projectKey(ctx, row.project_id), row.key]);
  if (spec.kind === 'component') return JSON.stringify([projectKey(ctx, row.project_id), row.name]);
  return row.id;
}

export function findRow(ctx: SqliteContext, spec: KindSpec, id: string): Row | null {
  let row: unknown;
  if (spec.kind === 'project') row = ctx.stmt('SELECT * FROM projects WHERE key = ?').get(id);
  else if (spec.kind === 'fact' || spec.kind === 'component') {
    const [key, name] = JSON.parse(id) as [string | null, string];
    const pid = projectIdOf(ctx, key, false);
    if (key !== null && pid === null) return null;
    const column = spec.kind === 'fact' ? 'key' : 'name';
    row = ctx
      .stmt(`SELECT * FROM ${spec.table} WHERE coalesce(project_id, '') = ? AND ${column} = ?`)
      .get(pid ?? '', name);
  } else row = ctx.stmt(`SELECT * FROM ${spec.table} WHERE id = ?`).get(id);
  return (row as Row | undefined) ?? null;
}

const machineOf = (stamp: string) => parseHlc(stamp).machineId;

export function storedVv(ctx: SqliteContext, kind: SyncKind, id: string): Record<string, string> {
  const r = ctx.stmt('SELECT vv FROM sync_versions WHERE kind = ? AND id = ?').get(kind, id) as
    { vv: string } | undefined;
  return r ? parseJson<Record<string, string>>(r.vv, {}) : {};
}

export function rowState(ctx: SqliteContext, spec: KindSpec, id: string, row: Row): RecordState {
  const fields: JsonObject = {};
  for (const c of [...spec.stamped, ...spec.derived]) {
    if (c === 'project') fields.project = projectKey(ctx, row.project_id);
    else if (spec.json.includes(c)) fields[c] = parseJson<JsonValue>(row[c] as string, null);
    else fields[c] = (row[c] as JsonValue | undefined) ?? null;
  }
  const own = spec.fieldHlc ? parseJson<Record<string, string>>(row.field_hlc as string, {}) : {};
  const stamps: Record<string, string> = {};
  for (const f of spec.stamped) stamps[f] = spec.fieldHlc ? (own[f] ?? '') : row.hlc;
  const vv = storedVv(ctx, spec.kind, id);
  for (const s of [row.hlc, ...Object.values(stamps)]) {
    if (s && (vv[machineOf(s)] ?? '') < s) vv[machineOf(s)] = s;
  }
  const deleted = spec.tombstones && row.deleted_at !== null && row.deleted_at !== undefined;
  return { fields, stamps, vv, hlc: row.hlc, deleted };
}

function columnValues(ctx: SqliteContext, spec: KindSpec, state: RecordState) {
  const values: Record<string, unknown> = {};
  for (const c of [...spec.stamped, ...spec.derived]) {
    const v = state.fields[c] ?? null;
    if (c === 'project') values.project_id = projectIdOf(ctx, v, true);
    else if (spec.json.includes(c)) values[c] = JSON.stringify(v);
    else values[c] = v;
  }
  if (spec.tombstones && state.deleted && values.deleted_at === null) {
    values.deleted_at = ctx.clock.now();
  }
  values.hlc = state.hlc;
  if (spec.fieldHlc) values.field_hlc = JSON.stringify(state.stamps);
  return values;
}

function newHandle(ctx: SqliteContext, startedAt: number): string {
  const day = dayKey(startedAt);
  ctx
    .stmt(
      `INSERT INTO handle_counters (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1`,
    )
    .run(day);
  const { last } = ctx.stmt('SELECT last FROM handle_counters WHERE day = ?').get(day) as {
    last: number;
  };
  return formatSessionHandle(day, last);
}

/**
 * A stand-in for a session whose events arrive first (its newest version was pushed after them).
 * Its empty stamp loses every merge, so the session's own record replaces it when it comes.
 */
export function placeholderSession(ctx: SqliteContext, id: string, ts: number): void {
  ctx
    .stmt(
      `INSERT INTO sessions (id, handle, agent, status, started_at, last_activity_at, machine_id, hlc)
       VALUES (?, ?, 'unknown', 'ended', ?, ?, '', '')`,
    )
    .run(id, newHandle(ctx, ts), ts, ts);
}

function newRowValues(
  ctx: SqliteContext,
  spec: KindSpec,
  id: string,
  values: Record<string, unknown>,
) {
  const row: Record<string, unknown> = { ...spec.localDefaults, ...values };
  row.id =
    spec.kind === 'project' || spec.kind === 'fact' || spec.kind === 'component' ? ctx.ids() : id;
  if (numbered(spec)) {
    row.number = nextNumber(ctx, spec.table as 'todos' | 'decisions', String(values.project_id));
  }
  if (spec.kind === 'session') {
    row.handle = newHandle(ctx, Number(values.started_at ?? ctx.clock.now()));
    // The same agent session recorded here under another id (its transcript imported on both
    // machines): keep both sessions, the agent's id naming the local one.
    const taken = ctx
      .stmt('SELECT 1 FROM sessions WHERE agent = ? AND agent_session_id = ?')
      .get(values.agent, values.agent_session_id);
    if (taken) row.agent_session_id = null;
  }
  return row;
}

/** Writes a merged state over the local row (or as a new one); returns the row's local id. */
export function writeState(
  ctx: SqliteContext,
  spec: KindSpec,
  id: string,
  state: RecordState,
): string {
  const values = columnValues(ctx, spec, state);
  const existing = findRow(ctx, spec, id);
  let rowId: string;
  if (existing) {
    rowId = existing.id;
    const sets = Object.keys(values).map((c) => `${c} = @${c}`);
    ctx
      .stmt(`UPDATE ${spec.table} SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...values, id: rowId });
    if (spec.kind === 'session' && existing.hlc === '') adoptEvents(ctx, rowId);
  } else {
    const row = newRowValues(ctx, spec, id, values);
    rowId = String(row.id);
    const cols = Object.keys(row);
    ctx
      .stmt(
        `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      )
      .run(row);
  }
  ctx
    .stmt('INSERT OR REPLACE INTO sync_versions (kind, id, vv) VALUES (?, ?, ?)')
    .run(spec.kind, id, JSON.stringify(state.vv));
  reindex(ctx, spec, rowId, values, state.deleted);
  return rowId;
}

/** A session that arrives after its events counts them and indexes them with its facts. */
function adoptEvents(ctx: SqliteContext, sessionId: string): void {
  const n = ctx.stmt('SELECT count(*) AS n FROM events WHERE session_id = ?').get(sessionId) as {
    n: number;
  };
  if (n.n === 0) return;
  ctx.stmt('UPDATE sessions SET event_count = ? WHERE id = ?').run(n.n, sessionId);
  new EventsIndex(ctx).reindexSession(sessionId);
}

function reindex(
  ctx: SqliteContext,
  spec: KindSpec,
  rowId: string,
  v: Record<string, unknown>,
  deleted: boolean,
): void {
  const kind = spec.kind;
  if (kind !== 'todo' && kind !== 'decision' && kind !== 'fact') return;
  const projectId = (v.project_id as string | null) ?? null;
  if (deleted) return indexRecord(ctx, kind, rowId, projectId, null);
  const files = kind === 'decision' ? parseJson<string[]>(v.files as string, []).join(' ') : '';
  const parts =
    kind === 'todo'
      ? [v.content, v.active_form, v.blocked_reason]
      : kind === 'decision'
        ? [v.decision, v.reasoning, v.outcome, files]
        : null;
  const body = parts
    ? parts.filter(Boolean).join('\n')
    : `${String(v.key)}\n${String(v.value)}\n${(v.category as string | null) ?? ''}`;
  indexRecord(ctx, kind, rowId, projectId, body);
}

export { specOf };
