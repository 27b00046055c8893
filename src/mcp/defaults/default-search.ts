// A stand-in for src/search until it is wired in: words ANDed over the journal's FTS5 index
// (events_fts: contentless, rowid = events.seq), filtered by joining events and sessions, newest
// match first, with a snippet cut from the event text around the first word found. Newest first,
// not bm25: FTS5 computes bm25 from every row a word occurs in, which on 1M events costs 10–200 ms
// for common words (BENCHMARKS.md, mcp-search), while walking the index newest-first stops after
// one page. Relevance ranking is src/search's job.
import { BatonError } from '../../core/index.js';
import type { EventKind } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { SearchHit, SearchOptions, SearchResult } from '../deps.js';

interface HitRow {
  id: string;
  ref: string | null;
  kind: EventKind;
  ts: number;
  text: string | null;
  tool: string | null;
  session_id: string;
  handle: string;
  agent: string;
  agent_session_id: string | null;
}

/** Each word quoted (so FTS5 syntax in a question cannot break the query); a trailing * kept. */
export function toFtsQuery(query: string): { match: string; words: string[] } {
  const words = (query.match(/[\p{L}\p{N}_]+\*?/gu) ?? []).slice(0, 32);
  if (words.length === 0) {
    throw new BatonError('INVALID_INPUT', `nothing to search for in "${query}"`, {
      hint: 'give at least one word or number',
    });
  }
  const match = words.map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' ');
  return { match, words: words.map((w) => w.replace(/\*$/, '').toLowerCase()) };
}

export function snippetOf(text: string, words: string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  // Stemming means "deploys" can match "deploy": look for the longest common start of each word.
  const at = words
    .map((w) => lower.indexOf(w.length > 4 ? w.slice(0, w.length - 1) : w))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const start = Math.max(0, (at ?? 0) - Math.floor(width / 3));
  const cut = flat.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${cut}${start + width < flat.length ? '…' : ''}`;
}

/** How often the query's words occur in the text: a score for the hit, higher is better. */
function occurrences(text: string, words: string[]): number {
  const lower = text.toLowerCase();
  return words.reduce((n, w) => n + (lower.split(w).length - 1), 0);
}

function filters(store: Store, o: SearchOptions): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (o.projectId !== undefined) add('s.project_id = ?', o.projectId);
  if (o.agent !== undefined) add('s.agent = ?', o.agent);
  if (o.sessionRef !== undefined) {
    const session = store.sessions.get(o.sessionRef);
    if (!session) throw new BatonError('NOT_FOUND', `no session "${o.sessionRef}"`);
    add('e.session_id = ?', session.id);
  }
  if (o.kinds?.length) add(`e.kind IN (${o.kinds.map(() => '?').join(', ')})`, ...o.kinds);
  if (o.since !== undefined) add('e.ts >= ?', o.since);
  if (o.until !== undefined) add('e.ts <= ?', o.until);
  return { where, params };
}

export function defaultSearch(store: Store, options: SearchOptions): SearchResult {
  const { match, words } = toFtsQuery(options.query);
  const { where, params } = filters(store, options);
  const rows = store.query<HitRow>(
    `SELECT e.id, e.ref, e.kind, e.ts, e.text, e.tool, e.session_id, s.handle, s.agent,
            s.agent_session_id
     FROM events_fts f
     JOIN events e ON e.seq = f.rowid
     JOIN sessions s ON s.id = e.session_id
     WHERE events_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY f.rowid DESC
     LIMIT ? OFFSET ?`,
    [match, ...params, options.limit ?? 20, options.offset ?? 0],
  );
  const hits: SearchHit[] = rows.map((r) => ({
    session: {
      id: r.session_id,
      handle: r.handle,
      agent: r.agent,
      agentSessionId: r.agent_session_id,
    },
    event: {
      id: r.id,
      ref: r.ref,
      kind: r.kind,
      ts: r.ts,
      snippet: snippetOf(r.text ?? r.tool ?? '', words),
    },
    score: occurrences(r.text ?? r.tool ?? '', words),
  }));
  return { hits };
}
