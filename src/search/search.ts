// search(): the one entry point. Parse the query, resolve the scope, rank events and records
// with every word required, relax to any word if that leaves the page short, merge the two sides
// on a common scale, then build snippets for the page only.
import { BatonError, EVENT_KINDS } from '../core/index.js';
import type { EventKind } from '../core/index.js';
import { eventFiles } from '../store/index.js';
import type { Store } from '../store/index.js';
import { eventMatch, recordMatch, wantedTerms } from './fts-match.js';
import { isEmptyQuery, parseQuery } from './parse-query.js';
import { CONTEXT_WEIGHTS } from './context-score.js';
import { queryDates } from './query-dates.js';
import { rankEvents } from './rank-events.js';
import { countEvents, eventTimes, latestEvents, loadEvents, textAround } from './search-events.js';
import type { EventRow } from './search-events.js';
import { searchRecords } from './search-records.js';
import type { RankedRecord, RecordRow } from './search-records.js';
import { resolveScope } from './search-scope.js';
import type { SearchScope } from './search-scope.js';
import { buildSnippet } from './snippet.js';
import { fuseByRank, nearestEvents } from './vector-rank.js';
import type { SnippetTerm } from './snippet.js';
import type { EventSearchHit, SearchHit, SearchOptions, SearchResult } from './types.js';

const DEFAULT_LIMIT = 20;
const ANSWER_KINDS = ['assistant_message'] as const;
const QUESTION =
  /\?\s*$|^\s*(why|how|what|where|when|which|who|whose|did|does|do|is|are|was|were|can|could|should|would|will)\b/i;
const MAX_LIMIT = 500;
/**
 * A query of this many words or fewer is keywords, each of which the person means: hits holding
 * them all come first. A longer one is a description, of which the answer holds only some — and
 * so is a question, however short: "why did staging fail?" is answered by a turn that explains
 * the failure without saying "staging" again.
 */
const KEYWORD_QUERY = 3;

type Candidate =
  | { side: 'event'; match: 'all' | 'some'; score: number; ts: number; seq: number }
  | { side: 'record'; match: 'all' | 'some'; score: number; ts: number; row: RecordRow };

/**
 * Events only — for callers whose hits must each be an event of a session (the MCP server's
 * search tool): the same search with the kinds narrowed to event kinds.
 */
export function searchEvents(
  store: Store,
  options: SearchOptions,
): { hits: EventSearchHit[]; total: number | null } {
  const eventKinds = (options.kinds ?? EVENT_KINDS).filter((k): k is EventKind =>
    (EVENT_KINDS as readonly string[]).includes(k),
  );
  if (eventKinds.length === 0) return { hits: [], total: options.withTotal ? 0 : null };
  const result = search(store, { ...options, kinds: eventKinds });
  return { hits: result.hits.filter(isEventHit), total: result.total };
}

function isEventHit(hit: SearchHit): hit is EventSearchHit {
  return hit.event !== null && hit.session !== null;
}

