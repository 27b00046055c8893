// Ranking the journal for a query with words. FTS5 finds the candidates — every event holding
// all the words, then every event holding any of them — and bm25.ts scores each from its text;
// context-score.ts then adds what the conversation around it says, and near-identical hits are
// kept once.
//
// A common word matches hundreds of thousands of events; scoring them all would take most of a
// second. So the newest RANK_WINDOW matches are the candidates, full matches first: a rarer query is
// ranked over all of its matches exactly, a common one returns the best of its most recent
// matches — which is what someone typing a common word is after — in a few milliseconds.
import type { EventKind } from '../core/index.js';
import { eventFiles } from '../store/index.js';
import type { Store } from '../store/index.js';
import {
  idf,
  leadsOf,
  matchWords,
  mayHoldStarts,
  phraseCount,
  phraseOf,
  pseudoFrequencies,
  scoreTf,
  tokenize,
  wordStarts,
  wordless,
} from './bm25.js';
import type { Leads, QueryPhrase, Tokens } from './bm25.js';
import {
  CONTEXT_WEIGHTS,
  DEDUP_CHARS,
  contextScores,
  dropNearDuplicates,
} from './context-score.js';
import type { ContextWeights, Neighbours, ScoredEvent } from './context-score.js';
import type { EventMatch } from './fts-match.js';
import type { TimeRange } from './query-dates.js';
import { termExpr } from './fts-match.js';
import { fold } from './snippet.js';
import {
  INDEX_COLUMN,
  bodyLength,
  comparedTexts,
  estimateDf,
  indexedLength,
  journalSize,
  matchingEvents,
  neighbourSeqs,
} from './search-events.js';
import type { CandidateRow } from './search-events.js';
import { largest, orderByRank } from './rank-order.js';
import type { SearchScope } from './search-scope.js';

/**
 * Field weights: a path the event's data names is strong evidence (a tool call *on* that file),
 * the text is the baseline, and a tool's name alone is weak (every Bash call has "bash").
 */
export const EVENT_WEIGHTS = { body: 1.0, tool: 0.5, files: 2.0 } as const;
/** How many of the newest matches of each pass are scored. */
export const RANK_WINDOW = 1000;
/**
 * How many of the best candidates have their neighbours looked up in the journal; the others'
 * neighbours are found among the candidates themselves (see neighbours()).
 */
const CONTEXT_TOP = 50;

export interface RankOptions {
  terms: { text: string; prefix: boolean }[];
  /** Days or months the query names (query-dates.ts). */
  dates?: TimeRange[];
  /** Kinds whose scores are multiplied (answers, when the query is a question). */
  boost?: { kinds: readonly EventKind[]; factor: number };
  weights?: ContextWeights;
  /** Full matches before partial ones, whatever their scores (a short keyword query). */
  allFirst?: boolean;
}

export interface WordRankedEvent {
  seq: number;
  score: number;
  match: 'all' | 'some';
}

/** How a search reads its candidates' fields: built once, used for each of a thousand. */
interface FieldReader {
  leads: Leads;
  starts: string[] | null;
  /** False when a text surely holds no word the query could match (null: no such test). */
  mayMatch: ((text: string) => boolean) | null;
  /** Tool names repeat: each is tokenized once. */
  tools: Map<string, Tokens>;
}

function fieldReader(phrases: QueryPhrase[]): FieldReader {
  const starts = wordStarts(phrases);
  return {
    leads: leadsOf(phrases),
    starts,
    mayMatch: starts === null ? null : mayHoldStarts(starts),
    tools: new Map(),
  };
}

function fieldsOf(c: CandidateRow, read: FieldReader): Tokens[] {
  const { leads, starts } = read;
  // A field's length is the index's count of its tokens where there is one; the body's words are
  // then only looked for (matchWords), not all counted again.
  const length = bodyLength(c.sizes);
  const text = c.text ?? '';
  let body: Tokens;
  if (length === null) body = tokenize(text, leads);
  else if (starts !== null) body = matchWords(text, leads, starts, length);
  else {
    const t = tokenize(text, leads);
    body = { length, at: t.at, words: t.words };
  }
  const toolName = c.tool ?? '';
  let tool = read.tools.get(toolName);
  if (tool === undefined) {
    tool = tokenize(toolName, leads);
    read.tools.set(toolName, tool);
  }
  return [body, tool, filesOf(c, read)];
}

