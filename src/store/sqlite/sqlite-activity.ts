// Recovery's reads of the journal across sessions and events. Each query walks an index of the
// events table (by session and seq, by kind, or the full-text index), so a brief costs what it
// shows, not what the store holds.
import type { Activity, EventExcerpt, TailOptions } from '../store.js';
import type { SqliteContext } from './context.js';

type MentionRow = EventExcerpt & { session_id: string };

export class SqliteActivity implements Activity {
  constructor(private readonly ctx: SqliteContext) {}

  sessionTail(sessionId: string, opts: TailOptions): EventExcerpt[] {
    const columns =
      'seq, ts, kind, tool, substr(baton_text(text), 1, ?) AS text, baton_text(data) AS data';
    if (opts.kind === 'error') {
      // Errors have a partial index of their own (migration 004), which only a literal kind uses.
      return this.ctx
        .stmt(
          `SELECT ${columns} FROM events WHERE session_id = ? AND kind = 'error' AND seq <= ?
           ORDER BY seq DESC LIMIT ?`,
        )
        .all(opts.textCap, sessionId, opts.upToSeq, opts.limit) as EventExcerpt[];
    }
    if (opts.kind === undefined) {
      return this.ctx
        .stmt(
          `SELECT ${columns} FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq DESC LIMIT ?`,
        )
        .all(opts.textCap, sessionId, opts.upToSeq, opts.limit) as EventExcerpt[];
    }
    return this.ctx
      .stmt(
        `SELECT ${columns} FROM events WHERE session_id = ? AND kind = ? AND seq <= ?
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(opts.textCap, sessionId, opts.kind, opts.upToSeq, opts.limit) as EventExcerpt[];
  }

  sessionEventCount(sessionId: string, upToSeq: number): number {
    const row = this.ctx
      .stmt('SELECT count(*) AS n FROM events WHERE session_id = ? AND seq <= ?')
      .get(sessionId, upToSeq) as { n: number };
    return row.n;
  }

  sessionErrorCount(sessionId: string): number {
    const row = this.ctx
      .stmt("SELECT count(*) AS n FROM events WHERE session_id = ? AND kind = 'error'")
      .get(sessionId) as { n: number };
    return row.n;
  }

  sessionHasEventsAfter(sessionId: string, seq: number): boolean {
    return (
      this.ctx
        .stmt('SELECT 1 FROM events WHERE session_id = ? AND seq > ? LIMIT 1')
        .get(sessionId, seq) !== undefined
    );
  }

  projectHasWorkAfter(projectId: string, seq: number): boolean {
    const row = this.ctx
      .stmt(
        `SELECT 1 FROM events e JOIN sessions s ON s.id = e.session_id
         WHERE e.seq > ? AND s.project_id = ? AND e.kind != 'system' LIMIT 1`,
      )
      .get(seq, projectId);
    return row !== undefined;
  }

  projectEventCount(projectId: string | null, afterSeq: number, upToSeq: number): number {
    const row = this.ctx
      .stmt(
        `SELECT count(*) AS n FROM events e JOIN sessions s ON s.id = e.session_id
         WHERE e.seq > ? AND e.seq <= ? AND s.project_id IS ?`,
      )
      .get(afterSeq, upToSeq, projectId) as { n: number };
    return row.n;
  }

  lastSessionId(projectId: string, excludeId: string, withEvents: boolean): string | null {
    const row = this.ctx
      .stmt(
        `SELECT id FROM sessions WHERE project_id = ? AND id != ?
           AND (parent_kind IS NULL OR parent_kind != 'subagent') ${withEvents ? 'AND event_count > 0' : ''}
         ORDER BY last_activity_at DESC, id DESC LIMIT 1`,
      )
      .get(projectId, excludeId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  continuedBy(sessionId: string): 'compact' | 'clear' | null {
    const row = this.ctx
      .stmt(
        `SELECT parent_kind FROM sessions WHERE parent_id = ? AND parent_kind IN ('compact', 'clear')
         ORDER BY started_at LIMIT 1`,
      )
      .get(sessionId) as { parent_kind: 'compact' | 'clear' } | undefined;
    return row?.parent_kind ?? null;
  }

  projectMentions(
    projectId: string,
    match: string,
    opts: { limit: number; textCap: number },
  ): (EventExcerpt & { sessionId: string })[] {
    const rows = this.ctx
      .stmt(
        `SELECT e.seq, e.ts, e.kind, e.tool, substr(baton_text(e.text), 1, ?) AS text, baton_text(e.data) AS data, e.session_id
         FROM events e JOIN sessions s ON s.id = e.session_id
         WHERE e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) AND s.project_id = ?
         ORDER BY e.seq DESC LIMIT ?`,
      )
      .all(opts.textCap, match, projectId, opts.limit) as MentionRow[];
    return rows.map(({ session_id, ...r }) => ({ ...r, sessionId: session_id }));
  }
}
