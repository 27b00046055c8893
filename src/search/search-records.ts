// Search over the durable records (todos, decisions, context facts) through records_fts. Records
// are few (thousands, not millions), so they are matched in SQL and narrowed in code.
import type { Store } from '../store/index.js';
import type { EventMatch } from './fts-match.js';
import type { SearchScope } from './search-scope.js';
import type { RecordKind } from './types.js';

export interface RecordRow {
  kind: RecordKind;
  id: string;
  projectId: string | null;
  number: number | null;
  status: string;
  text: string;
  files: string[];
  sessionId: string | null;
  ts: number;
}

export interface RankedRecord {
  row: RecordRow;
  score: number;
}

const MAX_RECORDS = 2000;

const SELECT: Record<RecordKind, string> = {
  todo: `SELECT 'todo' AS kind, id, project_id, number, status,
      content || coalesce(' — ' || active_form, '') || coalesce(' — blocked: ' || blocked_reason, '') AS text,
      '[]' AS files, origin_session_id AS session_id, updated_at AS ts
    FROM todos WHERE deleted_at IS NULL`,
  decision: `SELECT 'decision' AS kind, id, project_id, number, status,
      decision || coalesce(' — ' || reasoning, '') || coalesce(' — outcome: ' || outcome, '') AS text,
      files, session_id, updated_at AS ts
    FROM decisions WHERE deleted_at IS NULL`,
  fact: `SELECT 'fact' AS kind, id, project_id, NULL AS number, priority AS status,
      key || ' = ' || value || coalesce(' (' || category || ')', '') AS text,
      '[]' AS files, session_id, updated_at AS ts
    FROM facts WHERE deleted_at IS NULL`,
};

interface Row {
  kind: RecordKind;
  id: string;
  project_id: string | null;
  number: number | null;
  status: string;
  text: string;
  files: string;
  session_id: string | null;
  ts: number;
}

function toRecord(r: Row): RecordRow {
  let files: string[] = [];
  try {
    files = JSON.parse(r.files) as string[];
  } catch {
    files = [];
  }
  return {
    kind: r.kind,
    id: r.id,
    projectId: r.project_id,
    number: r.number,
    status: r.status,
    text: r.text,
    files,
    sessionId: r.session_id,
    ts: r.ts,
  };
}

/** Records matching a MATCH expression (or, if null, all of them), with their bm25 scores. */
export function matchRecords(
  store: Store,
  match: string | null,
  excluded: string | null,
  scope: SearchScope,
): RankedRecord[] {
  if (scope.recordKinds.length === 0 || scope.needsTool) return [];
  const scores = new Map<string, number>();
  // The matching ids of each kind: each kind's table is asked only for its own.
  const idsOf = new Map<RecordKind, string[]>();
  if (match !== null) {
    const rows = store.query<{ kind: RecordKind; record_id: string; score: number }>(
      `SELECT kind, record_id, -bm25(records_fts, 0, 0, 0, 1.0) AS score FROM records_fts
       WHERE records_fts MATCH ? ORDER BY rank LIMIT ?`,
      [match, MAX_RECORDS],
    );
    for (const r of rows) {
      scores.set(r.record_id, r.score);
      const ids = idsOf.get(r.kind);
      if (ids === undefined) idsOf.set(r.kind, [r.record_id]);
      else ids.push(r.record_id);
    }
    if (scores.size === 0) return [];
  }
  const without = new Set(
    match === null && excluded !== null
      ? store
          .query<{ record_id: string }>(
            'SELECT record_id FROM records_fts WHERE records_fts MATCH ?',
            [excluded],
          )
          .map((r) => r.record_id)
      : [],
  );
  const sessions = sessionsOf(store, scope);
  const out: RankedRecord[] = [];
  for (const kind of scope.recordKinds) {
    const ids = match === null ? null : (idsOf.get(kind) ?? []);
    const rows = loadKind(store, kind, ids, scope.projectId);
    for (const row of rows) {
      if (without.has(row.id) || !inScope(row, scope, sessions)) continue;
      out.push({ row, score: match === null ? 0 : (scores.get(row.id) ?? 0) });
    }
  }
  return out;
}

/**
 * A kind's records among `ids` (null: the newest of all). With a project, only its records and
 * those of no project are read — inScope() decides among them — not every project's matches.
 */
function loadKind(
  store: Store,
  kind: RecordKind,
  ids: string[] | null,
  projectId: string | undefined,
): RecordRow[] {
  if (ids !== null && ids.length === 0) return [];
  const project = projectId === undefined ? '' : ' AND (project_id IS NULL OR project_id = ?)';
  const projectParam = projectId === undefined ? [] : [projectId];
  const rows =
    ids === null
      ? store.query<Row>(`${SELECT[kind]}${project} ORDER BY updated_at DESC LIMIT ?`, [
          ...projectParam,
          MAX_RECORDS,
        ])
      : store.query<Row>(`${SELECT[kind]}${project} AND id IN (SELECT value FROM json_each(?))`, [
          ...projectParam,
          JSON.stringify(ids),
        ]);
  return rows.map(toRecord);
}

/** When the scope names an agent, the ids of that agent's sessions (records link to sessions). */
function sessionsOf(store: Store, scope: SearchScope): Set<string> | null {
  if (scope.agent === undefined) return null;
  return new Set(
    store
      .query<{ id: string }>('SELECT id FROM sessions WHERE agent = ?', [scope.agent])
      .map((r) => r.id),
  );
}

function inScope(row: RecordRow, scope: SearchScope, agentSessions: Set<string> | null): boolean {
  if (
    scope.projectId !== undefined &&
    row.projectId !== null &&
    row.projectId !== scope.projectId
  ) {
    return false;
  }
  if (scope.projectId !== undefined && row.projectId === null && row.kind !== 'fact') return false;
  if (scope.sessionId !== undefined && row.sessionId !== scope.sessionId) return false;
  if (agentSessions !== null && (row.sessionId === null || !agentSessions.has(row.sessionId))) {
    return false;
  }
  if (scope.since !== undefined && row.ts < scope.since) return false;
  if (scope.until !== undefined && row.ts > scope.until) return false;
  return scope.files.every((f) => {
    const hit = row.files.some((file) => file.toLowerCase().includes(f.value.toLowerCase()));
    return f.negated ? !hit : hit;
  });
}

/** Records matched by a query's words, scoped; strict and relaxed like the events. */
export function searchRecords(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
): { strict: RankedRecord[]; relaxed: RankedRecord[] } {
  const strict = matchRecords(store, match.strict, match.excluded, scope);
  if (!match.relaxed) return { strict, relaxed: [] };
  const seen = new Set(strict.map((r) => r.row.id));
  const relaxed = matchRecords(store, match.relaxed, match.excluded, scope).filter(
    (r) => !seen.has(r.row.id),
  );
  return { strict, relaxed };
}
