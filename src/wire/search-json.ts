// `baton search --json`: hits in their published shape (src/schemas/search.ts), times as
// ISO-8601. Zod-free, like every --json mapper (see to-json.ts).
import type { z } from 'zod';
import type { SearchHit, SearchResult } from '../search/index.js';
import type { searchHitShape, searchResultShape } from '../schemas/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function searchHitToJson(hit: SearchHit): z.infer<typeof searchHitShape> {
  return {
    ...hit,
    event: hit.event && { ...hit.event, ts: iso(hit.event.ts) },
    record: hit.record && { ...hit.record, ts: iso(hit.record.ts) },
  };
}

export function searchResultToJson(
  query: string,
  result: SearchResult & { notice?: string | undefined },
): z.infer<typeof searchResultShape> {
  return {
    query,
    total: result.total,
    hits: result.hits.map(searchHitToJson),
    ...(result.notice !== undefined && { notice: result.notice }),
  };
}
