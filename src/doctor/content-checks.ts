// Checks of what the store holds: counts per kind, sessions per agent, the last capture per
// source, crashed sessions, and sessions that look active but have gone silent.
import type { Store } from '../store/index.js';
import { result } from './types.js';
import type { CheckResult, DoctorContext } from './types.js';

const DAY = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

function rows<T>(store: Store, sql: string, params: unknown[] = []): T[] {
  return store.query<T>(sql, params);
}

export function contentsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const kinds = rows<{ kind: string; n: number }>(
    ctx.store,
    'SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY n DESC',
  );
  const [records] = rows<Record<string, number>>(
    ctx.store,
    `SELECT (SELECT count(*) FROM todos WHERE deleted_at IS NULL) AS todos,
            (SELECT count(*) FROM decisions WHERE deleted_at IS NULL) AS decisions,
            (SELECT count(*) FROM facts WHERE deleted_at IS NULL) AS facts,
            (SELECT count(*) FROM checkpoints) AS checkpoints,
            (SELECT count(*) FROM projects) AS projects`,
  );
  const total = kinds.reduce((n, k) => n + k.n, 0);
  const perKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
  const r = records ?? {};
  return [
    result(
      'contents',
      'contents',
      'info',
      `${total.toLocaleString('en-US')} events, ${r.todos ?? 0} todos, ${r.decisions ?? 0} decisions, ${r.facts ?? 0} facts, ${r.checkpoints ?? 0} checkpoints, ${r.projects ?? 0} projects`,
      {
        details: kinds.map((k) => `${k.kind}: ${k.n.toLocaleString('en-US')}`),
        data: { events: total, eventsByKind: perKind, ...r },
      },
    ),
  ];
}

export function sessionsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const agents = rows<{ agent: string; n: number; active: number; crashed: number }>(
    ctx.store,
    `SELECT agent, count(*) AS n, sum(status = 'active') AS active, sum(status = 'crashed') AS crashed
     FROM sessions GROUP BY agent ORDER BY n DESC`,
  );
  const summary = agents.length
    ? agents.map((a) => `${a.agent} ${a.n}`).join(' · ')
    : 'no sessions yet';
  return [
    result('sessions', 'sessions per agent', 'info', summary, {
      details: agents.map(
        (a) => `${a.agent}: ${a.n} sessions (${a.active} active, ${a.crashed} crashed)`,
      ),
      data: {
        byAgent: Object.fromEntries(
          agents.map((a) => [a.agent, { sessions: a.n, active: a.active, crashed: a.crashed }]),
        ),
      },
    }),
  ];
}

export function captureCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const sources = rows<{
    source: string;
    last_seen_at: number | null;
    last_error: string | null;
    last_error_at: number | null;
    error_count: number;
  }>(
    ctx.store,
    'SELECT source, last_seen_at, last_error, last_error_at, error_count FROM capture_log ORDER BY source',
  );
  if (sources.length === 0) {
    return [
      result('capture', 'capture', 'info', 'nothing captured by hooks or importers yet', {
        fix: "install an agent's hooks (baton install <agent>) or import its transcripts (baton import)",
      }),
    ];
  }
  return sources.map((s) => {
    const failing = s.last_error_at !== null && s.last_error_at >= (s.last_seen_at ?? 0);
    const seen =
      s.last_seen_at === null ? 'never succeeded' : `last capture ${when(s.last_seen_at)}`;
    return result(
      `capture:${s.source}`,
      `capture ${s.source}`,
      failing ? 'warn' : 'ok',
      failing ? `${seen}; failing since ${when(s.last_error_at!)}` : seen,
      {
        details: s.last_error
          ? [`last error (${s.error_count} in all): ${s.last_error.slice(0, 300)}`]
          : [],
        data: {
          source: s.source,
          lastSeenAt: iso(s.last_seen_at),
          lastErrorAt: iso(s.last_error_at),
          errorCount: s.error_count,
        },
        ...(failing && {
          fix: `see the error above; rerun the agent with BATON_DEBUG=1 to reproduce it, and report it if it is Baton's`,
        }),
      },
    );
  });
}

export function crashedSessionsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const recent = rows<{ handle: string; agent: string; last_activity_at: number }>(
    ctx.store,
    "SELECT handle, agent, last_activity_at FROM sessions WHERE status = 'crashed' AND last_activity_at >= ? ORDER BY last_activity_at DESC",
    [ctx.now - 7 * DAY],
  );
  if (recent.length === 0)
    return [result('crashed', 'crashed sessions', 'ok', 'none in the last 7 days')];
  return [
    result('crashed', 'crashed sessions', 'info', `${recent.length} in the last 7 days`, {
      details: recent
        .slice(0, 10)
        .map((s) => `${s.handle} (${s.agent}), last activity ${when(s.last_activity_at)}`),
      fix: 'pick up where one left off: run `baton` and load its checkpoint',
      data: { handles: recent.map((s) => s.handle) },
    }),
  ];
}

export function silentSessionsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const silent = rows<{ handle: string; agent: string; last_activity_at: number }>(
    ctx.store,
    "SELECT handle, agent, last_activity_at FROM sessions WHERE status = 'active' AND last_activity_at < ? ORDER BY last_activity_at",
    [ctx.now - DAY],
  );
  if (silent.length === 0)
    return [result('silent', 'open sessions', 'ok', 'no active session silent for over a day')];
  return [
    result(
      'silent',
      'open sessions',
      'warn',
      `${silent.length} session(s) marked active but silent for over a day`,
      {
        details: silent
          .slice(0, 10)
          .map((s) => `${s.handle} (${s.agent}), last activity ${when(s.last_activity_at)}`),
        fix: `end them if they are over: baton session end ${silent[0]!.handle}`,
        data: { handles: silent.map((s) => s.handle) },
      },
    ),
  ];
}
