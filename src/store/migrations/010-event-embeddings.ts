// Optional semantic search (issue 14): one vector per event, from the embeddings model that made
// it, as little-endian float32 — the form sqlite-vec's distance functions read. A plain table, not
// a vec0 virtual table: it stays readable, backed up and forgettable on a connection without the
// extension, and vec0 (0.1.x) scans every vector of a query anyway. A vector says what its text
// said, so it goes with its event: deleted with it, dropped when the text changes.
import type { Migration } from './migration.js';

export const eventEmbeddings: Migration = {
  version: 10,
  name: 'event-embeddings',
  up: `
CREATE TABLE event_embeddings (
  seq INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  vector BLOB NOT NULL
);
CREATE TRIGGER event_embeddings_delete AFTER DELETE ON events BEGIN
  DELETE FROM event_embeddings WHERE seq = old.seq;
END;
CREATE TRIGGER event_embeddings_text AFTER UPDATE OF text ON events BEGIN
  DELETE FROM event_embeddings WHERE seq = old.seq;
END;
`,
};
