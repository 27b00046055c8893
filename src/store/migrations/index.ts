// The ordered list of every schema migration. Append; never reorder or edit a released one.
import { initial } from './001-initial.js';
import { recordsSearch } from './002-records-search.js';
import { rawBlocks } from './003-raw-blocks.js';
import { recoveryIndexes } from './004-recovery-indexes.js';
import { searchFiles } from './005-search-files.js';
import { indexHash } from './006-index-hash.js';
import { syncTables } from './007-sync.js';
import { cjkIndex } from './008-cjk-bigrams.js';
import { syncTombstones } from './009-sync-tombstones.js';
import { eventEmbeddings } from './010-event-embeddings.js';
import { eventCounts } from './012-event-counts.js';
import type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [
  initial,
  recordsSearch,
  rawBlocks,
  recoveryIndexes,
  searchFiles,
  indexHash,
  syncTables,
  cjkIndex,
  syncTombstones,
  eventEmbeddings,
  eventCounts,
];
export { migrate, schemaVersion } from './migration.js';
export type { Migration } from './migration.js';
