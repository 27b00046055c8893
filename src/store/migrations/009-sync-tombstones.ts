// Sync (issue 17): what `baton forget` removed — events, sessions, checkpoints — kept as ids with
// a stamp, so the deletion travels to the other machines and a later pull never brings the
// content back. Only ids are kept: the content is gone.
import type { Migration } from './migration.js';

export const syncTombstones: Migration = {
  version: 9,
  name: 'sync-tombstones',
  up: `
CREATE TABLE sync_tombstones (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  machine_id TEXT NOT NULL,
  UNIQUE (kind, id)
);
`,
};
