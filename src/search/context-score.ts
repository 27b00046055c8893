// Ranking that uses what a conversation is, computed purely from each candidate's own BM25F
// score and its place in its session:
//
// - A question is often answered across two or three turns: "How are your pets?" is answered by
//   the next turn, which may not repeat the word. So a turn is scored as if it held a share of
//   its neighbours' words: their term frequencies are added to its own before BM25 saturates
//   them, so a neighbour helps most with the words the turn itself lacks.
// - A session that matches in several turns is more likely the one being asked about, so every
//   turn takes a small share of its session's best turns.
// - Who said it: a query that names a speaker (a role, such as a person's name or `user`) prefers
//   that speaker's turns.
// - When: a query that names a day or a month (query-dates.ts) prefers turns from it.
// - Near-identical hits (four snapshots of one plan) are kept once, the best-ranked.
// Recency only breaks ties (see byFinal). Everything is deterministic.

import type { TimeRange } from './query-dates.js';

export interface ScoredEvent {
  seq: number;
  ts: number;
  sessionId: string;
  role: string | null;
  kind: string;
  /** Each query phrase's pseudo-frequency in the event (see bm25.ts pseudoFrequencies). */
  tf: number[];
  /** The event's own score for the query. */
  own: number;
  /** How many of the query's phrases the event holds. */
  covered: number;
}

export interface ContextWeights {
  /** Share of the previous turn's words (what this turn replies to). */
  prev: number;
  /** Share of the next turn's words (the reply to this turn). */
  next: number;
  /** Share of the sum of the session's best turns. */
  session: number;
  /** How many of a session's best turns make its score. */
  sessionTurns: number;
  /** Factor for a turn whose speaker the query names. */
  speaker: number;
  /** Factor for a turn from a day or month the query names. */
  time: number;
  /**
   * Share of its score a hit holding only some of the query's words keeps, plus the rest in
   * proportion to the words it holds: full matches lead, without hiding a strong partial one.
   */
  partial: number;
  /**
   * Factor for an answer (an assistant's reply, a decision) when the query is a question. 1 on
   * the dev set: in a conversation between people the second speaker is no likelier to answer.
   */
  answer: number;
}

/** Tuned on the LoCoMo dev set (`npm run eval:search`, docs/search.md). */
export const CONTEXT_WEIGHTS: ContextWeights = {
  prev: 0.2,
  next: 0.3,
  session: 0.2,
  sessionTurns: 2,
  speaker: 2,
  time: 3,
  partial: 0.5,
  answer: 1,
};

export interface Neighbours {
  prev: number | null;
  next: number | null;
}

/** Each session's score: the sum of its best `turns` own scores. */
function sessionScores(events: ScoredEvent[], turns: number): Map<string, number> {
  const best = new Map<string, number[]>();
  // Indexed loops over the events: see countCandidates in rank-events.ts.
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const list = best.get(e.sessionId) ?? [];
    list.push(e.own);
    best.set(e.sessionId, list);
  }
  const scores = new Map<string, number>();
  for (const [id, list] of best) {
    // The engine's numeric sort, not a comparator (cold in a new process); summed best first.
    const sorted = Float64Array.from(list).sort();
    let sum = 0;
    for (let k = sorted.length - 1; k >= Math.max(0, sorted.length - turns); k--) sum += sorted[k]!;
    scores.set(id, sum);
  }
  return scores;
}

/**
 * Final scores: the score of the turn's words with a share of its neighbours', plus a share of
 * its session's, times the speaker factor and any kind boost (`boost(e)`, 1 for none).
 */
export function contextScores(
  events: ScoredEvent[],
  neighbours: Map<number, Neighbours>,
  options: {
    weights: ContextWeights;
    speakers: Set<string>;
    /** Days or months the query names. */
    dates: TimeRange[];
    boost: (e: ScoredEvent) => number;
    /** The score of term frequencies (BM25 with the coverage factor). */
    score: (tf: number[]) => number;
  },
): Map<number, number> {
  const { weights: w, speakers, boost } = options;
  const tfs = new Map<number, number[]>();
  for (let i = 0; i < events.length; i++) tfs.set(events[i]!.seq, events[i]!.tf);
  const sessions = sessionScores(events, w.sessionTurns);
  const scores = new Map<number, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const n = neighbours.get(e.seq);
    const prev = n?.prev != null ? tfs.get(n.prev) : undefined;
    const next = n?.next != null ? tfs.get(n.next) : undefined;
    const tf =
      prev || next
        ? e.tf.map((f, i) => f + w.prev * (prev?.[i] ?? 0) + w.next * (next?.[i] ?? 0))
        : e.tf;
    let score =
      (tf === e.tf ? e.own : options.score(tf)) + w.session * (sessions.get(e.sessionId) ?? 0);
    if (e.role !== null && speakers.has(e.role.toLowerCase())) score *= w.speaker;
    if (options.dates.length > 0 && options.dates.some((d) => e.ts >= d.from && e.ts < d.to)) {
      score *= w.time;
    }
    scores.set(e.seq, score * boost(e));
  }
  return scores;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Enough of a text to tell two snapshots of one plan from two different texts. */
export const DEDUP_CHARS = 4000;
/** Word-set overlap (Jaccard) from which two hits count as the same. */
const SAME = 0.85;

function wordSet(text: string): Set<string> {
  return new Set(text.slice(0, DEDUP_CHARS).toLowerCase().match(WORD) ?? []);
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const w of a) if (b.has(w)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * The ranked list without hits nearly identical to a better-ranked one, cut at `limit`. Texts
 * of a few words must match exactly, longer ones by word-set overlap.
 */
export function dropNearDuplicates<T>(
  ranked: T[],
  textOf: (item: T) => string,
  limit: number,
): T[] {
  const kept: { item: T; words: Set<string>; text: string }[] = [];
  for (const item of ranked) {
    if (kept.length >= limit) break;
    const text = textOf(item).slice(0, DEDUP_CHARS);
    const words = wordSet(text);
    const same = kept.some((k) =>
      words.size < 8 || k.words.size < 8 ? k.text === text : overlap(words, k.words) >= SAME,
    );
    if (!same) kept.push({ item, words, text });
  }
  return kept.map((k) => k.item);
}
