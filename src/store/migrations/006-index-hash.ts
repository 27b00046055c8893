// The event index keeps the terms of the transaction in progress in memory (its `hashsize`) and
// writes them out as a new segment whenever that fills, and at commit; segments are then merged.
// FTS5's default of 1 MB cut a bulk import's transactions into many small segments and much
// merging; 16 MB lets one segment hold a whole import batch. Ordinary writes are far smaller,
// so they use no more memory than before.
import type { Migration } from './migration.js';

export const INDEX_HASH_BYTES = 16 * 1024 * 1024;

export const indexHash: Migration = {
  version: 6,
  name: 'index-hash',
  up: `INSERT INTO events_fts (events_fts, rank) VALUES ('hashsize', ${INDEX_HASH_BYTES});`,
};
