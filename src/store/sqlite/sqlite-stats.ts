// Totals over the whole store, for `baton doctor`: counts per kind and agent, capture health and
// sessions whose state needs a look.
import type { CaptureSource, DayActivity, SessionLastSeen, Stats } from '../store.js';
import type { SqliteContext } from './context.js';

interface CaptureRow {
  source: string;
  last_seen_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  error_count: number;
}

interface SessionRow {
  handle: string;
  agent: string;
  last_activity_at: number;
}

const toLastSeen = (r: SessionRow): SessionLastSeen => ({
  handle: r.handle,
  agent: r.agent,
  lastActivityAt: r.last_activity_at,
});

export class SqliteStats implements Stats {
  constructor(private readonly ctx: SqliteContext) {}

  eventsByKind(): { kind: string; n: number }[] {
    // Kept by triggers since schema 12 (migration 012); a store held at an older schema counts.
    const kept = (this.ctx.db.pragma('user_version', { simple: true }) as number) >= 12;
    return this.ctx
      .stmt(
        kept
          ? 'SELECT kind, n FROM event_counts WHERE n > 0 ORDER BY n DESC'
          : 'SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY n DESC',
      )
      .all() as { kind: string; n: number }[];
  }

  recordCounts() {
    return this.ctx
      .stmt(
        `SELECT (SELECT count(*) FROM todos WHERE deleted_at IS NULL) AS todos,
                (SELECT count(*) FROM decisions WHERE deleted_at IS NULL) AS decisions,
                (SELECT count(*) FROM facts WHERE deleted_at IS NULL) AS facts,
                (SELECT count(*) FROM checkpoints) AS checkpoints,
                (SELECT count(*) FROM projects) AS projects`,
      )
      .get() as ReturnType<Stats['recordCounts']>;
  }

  sessionsByAgent(): { agent: string; n: number; active: number; crashed: number }[] {
    return this.ctx
      .stmt(
        `SELECT agent, count(*) AS n, sum(status = 'active') AS active, sum(status = 'crashed') AS crashed
         FROM sessions GROUP BY agent ORDER BY n DESC`,
      )
      .all() as { agent: string; n: number; active: number; crashed: number }[];
  }

  captureSources(): CaptureSource[] {
    const rows = this.ctx
      .stmt(
        'SELECT source, last_seen_at, last_error, last_error_at, error_count FROM capture_log ORDER BY source',
      )
      .all() as CaptureRow[];
    return rows.map((r) => ({
      source: r.source,
      lastSeenAt: r.last_seen_at,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      errorCount: r.error_count,
    }));
  }

  crashedSince(since: number): SessionLastSeen[] {
    const rows = this.ctx
      .stmt(
        "SELECT handle, agent, last_activity_at FROM sessions WHERE status = 'crashed' AND last_activity_at >= ? ORDER BY last_activity_at DESC",
      )
      .all(since) as SessionRow[];
    return rows.map(toLastSeen);
  }

  activeSilentSince(before: number): SessionLastSeen[] {
    const rows = this.ctx
      .stmt(
        "SELECT handle, agent, last_activity_at FROM sessions WHERE status = 'active' AND last_activity_at < ? ORDER BY last_activity_at",
      )
      .all(before) as SessionRow[];
    return rows.map(toLastSeen);
  }

  activityByDay(projectId: string | null): DayActivity[] {
    return this.ctx
      .stmt(
        `SELECT date(started_at / 1000, 'unixepoch') AS day, agent, count(*) AS sessions,
                coalesce(sum(event_count), 0) AS events
         FROM sessions WHERE (@p IS NULL OR project_id = @p)
         GROUP BY day, agent ORDER BY day, agent`,
      )
      .all({ p: projectId }) as DayActivity[];
  }
}
