// Events per kind, kept as they are written: the doctor's `contents` check (and the viewer's
// Diagnostics page) would otherwise count every event — seconds on a store of a million. Triggers
// keep the table right on every path that inserts or deletes an event (appends, sync, forget,
// retention, salvage's copy); a kind whose last event goes leaves its row at 0, which readers skip.
import type { Migration } from './migration.js';

export const eventCounts: Migration = {
  version: 12,
  name: 'event-counts',
  up: `
CREATE TABLE event_counts (
  kind TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO event_counts (kind, n) SELECT kind, count(*) FROM events GROUP BY kind;
CREATE TRIGGER event_counts_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_counts (kind, n) VALUES (new.kind, 1)
    ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER event_counts_delete AFTER DELETE ON events BEGIN
  UPDATE event_counts SET n = n - 1 WHERE kind = old.kind;
END;
CREATE TRIGGER event_counts_kind AFTER UPDATE OF kind ON events WHEN new.kind IS NOT old.kind BEGIN
  UPDATE event_counts SET n = n - 1 WHERE kind = old.kind;
  INSERT INTO event_counts (kind, n) VALUES (new.kind, 1)
    ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;
`,
};
