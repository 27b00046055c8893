// Keeps events_fts in step with the journal: what each event contributes to each column (see
// ../fts-text.ts), written on append, and rewritten for a session's events when the session moves
// to another project (its `meta` tokens name the project). Stores opened part-way through their
// migrations (upgrade tests) still have the two-column index of schema 1, and get that.
import { ftsBody, ftsFiles, ftsMeta } from '../fts-text.js';
import { write } from './context.js';
import type { SqliteContext } from './context.js';
import type { Statement } from './driver.js';

/** An event as the index sees it: its body and files text already made (../prepare-event.ts). */
export interface IndexedEvent {
  kind: string;
  sessionId: string;
  tool: string | null;
  ftsBody: string;
  ftsFiles: string;
}

interface SessionFacts {
  agent: string | null;
  projectId: string | null;
}

/** A session's facts, with the `meta` text of each kind of its events made once. */
export interface IndexedSession extends SessionFacts {
  metaByKind: Map<string, string>;
}

/**
 * Index rows held back while EventsIndex.deferring runs, per connection. FTS5 writes out what it
 * holds in memory whenever another table is written between two of its rows (a bulk import's
 * batches are separated by cursors, sessions and todos), and each such flush is a small segment
 * to merge later: rows written together after the batches cost much less.
 */
const held = new WeakMap<SqliteContext, unknown[][]>();

const INSERT_FULL =
  'INSERT INTO events_fts (rowid, body, tool, files, meta) VALUES (?, ?, ?, ?, ?)';

function flushHeld(ctx: SqliteContext): void {
  const rows = held.get(ctx);
  if (!rows || rows.length === 0) return;
  const insert = ctx.stmt(INSERT_FULL);
  for (const row of rows) insert.run(...row);
  rows.length = 0;
}

export class EventsIndex {
  /** Whether the index has its current columns (a store held at schema 1 has two). */
  readonly full: boolean;
  private readonly insert: Statement;
  private readonly facts: Statement;

  constructor(private readonly ctx: SqliteContext) {
    this.full =
      ctx.db.prepare("SELECT 1 FROM pragma_table_info('events_fts') WHERE name = 'meta'").get() !==
      undefined;
    this.insert = this.full
      ? ctx.db.prepare(INSERT_FULL)
      : ctx.db.prepare('INSERT INTO events_fts (rowid, body, tool) VALUES (?, ?, ?)');
    this.facts = ctx.db.prepare('SELECT agent, project_id AS projectId FROM sessions WHERE id = ?');
  }

  /**
   * Runs `fn` in a write transaction; the index rows of the events it appends are written when it
   * returns, all together (see `held`). Anything that rewrites index rows writes them first.
   */
  static deferring<T>(ctx: SqliteContext, fn: () => T): T {
    return write(ctx, () => {
      if (held.has(ctx)) return fn();
      held.set(ctx, []);
      try {
        const result = fn();
        flushHeld(ctx);
        return result;
      } finally {
        held.delete(ctx);
      }
    });
  }

  /** Facts of the sessions an append touches, looked up once per session per append. */
  sessionCache(): (sessionId: string) => IndexedSession {
    const cache = new Map<string, IndexedSession>();
    return (id) => {
      let f = cache.get(id);
      if (!f) {
        const facts = (this.facts.get(id) as SessionFacts | undefined) ?? {
          agent: null,
          projectId: null,
        };
        f = { ...facts, metaByKind: new Map() };
        cache.set(id, f);
      }
      return f;
    };
  }

  add(seq: number, e: IndexedEvent, session: IndexedSession): void {
    if (!this.full) {
      if (e.ftsBody || e.tool) this.insert.run(seq, e.ftsBody, e.tool ?? '');
      return;
    }
    let meta = session.metaByKind.get(e.kind);
    if (meta === undefined) {
      meta = ftsMeta({ kind: e.kind, sessionId: e.sessionId, ...session });
      session.metaByKind.set(e.kind, meta);
    }
    const later = held.get(this.ctx);
    if (later) later.push([seq, e.ftsBody, e.tool ?? '', e.ftsFiles, meta]);
    else this.insert.run(seq, e.ftsBody, e.tool ?? '', e.ftsFiles, meta);
  }

  /** Rewrites the index rows of a session's events (after its project changed). */
  reindexSession(sessionId: string): void {
    if (!this.full) return;
    flushHeld(this.ctx);
    const session = this.sessionCache()(sessionId);
    const rows = this.ctx.db
      .prepare(
        'SELECT seq, kind, baton_text(text) AS text, tool, baton_text(data) AS data FROM events WHERE session_id = ? ORDER BY seq',
      )
      .all(sessionId) as {
      seq: number;
      kind: string;
      text: string | null;
      tool: string | null;
      data: string | null;
    }[];
    const drop = this.ctx.db.prepare('DELETE FROM events_fts WHERE rowid = ?');
    for (const r of rows) {
      drop.run(r.seq);
      const data = r.data === null ? null : safeParse(r.data);
      this.add(
        r.seq,
        {
          kind: r.kind,
          sessionId,
          tool: r.tool,
          ftsBody: r.text ? ftsBody(r.text) : '',
          ftsFiles: data ? ftsFiles(data) : '',
        },
        session,
      );
    }
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