/**
 * The files field: the paths the event's data names. Where the data holds none of the query's
 * words at all, it is not parsed — the index's count of the paths' tokens is all scoring needs.
 */
function filesOf(c: CandidateRow, read: FieldReader): Tokens {
  if (c.data === null) return wordless(0);
  const length = indexedLength(c.sizes, INDEX_COLUMN.files);
  if (length !== null && read.mayMatch !== null && !read.mayMatch(c.data)) {
    return wordless(length);
  }
  let files: string[] = [];
  try {
    files = eventFiles(JSON.parse(c.data));
  } catch {
    files = [];
  }
  const t = tokenize(files.join('\n'), read.leads);
  return length === null ? t : { length, at: t.at, words: t.words };
}

/**
 * A candidate as scoring keeps it: how long each field is and how often each phrase occurs in
 * it — numbers, not its text, so a thousand candidates hold little and the collector copies
 * little while they are read.
 */
interface Counted {
  seq: number;
  ts: number;
  sessionId: string;
  role: string | null;
  kind: EventKind;
  /** Token count of each field (body, tool, files). */
  lengths: number[];
  /** Occurrences of each phrase in each field, field by field: counts[f * phrases + p]. */
  counts: number[];
}

/**
 * The candidates, counted as they are read: the strict pass's, then the relaxed one's, each event
 * once.
 */
function countCandidates(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
  enough: number,
  phrases: QueryPhrase[],
): Counted[] {
  const read = fieldReader(phrases);
  // Indexed loops, here and in what follows per candidate: a cold process runs them unoptimised,
  // where each step of a for…of allocates its iterator's result.
  const count = (c: CandidateRow): Counted => {
    const fields = fieldsOf(c, read);
    // Sized up front: a list grown by push() starts with room for 17, all of it allocated.
    const counts = new Array<number>(fields.length * phrases.length);
    const lengths = new Array<number>(fields.length);
    for (let f = 0; f < fields.length; f++) {
      const tokens = fields[f]!;
      lengths[f] = tokens.length;
      for (let p = 0; p < phrases.length; p++) {
        counts[f * phrases.length + p] = tokens.length === 0 ? 0 : phraseCount(tokens, phrases[p]!);
      }
    }
    return {
      seq: c.seq,
      ts: c.ts,
      sessionId: c.session_id,
      role: c.role,
      kind: c.kind,
      lengths,
      counts,
    };
  };
  // Rows may arrive out of order (packed texts are read in batches): each is put in its place.
  const counted: Counted[] = [];
  if (match.strict) {
    matchingEvents(store, match.strict, scope, RANK_WINDOW, (c, i) => {
      counted[i] = count(c);
    });
  }
  if (counted.length >= enough || match.relaxed === null) return counted;
  const strict = new Set(counted.map((c) => c.seq));
  // RANK_WINDOW candidates in all: the full matches, then the newest partial ones.
  const relaxed: (Counted | undefined)[] = [];
  matchingEvents(store, match.relaxed, scope, RANK_WINDOW - counted.length, (c, i) => {
    relaxed[i] = strict.has(c.seq) ? undefined : count(c);
  });
  for (const c of relaxed) if (c !== undefined) counted.push(c);
  return counted;
}

/** BM25 of term frequencies, reduced for a hit that holds only some of the phrases. */
function scorer(phrases: QueryPhrase[], total: number, partial: number) {
  const idfs = phrases.map((p) => idf(p.df, total));
  return (tf: number[]) => {
    const { score, covered } = scoreTf(tf, idfs);
    const share = phrases.length ? covered / phrases.length : 1;
    return score * (partial + (1 - partial) * share);
  };
}

function ownScores(
  counted: Counted[],
  phrases: QueryPhrase[],
  score: (tf: number[]) => number,
): ScoredEvent[] {
  const weights = [EVENT_WEIGHTS.body, EVENT_WEIGHTS.tool, EVENT_WEIGHTS.files];
  const avgLengths = weights.map(
    (_, f) => counted.reduce((n, c) => n + c.lengths[f]!, 0) / Math.max(1, counted.length),
  );
  const scored: ScoredEvent[] = [];
  for (let i = 0; i < counted.length; i++) {
    const c = counted[i]!;
    const tf = pseudoFrequencies(c.counts, c.lengths, weights, avgLengths, phrases.length);
    let covered = 0;
    for (let p = 0; p < tf.length; p++) if (tf[p]! > 0) covered += 1;
    scored.push({
      seq: c.seq,
      ts: c.ts,
      sessionId: c.sessionId,
      role: c.role,
      kind: c.kind,
      tf,
      own: score(tf),
      covered,
    });
  }
  return scored;
}

