// Checks of what the store holds: counts per kind, sessions per agent, the last capture per
// source, crashed sessions, and sessions that look active but have gone silent.
import { result } from './types.js';
import type { CheckResult, DoctorContext } from './types.js';

const DAY = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** What the store holds: events per kind (kept as they are written) and records per kind. */
export function contentsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const kinds = ctx.store.stats.eventsByKind();
  const r = ctx.store.stats.recordCounts();
  const total = kinds.reduce((n, k) => n + k.n, 0);
  const perKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
  return [
    result(
      'contents',
      'contents',
      'info',
      `${total.toLocaleString('en-US')} events, ${r.todos} todos, ${r.decisions} decisions, ${r.facts} facts, ${r.checkpoints} checkpoints, ${r.projects} projects`,
      {
        details: kinds.map((k) => `${k.kind}: ${k.n.toLocaleString('en-US')}`),
        data: { events: total, eventsByKind: perKind, ...r },
      },
    ),
  ];
}

export function sessionsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const agents = ctx.store.stats.sessionsByAgent();
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
  const sources = ctx.store.stats.captureSources();
  if (sources.length === 0) {
    return [
      result('capture', 'capture', 'info', 'nothing captured by hooks or importers yet', {
        fix: "install an agent's hooks (baton install <agent>) or import its transcripts (baton import)",
      }),
    ];
  }
  return sources.map((s) => {
    const failing = s.lastErrorAt !== null && s.lastErrorAt >= (s.lastSeenAt ?? 0);
    const seen = s.lastSeenAt === null ? 'never succeeded' : `last capture ${when(s.lastSeenAt)}`;
    return result(
      `capture:${s.source}`,
      `capture ${s.source}`,
      failing ? 'warn' : 'ok',
      failing ? `${seen}; failing since ${when(s.lastErrorAt!)}` : seen,
      {
        details: s.lastError
          ? [`last error (${s.errorCount} in all): ${s.lastError.slice(0, 300)}`]
          : [],
        data: {
          source: s.source,
          lastSeenAt: iso(s.lastSeenAt),
          lastErrorAt: iso(s.lastErrorAt),
          errorCount: s.errorCount,
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
  const recent = ctx.store.stats.crashedSince(ctx.now - 7 * DAY);
  if (recent.length === 0)
    return [result('crashed', 'crashed sessions', 'ok', 'none in the last 7 days')];
  return [
    result('crashed', 'crashed sessions', 'info', `${recent.length} in the last 7 days`, {
      details: recent
        .slice(0, 10)
        .map((s) => `${s.handle} (${s.agent}), last activity ${when(s.lastActivityAt)}`),
      fix: 'pick up where one left off: run `baton` and load its checkpoint',
      data: { handles: recent.map((s) => s.handle) },
    }),
  ];
}

export function silentSessionsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const silent = ctx.store.stats.activeSilentSince(ctx.now - DAY);
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
          .map((s) => `${s.handle} (${s.agent}), last activity ${when(s.lastActivityAt)}`),
        fix: `end them if they are over: baton session end ${silent[0]!.handle}`,
        data: { handles: silent.map((s) => s.handle) },
      },
    ),
  ];
}
