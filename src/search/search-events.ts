// Ranking over the journal's contentless index. FTS5 finds the candidates — every filter on
// kind, session, agent and project is a token of the index's `meta` column, so it narrows inside
// FTS5, and only a time range needs the events table — and bm25.ts scores them from their text.
//
// A common word matches hundreds of thousands of events; scoring them all would take most of a
// second. So the newest RANK_WINDOW matches are the candidates: a rarer query (fewer matches) is
// ranked over all of its matches exactly, a common one returns the best of its most recent
// matches — which is what someone typing a common word is after — in a few milliseconds.
import type { EventKind } from '../core/index.js';
import { eventFiles, ftsMetaToken } from '../store/index.js';
import type { Store } from '../store/index.js';
import { bm25f, leadsOf, phraseOf, tokenize } from './bm25.js';
import type { Field, Tokens } from './bm25.js';
import type { EventMatch } from './fts-match.js';
import { termExpr } from './fts-match.js';
import type { SearchScope } from './search-scope.js';

/**
 * Field weights: a path the event's data names is strong evidence (a tool call *on* that file),
 * the text is the baseline, and a tool's name alone is weak (every Bash call has "bash").
 */
export const EVENT_WEIGHTS = { body: 1.0, tool: 0.5, files: 2.0 } as const;
/** How many of the newest matches are scored. */
export const RANK_WINDOW = 1000;
/** Matches sampled to estimate how many documents hold a word (see estimateDf). */
const DF_SAMPLE = 400;

export interface RankedEvent {
  seq: number;
  score: number;
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

const meta = (token: string) => `{meta} : "${token}"`;

/** The scope's filters as index terms (kind, session, agent, project), or [] for none. */
export function scopeTerms(scope: SearchScope): string[] {
  const terms: string[] = [];
  if (scope.projectId !== undefined) terms.push(meta(ftsMetaToken('project', scope.projectId)));
  if (scope.agent !== undefined) terms.push(meta(ftsMetaToken('agent', scope.agent)));
  if (scope.sessionId !== undefined) terms.push(meta(ftsMetaToken('session', scope.sessionId)));
  if (scope.eventKinds !== null && scope.eventKinds.length > 0) {
    terms.push(`(${scope.eventKinds.map((k) => meta(ftsMetaToken('kind', k))).join(' OR ')})`);
  }
  return terms;
}

/** A MATCH expression narrowed to the scope; null when there is nothing to match on. */
function scoped(match: string | null, scope: SearchScope): string | null {
  const parts = [...(match ? [`(${match})`] : []), ...scopeTerms(scope)];
  return parts.length ? parts.join(' AND ') : null;
}

const noEvents = (scope: SearchScope) => scope.eventKinds?.length === 0;

/** What only the events table can check: the time range, and seqs already taken. */
function rowSql(scope: SearchScope, exclude: number[]) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.since !== undefined) {
    where.push('e.ts >= ?');
    params.push(scope.since);
  }
  if (scope.until !== undefined) {
    where.push('e.ts <= ?');
    params.push(scope.until);
  }
  if (exclude.length) {
    where.push(`e.seq NOT IN (${exclude.map(() => '?').join(', ')})`);
    params.push(...exclude);
  }
  const join = where.length ? 'JOIN events e ON e.seq = events_fts.rowid' : '';
  return { join, where: where.map((w) => `AND ${w}`).join(' '), params };
}

/**
 * Documents holding a phrase, estimated from how far back its DF_SAMPLE-th newest match lies
 * (matches spread over the journal like everything else); counted exactly when it has fewer.
 * FTS5's own bm25() counts them all, which is what made it slow.
 */
function estimateDf(store: Store, expr: string, total: number): number {
  const [row] = store.query<{ seq: number }>(
    'SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
    [expr, DF_SAMPLE - 1],
  );
  if (row) return Math.min(total, (DF_SAMPLE * total) / Math.max(1, total - row.seq + 1));
  const [counted] = store.query<{ n: number }>(
    'SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?',
    [expr],
  );
  return counted?.n ?? 0;
}

interface Candidate {
  seq: number;
  kind: EventKind;
  text: string | null;
  tool: string | null;
  data: string | null;
}

function fieldsOf(c: Candidate, leads: Set<string>): Tokens[] {
  let files: string[] = [];
  if (c.data !== null) {
    try {
      files = eventFiles(JSON.parse(c.data));
    } catch {
      files = [];
    }
  }
  return [
    tokenize(c.text ?? '', leads),
    tokenize(c.tool ?? '', leads),
    tokenize(files.join('\n'), leads),
  ];
}

