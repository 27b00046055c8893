// The search module's vocabulary: what a caller asks (SearchOptions) and what it gets (SearchHit).
// Times are epoch milliseconds, as everywhere in core; src/schemas publishes the JSON form.
import type { EventKind } from '../core/index.js';

export const RECORD_KINDS = ['todo', 'decision', 'fact'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/** What a hit can be: an event of the journal or a durable record. */
export type SearchKind = EventKind | RecordKind;

export interface SearchOptions {
  /** The user's query: words, "phrases", prefix*, -exclusions, kind:/tool:/file: filters. */
  query: string;
  /** Only this project (records: also global facts). Omit for every project. */
  projectId?: string | undefined;
  /** Only sessions of this agent. */
  agent?: string | undefined;
  /** Only this session: its id, handle or the agent's own session id. */
  sessionRef?: string | undefined;
  /** Only these kinds (intersected with `kind:` filters in the query). */
  kinds?: readonly SearchKind[] | undefined;
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  /** Epoch ms, inclusive. */
  until?: number | undefined;
  /** Hits per page, 1..500 (default 20). */
  limit?: number | undefined;
  /** Hits to skip, for paging (default 0). */
  offset?: number | undefined;
  /** Also count every match (costs a second pass over the index). */
  withTotal?: boolean | undefined;
  /**
   * The query's embedding (optional semantic search, semantic.ts): events whose vectors from
   * the same model are nearest are fused with the word ranking by reciprocal rank fusion.
   */
  semantic?: QueryVector | undefined;
}

export interface QueryVector {
  vector: Float32Array;
  model: string;
  /** Whether sqlite-vec is loaded on the store's connection (else distances are computed here). */
  sqliteVec: boolean;
}

export interface SearchHitSession {
  id: string;
  handle: string;
  agent: string;
  agentSessionId: string | null;
}

export interface Highlighted {
  /** One line of text around the best match. */
  snippet: string;
  /** [start, end) offsets into `snippet` of each matched word, in order. */
  highlights: [number, number][];
}

export interface SearchHitEvent extends Highlighted {
  id: string;
  seq: number;
  ref: string | null;
  kind: EventKind;
  tool: string | null;
  ts: number;
}

export interface SearchHitRecord extends Highlighted {
  kind: RecordKind;
  id: string;
  /** Per-project number of a todo or decision; null for a fact. */
  number: number | null;
  /** A todo's or decision's status, a fact's priority. */
  status: string;
  /** When the record last changed. */
  ts: number;
}

export interface SearchHit {
  /** Relevance: BM25 with field weights, higher is better; 0 for a filter-only query. */
  score: number;
  /** `all`: every word of the query matched; `some`: a relaxed match of some of the words. */
  match: 'all' | 'some';
  projectId: string | null;
  /** The session the hit belongs to (a record's origin session), if any. */
  session: SearchHitSession | null;
  /** Set for a hit on the journal. */
  event: SearchHitEvent | null;
  /** Set for a hit on a todo, decision or context fact. */
  record: SearchHitRecord | null;
}

/** A hit on the journal: its session and event are always there. */
export interface EventSearchHit extends SearchHit {
  session: SearchHitSession;
  event: SearchHitEvent;
  record: null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every match, when `withTotal` was asked; otherwise null. */
  total: number | null;
}
