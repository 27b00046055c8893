// Search (issue 14): Chinese, Japanese and Korean text is indexed with the bigrams of its runs
// (see ../fts-text.ts), so a word inside a run can be found. Only rows whose text holds such
// characters change, so only those are re-indexed: each event's index row is replaced (the index
// is contentless with deletes, so a row is removed by its rowid alone), and each record's stored
// index text gains the bigrams.
import type Database from 'better-sqlite3';
import { cjkBigrams, ftsBody, ftsFiles, ftsMeta } from '../fts-text.js';
import type { Migration } from './migration.js';

const BATCH = 2000;
/** Any character of the scripts indexed as bigrams, as a GLOB class (ranges by code point). */
const CJK_GLOB =
  "'*[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u31f0-\u31ff\uf900-\ufaff\uff66-\uff9f]*'";

interface EventRow {
  seq: number;
  text: string;
  tool: string | null;
  data: string | null;
  kind: string;
  session_id: string;
  agent: string;
  project_id: string | null;
}

function reindexEvents(db: Database.Database): void {
  const read = db.prepare(
    `SELECT e.seq, e.text, e.tool, e.data, e.kind, e.session_id, s.agent, s.project_id
     FROM events e JOIN sessions s ON s.id = e.session_id
     WHERE e.seq > ? AND e.text GLOB ${CJK_GLOB} ORDER BY e.seq LIMIT ?`,
  );
  const remove = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
  const insert = db.prepare(
    'INSERT INTO events_fts (rowid, body, tool, files, meta) VALUES (?, ?, ?, ?, ?)',
  );
  // Batches, not one iterator: better-sqlite3 refuses writes while a read is being iterated.
  for (let after = 0; ;) {
    const rows = read.all(after, BATCH) as EventRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const meta = ftsMeta({
        kind: r.kind,
        sessionId: r.session_id,
        agent: r.agent,
        projectId: r.project_id,
      });
      remove.run(r.seq);
      insert.run(
        r.seq,
        ftsBody(r.text),
        r.tool ?? '',
        r.data ? ftsFiles(safeParse(r.data)) : '',
        meta,
      );
    }
    after = rows[rows.length - 1]!.seq;
  }
}

function reindexRecords(db: Database.Database): void {
  const rows = db
    .prepare(`SELECT rowid AS id, body FROM records_fts WHERE body GLOB ${CJK_GLOB}`)
    .all() as { id: number; body: string }[];
  const update = db.prepare('UPDATE records_fts SET body = ? WHERE rowid = ?');
  for (const r of rows) update.run(`${r.body}\n${cjkBigrams(r.body).join(' ')}`, r.id);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const cjkIndex: Migration = {
  version: 8,
  name: 'cjk-bigrams',
  up: (db) => {
    reindexEvents(db);
    reindexRecords(db);
  },
};