/** The best `limit` events for a MATCH expression, scored for `terms`, best first. */
export function rankEvents(
  store: Store,
  match: string,
  scope: SearchScope,
  limit: number,
  options: {
    exclude?: number[];
    terms: { text: string; prefix: boolean }[];
    /** Kinds whose scores are multiplied (answers, when the query is a question). */
    boost?: { kinds: readonly EventKind[]; factor: number };
  },
): RankedEvent[] {
  const expr = scoped(match, scope);
  if (noEvents(scope) || limit <= 0 || expr === null) return [];
  const rows = rowSql(scope, options.exclude ?? []);
  const candidates = store.query<Candidate>(
    `SELECT e.seq, e.kind, e.text, e.tool, e.data FROM events_fts JOIN events e ON e.seq = events_fts.rowid
     WHERE events_fts MATCH ? ${rows.where} ORDER BY events_fts.rowid DESC LIMIT ?`,
    [expr, ...rows.params, Math.max(RANK_WINDOW, limit)],
  );
  if (candidates.length === 0) return [];
  const [last] = store.query<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM events');
  const total = Math.max(1, last?.n ?? 1);
  const phrases = options.terms.map((t) =>
    phraseOf(t.text, t.prefix, estimateDf(store, termExpr(t), total)),
  );
  const leads = leadsOf(phrases);
  const tokens = candidates.map((c) => fieldsOf(c, leads));
  const weights = [EVENT_WEIGHTS.body, EVENT_WEIGHTS.tool, EVENT_WEIGHTS.files];
  const avg = weights.map(
    (_, f) => tokens.reduce((n, t) => n + t[f]!.words.length, 0) / tokens.length,
  );
  const scored = candidates.map((c, i) => {
    const fields: Field[] = tokens[i]!.map((t, f) => ({
      tokens: t,
      weight: weights[f]!,
      avgLength: avg[f]!,
    }));
    const boost = options.boost?.kinds.includes(c.kind) ? options.boost.factor : 1;
    return { seq: c.seq, score: bm25f(fields, phrases, total) * boost };
  });
  scored.sort((a, b) => Math.round(b.score * 100) - Math.round(a.score * 100) || b.seq - a.seq);
  return scored.slice(0, limit);
}

/** A filters-only query as a MATCH expression (exclusions included), or null for none. */
function filterExpr(match: EventMatch, scope: SearchScope): string | null {
  const positive = scoped(match.strict, scope);
  // Exclusions ride along in `strict` when it exists; with filters only, they are added here.
  return positive !== null && match.strict === null && match.excluded
    ? `(${positive}) NOT (${match.excluded})`
    : positive;
}

/** Newest events first (by journal position), for a query of filters only (`kind:error`). */
export function latestEvents(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
  limit: number,
): RankedEvent[] {
  if (noEvents(scope) || limit <= 0) return [];
  const expr = filterExpr(match, scope);
  const rows = rowSql(scope, []);
  if (expr !== null) {
    return store.query<RankedEvent>(
      `SELECT events_fts.rowid AS seq, 0 AS score FROM events_fts ${rows.join}
       WHERE events_fts MATCH ? ${rows.where} ORDER BY events_fts.rowid DESC LIMIT ?`,
      [expr, ...rows.params, limit],
    );
  }
  const excluded = match.excluded
    ? 'AND e.seq NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)'
    : '';
  return store.query<RankedEvent>(
    `SELECT e.seq AS seq, 0 AS score FROM events e WHERE 1 = 1 ${rows.where} ${excluded}
     ORDER BY e.seq DESC LIMIT ?`,
    [...rows.params, ...(match.excluded ? [match.excluded] : []), limit],
  );
}

/** How many events the query selects, relaxed matches included. */
export function countEvents(store: Store, match: EventMatch, scope: SearchScope): number {
  if (noEvents(scope)) return 0;
  const expr = match.words
    ? scoped(match.relaxed ?? match.strict, scope)
    : filterExpr(match, scope);
  const rows = rowSql(scope, []);
  const [row] =
    expr === null
      ? store.query<{ n: number }>(
          `SELECT count(*) AS n FROM events e WHERE 1 = 1 ${rows.where}`,
          rows.params,
        )
      : store.query<{ n: number }>(
          `SELECT count(*) AS n FROM events_fts ${rows.join} WHERE events_fts MATCH ? ${rows.where}`,
          [expr, ...rows.params],
        );
  return row?.n ?? 0;
}

/** When each event happened, for merging with records (recency breaks ties across both). */
export function eventTimes(store: Store, seqs: number[]): Map<number, number> {
  if (seqs.length === 0) return new Map();
  const rows = store.query<{ seq: number; ts: number }>(
    `SELECT seq, ts FROM events WHERE seq IN (${seqs.map(() => '?').join(', ')})`,
    seqs,
  );
  return new Map(rows.map((r) => [r.seq, r.ts]));
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