/**
 * Each candidate's previous and next event in its session. Only candidates have term
 * frequencies to lend, and a session's events are mostly consecutive in the journal, so the
 * event just before or after a candidate is its neighbour when it is a candidate of the same
 * session; the best candidates, whose order matters most, are looked up in the journal, which
 * also sees past events of other sessions written in between.
 */
function neighboursOf(store: Store, scored: ScoredEvent[]): Map<number, Neighbours> {
  // Filled by loops, not from arrays of pairs: a pair per candidate is garbage a cold process
  // collects.
  const session = new Map<number, string>();
  for (let i = 0; i < scored.length; i++) session.set(scored[i]!.seq, scored[i]!.sessionId);
  const near = (e: ScoredEvent, seq: number) => (session.get(seq) === e.sessionId ? seq : null);
  const found = new Map<number, Neighbours>();
  for (let i = 0; i < scored.length; i++) {
    const e = scored[i]!;
    found.set(e.seq, { prev: near(e, e.seq - 1), next: near(e, e.seq + 1) });
  }
  const top = largest(
    scored.map((e) => e.own),
    CONTEXT_TOP,
  ).map((i) => scored[i]!.seq);
  for (const [seq, n] of neighbourSeqs(store, top)) found.set(seq, n);
  return found;
}

/** The best `limit` events for a query with words, best first, near-duplicates dropped. */
export function rankEvents(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
  limit: number,
  options: RankOptions,
): WordRankedEvent[] {
  if (limit <= 0) return [];
  const total = journalSize(store);
  const phrases = options.terms.map((t) =>
    phraseOf(t.text, t.prefix, estimateDf(store, termExpr(t), total)),
  );
  // With full matches first, partial ones are needed only when full ones do not fill the page.
  const counted = countCandidates(
    store,
    match,
    scope,
    options.allFirst ? limit : RANK_WINDOW,
    phrases,
  );
  if (counted.length === 0) return [];
  const weights = options.weights ?? CONTEXT_WEIGHTS;
  const score = scorer(phrases, total, weights.partial);
  const scored = ownScores(counted, phrases, score);
  const neighbours = neighboursOf(store, scored);
  const speakers = new Set(options.terms.filter((t) => !t.prefix).map((t) => fold(t.text)));
  const boost = options.boost;
  const finals = contextScores(scored, neighbours, {
    weights,
    speakers,
    dates: options.dates ?? [],
    score,
    boost: (e) => (boost?.kinds.includes(e.kind as EventKind) ? boost.factor : 1),
  });
  // On the scale of an event's own score (a lone match keeps its score), so that records, which
  // have no context, merge with events fairly.
  const scale = 1 + weights.session;
  const scoredAt = scored.map((e) => ({
    e,
    score: (finals.get(e.seq) ?? e.own) / scale,
    match: e.covered >= phrases.length ? ('all' as const) : ('some' as const),
  }));
  // Full matches first where asked, then by score to two decimals, then the newer.
  const ranked = orderByRank(
    scoredAt.map((r) => (options.allFirst && r.match === 'some' ? 1 : 0)),
    scoredAt.map((r) => Math.round(r.score * 100)),
    scoredAt.map((r) => r.e.seq),
  ).map((i) => scoredAt[i]!);
  // Only the texts the de-duplication reaches (about the page's) are read, a batch at a time.
  const at = new Map(ranked.map((r, i) => [r.e.seq, i]));
  const texts = new Map<number, string>();
  const textOf = (seq: number) => {
    if (!texts.has(seq)) {
      const from = at.get(seq) ?? 0;
      const batch = ranked.slice(from, from + Math.max(2 * limit, 20)).map((r) => r.e.seq);
      for (const [s, text] of comparedTexts(store, batch, DEDUP_CHARS)) texts.set(s, text);
    }
    return texts.get(seq) ?? '';
  };
  return dropNearDuplicates(ranked, (r) => textOf(r.e.seq), limit).map((r) => ({
    seq: r.e.seq,
    score: r.score,
    match: r.match,
  }));
}
