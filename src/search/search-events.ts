// Ranking over the journal's contentless index: FTS5's bm25 with field weights picks and orders
// the event seqs (recency breaks ties), then one lookup fetches those events and their sessions.
import type { EventKind } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { EventMatch } from './fts-match.js';
import type { SearchScope } from './search-scope.js';

/**
 * bm25 weights for events_fts(body, tool, files): a path the event's data names is strong evidence
 * (a tool call *on* that file), the body is the baseline, and a tool's name alone is weak (every
 * Bash call has "bash").
 */
export const EVENT_WEIGHTS = { body: 1.0, tool: 0.5, files: 2.0 } as const;
const BM25 = `-bm25(events_fts, ${EVENT_WEIGHTS.body}, ${EVENT_WEIGHTS.tool}, ${EVENT_WEIGHTS.files})`;

export interface RankedEvent {
  seq: number;
  score: number;
  ts: number;
}

export interface EventRow {
  seq: number;
  id: string;
  ref: string | null;
  kind: EventKind;
  tool: string | null;
  ts: number;
  text: string | null;
  data: string | null;
  session_id: string;
  handle: string;
  agent: string;
  agent_session_id: string | null;
  project_id: string | null;
}

interface Sql {
  where: string[];
  params: unknown[];
}

function scopeSql(scope: SearchScope, exclude: number[]): Sql {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (scope.projectId !== undefined) add('s.project_id = ?', scope.projectId);
  if (scope.agent !== undefined) add('s.agent = ?', scope.agent);
  if (scope.sessionId !== undefined) add('e.session_id = ?', scope.sessionId);
  if (scope.eventKinds !== null) {
    add(`e.kind IN (${scope.eventKinds.map(() => '?').join(', ')})`, ...scope.eventKinds);
  }
  if (scope.since !== undefined) add('e.ts >= ?', scope.since);
  if (scope.until !== undefined) add('e.ts <= ?', scope.until);
  if (exclude.length) add(`e.seq NOT IN (${exclude.map(() => '?').join(', ')})`, ...exclude);
  return { where, params };
}

const needsSessions = (scope: SearchScope) =>
  scope.projectId !== undefined || scope.agent !== undefined;

/** The best `limit` events for a MATCH expression, best first, newer first among equals. */
export function rankEvents(
  store: Store,
  match: string,
  scope: SearchScope,
  limit: number,
  exclude: number[] = [],
): RankedEvent[] {
  if (scope.eventKinds?.length === 0 || limit <= 0) return [];
  const { where, params } = scopeSql(scope, exclude);
  return store.query<RankedEvent>(
    `SELECT events_fts.rowid AS seq, ${BM25} AS score, e.ts AS ts
     FROM events_fts JOIN events e ON e.seq = events_fts.rowid
     ${needsSessions(scope) ? 'JOIN sessions s ON s.id = e.session_id' : ''}
     WHERE events_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY round(score, 2) DESC, e.ts DESC, e.seq DESC LIMIT ?`,
    [match, ...params, limit],
  );
}

/** Newest events first, for a query made only of filters (`kind:error`, `tool:Bash`). */
export function latestEvents(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
  limit: number,
): RankedEvent[] {
  if (scope.eventKinds?.length === 0 || limit <= 0) return [];
  const { where, params } = scopeSql(scope, []);
  const from = match.strict ? 'events_fts JOIN events e ON e.seq = events_fts.rowid' : 'events e';
  const conditions = [...(match.strict ? ['events_fts MATCH ?'] : []), ...where];
  const values = [...(match.strict ? [match.strict] : []), ...params];
  if (!match.strict && match.excluded) {
    conditions.push('e.seq NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
    values.push(match.excluded);
  }
  return store.query<RankedEvent>(
    `SELECT e.seq AS seq, 0 AS score, e.ts AS ts FROM ${from}
     ${needsSessions(scope) ? 'JOIN sessions s ON s.id = e.session_id' : ''}
     ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''}
     ORDER BY e.ts DESC, e.seq DESC LIMIT ?`,
    [...values, limit],
  );
}

/** How many events a MATCH expression (or, if null, the filters alone) selects. */
export function countEvents(store: Store, match: EventMatch, scope: SearchScope): number {
  if (scope.eventKinds?.length === 0) return 0;
  const expr = match.relaxed ?? match.strict;
  const { where, params } = scopeSql(scope, []);
  const conditions = [...(expr ? ['events_fts MATCH ?'] : []), ...where];
  if (!expr && match.excluded) {
    conditions.push('e.seq NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
  }
  const values = [
    ...(expr ? [expr] : []),
    ...params,
    ...(!expr && match.excluded ? [match.excluded] : []),
  ];
  const [row] = store.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${expr ? 'events_fts JOIN events e ON e.seq = events_fts.rowid' : 'events e'}
     ${needsSessions(scope) ? 'JOIN sessions s ON s.id = e.session_id' : ''}
     ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''}`,
    values,
  );
  return row?.n ?? 0;
}

/** The events and sessions behind ranked seqs. */
export function loadEvents(store: Store, seqs: number[]): Map<number, EventRow> {
  if (seqs.length === 0) return new Map();
  const rows = store.query<EventRow>(
    `SELECT e.seq, e.id, e.ref, e.kind, e.tool, e.ts, e.text, e.data, e.session_id, s.handle, s.agent,
       s.agent_session_id, s.project_id
     FROM events e JOIN sessions s ON s.id = e.session_id
     WHERE e.seq IN (${seqs.map(() => '?').join(', ')})`,
    seqs,
  );
  return new Map(rows.map((r) => [r.seq, r]));
}
