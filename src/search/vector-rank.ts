// The semantic side of a search, when the query came with an embedding (semantic.ts makes it):
// the events of the scope whose stored vectors from the same model are nearest by cosine, then
// fused with the word ranking by reciprocal rank fusion — each list contributes 1 / (K + rank),
// so an event high in either list rises, one high in both rises most, and the two lists' scores,
// which are on unrelated scales, never need to be compared. Distances are computed by sqlite-vec
// when it is loaded, else here from the same float32 blobs.
import type { Store } from '../store/index.js';
import type { SearchScope } from './search-scope.js';
import type { QueryVector } from './types.js';

/** RRF's constant (Cormack et al. 2009): damps the weight of the very first ranks. */
export const RRF_K = 60;

export interface NearEvent {
  seq: number;
  ts: number;
}

function scopeSql(scope: SearchScope): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (scope.projectId !== undefined) add('s.project_id = ?', scope.projectId);
  if (scope.agent !== undefined) add('s.agent = ?', scope.agent);
  if (scope.sessionId !== undefined) add('e.session_id = ?', scope.sessionId);
  if (scope.eventKinds !== null)
    add('e.kind IN (SELECT value FROM json_each(?))', JSON.stringify(scope.eventKinds));
  if (scope.since !== undefined) add('e.ts >= ?', scope.since);
  if (scope.until !== undefined) add('e.ts <= ?', scope.until);
  return { where, params };
}

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na && nb ? 1 - dot / Math.sqrt(na * nb) : 1;
}

const blobOf = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** The `limit` events of the scope nearest to the query's vector, nearest first. */
export function nearestEvents(
  store: Store,
  scope: SearchScope,
  query: QueryVector,
  limit: number,
): NearEvent[] {
  if (scope.eventKinds !== null && scope.eventKinds.length === 0) return [];
  const { where, params } = scopeSql(scope);
  const from = `FROM event_embeddings v JOIN events e ON e.seq = v.seq
    JOIN sessions s ON s.id = e.session_id
    WHERE ${['v.model = ?', 'length(v.vector) = ?', ...where].join(' AND ')}`;
  const head = [query.model, query.vector.byteLength, ...params];
  if (query.sqliteVec) {
    return store.query<NearEvent>(
      `SELECT e.seq, e.ts ${from} ORDER BY vec_distance_cosine(v.vector, ?), e.seq DESC LIMIT ?`,
      [...head, blobOf(query.vector), limit],
    );
  }
  const rows = store.query<NearEvent & { vector: Buffer }>(
    `SELECT e.seq, e.ts, v.vector ${from}`,
    head,
  );
  return rows
    .map((r) => {
      const v = new Float32Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength / 4);
      return { seq: r.seq, ts: r.ts, d: cosineDistance(query.vector, v) };
    })
    .sort((a, b) => a.d - b.d || b.seq - a.seq)
    .slice(0, limit)
    .map(({ seq, ts }) => ({ seq, ts }));
}

/**
 * Reciprocal rank fusion of the word ranking (already in order) and the nearest events. Items are
 * told apart by `key`; one found only by its vector is made by `fromNear`.
 */
export function fuseByRank<T extends { score: number }>(
  ranked: T[],
  near: NearEvent[],
  key: (item: T) => number | null,
  fromNear: (e: NearEvent) => T,
): T[] {
  const fused = new Map<T, number>();
  const bySeq = new Map<number, T>();
  ranked.forEach((item, i) => {
    fused.set(item, 1 / (RRF_K + i + 1));
    const seq = key(item);
    if (seq !== null) bySeq.set(seq, item);
  });
  near.forEach((e, i) => {
    const item = bySeq.get(e.seq) ?? fromNear(e);
    fused.set(item, (fused.get(item) ?? 0) + 1 / (RRF_K + i + 1));
  });
  return [...fused].sort((a, b) => b[1] - a[1]).map(([item, score]) => ({ ...item, score }));
}
