// search: full-text search over the journal and the durable records. Parses the
// query language purely (parse-query.ts), ranks with FTS5's bm25 over the store's indexes
// (field weights and the strict-then-relaxed matching in search.ts), and builds highlighted
// snippets from the stored text. Reads only, through Store.query; the tokenisation that makes
// identifiers, paths and questions findable is documented in src/store/fts-text.ts. Used by the
// CLI, the recovery menu and the MCP server.
export { search, searchEvents } from './search.js';
export { parseQuery, SEARCH_KINDS } from './parse-query.js';
export type { ParsedQuery, QueryFilter, QueryTerm } from './parse-query.js';
export { buildSnippet } from './snippet.js';
export type { Snippet, SnippetTerm } from './snippet.js';
export { RECORD_KINDS } from './types.js';
export type {
  EventSearchHit,
  Highlighted,
  QueryVector,
  RecordKind,
  SearchHit,
  SearchHitEvent,
  SearchHitRecord,
  SearchHitSession,
  SearchKind,
  SearchOptions,
  SearchResult,
} from './types.js';
