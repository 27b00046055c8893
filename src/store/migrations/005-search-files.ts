// Search (issue 5): the event index gains a `files` column holding the file paths named in each
// event's structured data, so `file:` filters and path queries find tool calls whose text does not
// repeat the path, and a `meta` column of tokens for what search filters on (kind, session, agent,
// project), so filters are intersections inside the index. Every event now has an index row.
// FTS5 tables cannot gain columns, so the index is rebuilt from the journal; the tokenisation is
// unchanged and documented in ../fts-text.ts.
import type Database from 'better-sqlite3';
import { ftsBody, ftsFiles, ftsMeta } from '../fts-text.js';
import type { Migration } from './migration.js';

const BATCH = 5000;

function reindexEvents(db: Database.Database): void {
  db.exec(`
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
  body, tool, files, meta,
  content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'
);`);
  const read = db.prepare(
    `SELECT e.seq, e.text, e.tool, e.data, e.kind, e.session_id, s.agent, s.project_id
     FROM events e JOIN sessions s ON s.id = e.session_id WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
  );
  const insert = db.prepare(
    'INSERT INTO events_fts (rowid, body, tool, files, meta) VALUES (?, ?, ?, ?, ?)',
  );
  // Batches, not one iterator: better-sqlite3 refuses writes while a read is being iterated.
  for (let after = 0; ;) {
    const rows = read.all(after, BATCH) as {
      seq: number;
      text: string | null;
      tool: string | null;
      data: string | null;
      kind: string;
      session_id: string;
      agent: string;
      project_id: string | null;
    }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const files = r.data ? ftsFiles(safeParse(r.data)) : '';
      const meta = ftsMeta({
        kind: r.kind,
        sessionId: r.session_id,
        agent: r.agent,
        projectId: r.project_id,
      });
      insert.run(r.seq, r.text ? ftsBody(r.text) : '', r.tool ?? '', files, meta);
    }
    after = rows[rows.length - 1]!.seq;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const searchFiles: Migration = {
  version: 5,
  name: 'search-files',
  up: reindexEvents,
};
