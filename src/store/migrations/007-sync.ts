// Sync bookkeeping: what each record's state has seen of every machine (its version vector, for
// telling a later edit from a concurrent one) and the conflicts kept for the user to resolve.
import type { Migration } from './migration.js';

export const syncTables: Migration = {
  version: 7,
  name: 'sync',
  up: `
CREATE TABLE sync_versions (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  vv TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  mine TEXT,
  mine_hlc TEXT NOT NULL,
  theirs TEXT,
  theirs_hlc TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution TEXT,
  UNIQUE (kind, record_id, field, mine_hlc, theirs_hlc)
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(record_id) WHERE resolved_at IS NULL;
`,
};
