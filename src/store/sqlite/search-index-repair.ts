// The full-text indexes hold nothing that is not elsewhere: events_fts is made from the events
// (it is contentless, so it keeps no text of its own) and records_fts keeps its text beside its
// index. So a damaged index is rebuilt in place and nothing is lost — no backup to restore.
import { ftsBody, ftsFiles, ftsMeta } from '../fts-text.js';
import { unpackText } from '../text-codec.js';
import type { Database as Db } from './driver.js';

const INDEXES = ['events_fts', 'records_fts'] as const;
const BATCH = 2000;

/** What FTS5's own integrity check says of each index; empty when both are sound. */
export function searchIndexProblems(db: Db): string[] {
  const problems: string[] = [];
  for (const table of INDEXES) {
    try {
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
    } catch (error) {
      problems.push(`${table}: ${(error as Error).message}`);
    }
  }
  return problems;
}

interface EventRow {
  seq: number;
  /** Plain or packed (../text-codec.ts). */
  text: string | Buffer | null;
  tool: string | null;
  data: string | Buffer | null;
  kind: string;
  session_id: string;
  agent: string;
  project_id: string | null;
}

/**
 * Drops events_fts and builds it again from every event; rebuilds records_fts from its own text.
 * One transaction: a rebuild cut short leaves the index as it was. Returns the events indexed.
 */
export function rebuildSearchIndex(db: Db): { events: number } {
  const create = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events_fts'")
    .pluck()
    .get() as string;
  let events = 0;
  db.transaction(() => {
    db.exec('DROP TABLE events_fts');
    db.exec(create);
    const read = db.prepare(
      `SELECT e.seq, e.text, e.tool, e.data, e.kind, e.session_id, s.agent, s.project_id
       FROM events e JOIN sessions s ON s.id = e.session_id
       WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
    );
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
        const data = unpackText(r.data);
        const text = unpackText(r.text);
        const files = data ? ftsFiles(safeParse(data)) : '';
        insert.run(r.seq, text ? ftsBody(text) : '', r.tool ?? '', files, meta);
      }
      events += rows.length;
      after = rows[rows.length - 1]!.seq;
    }
    db.exec("INSERT INTO records_fts (records_fts) VALUES ('rebuild')");
  })();
  return { events };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