export function search(store: Store, options: SearchOptions): SearchResult {
  const limit = checkedCount('limit', options.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = checkedCount('offset', options.offset ?? 0, 0, 100_000);
  const parsed = parseQuery(options.query);
  if (isEmptyQuery(parsed)) return { hits: [], total: options.withTotal ? 0 : null };
  const scope = resolveScope(store, options, parsed);
  const events = eventMatch(parsed);
  const need = offset + limit;
  const terms = wantedTerms(parsed).map((t) => ({ text: t.text, prefix: t.prefix }));
  // A question is answered by prose — an assistant's reply or a decision — more than by the tool
  // calls that share its words.
  const question = QUESTION.test(options.query);
  const boost = question ? CONTEXT_WEIGHTS.answer : 1;
  const allFirst = terms.length <= KEYWORD_QUERY && !question;
  const candidates = eventCandidates(
    store,
    events,
    scope,
    need,
    terms,
    boost,
    allFirst,
    options.query,
  );
  const records = searchRecords(store, recordMatch(parsed), scope);
  const scale = recordScale(store);
  candidates.push(...recordCandidates(records.strict, 'all', scale, boost));
  candidates.push(...recordCandidates(records.relaxed, 'some', scale, boost));
  candidates.sort((a, b) => byRank(a, b, allFirst));
  const ranked =
    options.semantic && events.words
      ? fuseByRank(
          candidates,
          nearestEvents(store, scope, options.semantic, need),
          (c) => (c.side === 'event' ? c.seq : null),
          (e): Candidate => ({ side: 'event', match: 'some', score: 0, ts: e.ts, seq: e.seq }),
        )
      : candidates;
  const page = ranked.slice(offset, offset + limit);
  const hits = toHits(store, page, terms);
  const total = options.withTotal
    ? countEvents(store, events, scope) + records.strict.length + records.relaxed.length
    : null;
  return { hits, total };
}

function checkedCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BatonError('USAGE', `${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function eventCandidates(
  store: Store,
  match: ReturnType<typeof eventMatch>,
  scope: SearchScope,
  need: number,
  terms: { text: string; prefix: boolean }[],
  answerBoost: number,
  allFirst: boolean,
  query: string,
): Candidate[] {
  const ranked: { seq: number; score: number; match: 'all' | 'some' }[] = match.words
    ? rankEvents(store, match, scope, need, {
        terms,
        dates: queryDates(query),
        allFirst,
        boost: { kinds: ANSWER_KINDS, factor: answerBoost },
      })
    : latestEvents(store, match, scope, need).map((r) => ({ ...r, match: 'all' as const }));
  const times = eventTimes(
    store,
    ranked.map((r) => r.seq),
  );
  return ranked.map((r) => ({
    side: 'event',
    match: r.match,
    score: r.score,
    ts: times.get(r.seq) ?? 0,
    seq: r.seq,
  }));
}

/**
 * bm25's idf grows with the log of the corpus size, so the few records score lower than the
 * million events for an equally good match; scaling by the ratio of those logs puts a decision
 * that matches as well as an event beside it, not below it.
 */
function recordScale(store: Store): number {
  const [events] = store.query<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM events');
  const [records] = store.query<{ n: number }>('SELECT count(*) AS n FROM records_fts');
  const ratio = Math.log(1 + (events?.n ?? 0)) / Math.log(2 + (records?.n ?? 0));
  return Math.max(1, ratio);
}

function recordCandidates(
  list: RankedRecord[],
  match: 'all' | 'some',
  scale: number,
  answerBoost: number,
): Candidate[] {
  return list.map((r) => ({
    side: 'record',
    match,
    score: r.score * scale * (r.row.kind === 'decision' ? answerBoost : 1),
    ts: r.row.ts,
    row: r.row,
  }));
}

/**
 * Full matches first for a keyword query, then by score (equal to two decimals counts as a tie;
 * a partial match's score is already reduced), then newer first; between two events, the later
 * in the journal.
 */
function byRank(a: Candidate, b: Candidate, allFirst: boolean): number {
  if (allFirst && a.match !== b.match) return a.match === 'all' ? -1 : 1;
  const sa = Math.round(a.score * 100);
  const sb = Math.round(b.score * 100);
  if (sa !== sb) return sb - sa;
  if (a.side === 'event' && b.side === 'event') return b.seq - a.seq;
  return b.ts - a.ts;
}

function toHits(store: Store, page: Candidate[], terms: SnippetTerm[]): SearchHit[] {
  const events = loadEvents(
    store,
    page.flatMap((c) => (c.side === 'event' ? [c.seq] : [])),
  );
  const sessions = recordSessions(store, page);
  return page.flatMap((c): SearchHit[] => {
    const score = Math.round(c.score * 1000) / 1000;
    if (c.side === 'event') {
      const row = events.get(c.seq);
      return row ? [eventHit(store, row, c.match, score, terms)] : [];
    }
    const session = c.row.sessionId ? (sessions.get(c.row.sessionId) ?? null) : null;
    return [recordHit(c.row, session, c.match, score, terms)];
  });
}

function eventHit(
  store: Store,
  row: EventRow,
  match: 'all' | 'some',
  score: number,
  terms: SnippetTerm[],
): SearchHit {
  return {
    score,
    match,
    projectId: row.project_id,
    session: {
      id: row.session_id,
      handle: row.handle,
      agent: row.agent,
      agentSessionId: row.agent_session_id,
    },
    event: {
      id: row.id,
      seq: row.seq,
      ref: row.ref,
      kind: row.kind,
      tool: row.tool,
      ts: row.ts,
      ...eventSnippet(store, row, terms),
    },
    record: null,
  };
}

/**
 * The text around the match; when the match was on a file the event touched, that file too. A
 * long event's snippet comes from its first TEXT_WINDOW characters, or else from a window read
 * around the first place a query word occurs.
 */
function eventSnippet(store: Store, row: EventRow, terms: SnippetTerm[]) {
  const text = row.text ?? row.tool ?? '';
  const plain = buildSnippet(text, terms);
  if (plain.highlights.length > 0) return plain;
  if (row.long) {
    const words = terms.flatMap((t) => t.text.match(/[\p{L}\p{N}]+/gu) ?? []);
    const around = textAround(store, row.seq, words);
    if (around !== null) return buildSnippet(`…${around}…`, terms);
  }
  if (row.data === null) return plain;
  const files = eventFiles(parseData(row.data));
  return files.length ? buildSnippet(`${text} [${files.join(', ')}]`, terms) : plain;
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

function recordHit(
  row: RecordRow,
  session: SearchHit['session'],
  match: 'all' | 'some',
  score: number,
  terms: SnippetTerm[],
): SearchHit {
  return {
    score,
    match,
    projectId: row.projectId,
    session,
    event: null,
    record: {
      kind: row.kind,
      id: row.id,
      number: row.number,
      status: row.status,
      ts: row.ts,
      ...buildSnippet(row.text, terms),
    },
  };
}

function recordSessions(
  store: Store,
  page: Candidate[],
): Map<string, NonNullable<SearchHit['session']>> {
  const ids = [
    ...new Set(
      page.flatMap((c) => (c.side === 'record' && c.row.sessionId ? [c.row.sessionId] : [])),
    ),
  ];
  if (ids.length === 0) return new Map();
  const rows = store.query<{
    id: string;
    handle: string;
    agent: string;
    agent_session_id: string | null;
  }>(
    'SELECT id, handle, agent, agent_session_id FROM sessions WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(ids)],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, handle: r.handle, agent: r.agent, agentSessionId: r.agent_session_id },
    ]),
  );
}
