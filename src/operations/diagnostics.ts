// Diagnostics: the one list of checks `baton doctor`, the menu, the daemon's `GET /v1/doctor` and
// the viewer's Diagnostics page all run. Beside the store's own checks (src/doctor) it holds the
// ones that need the capture adapters or the settings: each agent's hooks and the spool; history
// Baton does not hold yet and history only Baton still holds; retention — each agent's own
// (Claude Code's cleanupPeriodDays, Gemini CLI's sessionRetention) weighed against whether Baton's
// hooks record its sessions as they run, and Baton's own retention settings; and the backup
// schedule. The daemon's checks belong to the daemon, which sits above the operations: its faces
// pass them in.
import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { AgentRetention, CaptureAdapter, CaptureStatus } from '../capture/index.js';
import { STORE_CHECKS, result } from '../doctor/index.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../doctor/index.js';
import { listBackups } from '../store/index.js';
import type { Store } from '../store/index.js';
import { lastRunSetting, settingValue } from './settings.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// Loaded when a check runs: the operations share one chunk of the built CLI, and the capture
// adapters (with their settings editors) would otherwise load for every command that runs one.
const capture = () => import('../capture/index.js');

/**
 * Every check, in the order they are shown: the store's, each agent's hooks and the spool, the
 * daemon's (`daemon`, passed in by the face: null leaves them out), history, retention, backups.
 */
export function diagnosticChecks(daemon: DoctorCheck | null): DoctorCheck[] {
  return [
    ...STORE_CHECKS,
    hookInstallationCheck,
    spoolCheck,
    ...(daemon ? [daemon] : []),
    historyCheck,
    retentionCheck,
    backupScheduleCheck,
  ];
}

// ---- hooks ----

function hookResult(adapter: CaptureAdapter, status: CaptureStatus, present: boolean): CheckResult {
  const id = `hooks:${adapter.agent}`;
  const title = `${adapter.agent} hooks`;
  const details = [
    ...status.scopes
      .filter((s) => s.events.length > 0 || s.problem)
      .map((s) =>
        s.problem
          ? `${s.scope} (${s.file}): cannot read it: ${s.problem}`
          : `${s.scope} (${s.file}): ${s.events.length} hooks${s.missing.length ? `, missing ${s.missing.join(', ')}` : ''}`,
      ),
    ...(status.spooled ? [`${status.spooled} hook event(s) waiting in the spool`] : []),
    ...status.recentLogLines.map((l) => `hook log: ${l}`),
  ];
  const data = {
    agent: adapter.agent,
    installed: status.installed,
    present,
    spooled: status.spooled,
  };
  if (status.installed && status.trustAdvice) {
    const waiting = status.trust?.filter((t) => t.state !== 'trusted') ?? [];
    const message = `installed, but ${adapter.title} will not run them until trusted`;
    return result(id, title, 'warn', message, {
      details: [...details, ...waiting.map((t) => `${t.state}: ${t.key}`)],
      data: { ...data, trust: status.trust ?? [] },
      fix: status.trustAdvice,
    });
  }
  if (status.installed) {
    return result(id, title, 'ok', 'installed', {
      details,
      data: status.trust ? { ...data, trust: status.trust } : data,
    });
  }
  const partly = status.scopes.some((s) => s.events.length > 0);
  if (!present && !partly) {
    return result(id, title, 'info', `${adapter.title} is not on this machine`, { data });
  }
  return result(
    id,
    title,
    partly ? 'warn' : 'info',
    partly ? 'partly installed' : 'not installed',
    { details, data, fix: `baton install ${adapter.agent}` },
  );
}

/** One result per capture adapter (Claude Code, Codex CLI, Gemini CLI): are Baton's hooks registered? */
export async function hookInstallationCheck(ctx: DoctorContext): Promise<CheckResult[]> {
  const { CAPTURE_ADAPTERS } = await capture();
  const env = { env: ctx.env, cwd: ctx.cwd };
  return CAPTURE_ADAPTERS.map((adapter) =>
    hookResult(adapter, adapter.status(env, ctx.store, ctx.home), adapter.present?.(env) ?? true),
  );
}

/**
 * The spool: payloads waiting for the next drain (fine), claims left by a drain that was killed
 * and payloads that could not be replayed (both retried by every drain, so worth knowing about).
 */
export async function spoolCheck(ctx: DoctorContext): Promise<CheckResult[]> {
  const { spoolState } = await capture();
  const s = spoolState(ctx.home);
  const data = { waiting: s.waiting, claimed: s.claimed, failed: s.failed };
  const details = [
    ...(s.claimed ? [`${s.claimed} claimed by a drain that stopped before finishing`] : []),
    ...(s.failed ? [`${s.failed} could not be replayed (spool/failed/; see logs/hooks.log)`] : []),
  ];
  if (s.claimed + s.failed === 0) {
    return [
      result('spool', 'hook spool', 'ok', `${s.waiting} waiting for the next drain`, { data }),
    ];
  }
  return [
    result('spool', 'hook spool', 'warn', `${s.claimed + s.failed} payload(s) not yet stored`, {
      details,
      data,
      fix: 'run `baton import` (it drains the spool, retrying these); nothing is lost meanwhile',
    }),
  ];
}

// ---- history ----

/**
 * Transcripts on disk Baton does not hold yet (no import cursor, or one behind the file's size),
 * and transcripts their agent deleted after Baton read them (`history:kept`).
 */
export async function historyCheck(ctx: DoctorContext): Promise<CheckResult[]> {
  if (!ctx.store) return [];
  const { CAPTURE_ADAPTERS, discoverHistory } = await capture();
  const store = ctx.store;
  const env = { env: ctx.env, cwd: ctx.cwd };
  const behind: string[] = [];
  for (const adapter of CAPTURE_ADAPTERS) {
    if (adapter.present && !adapter.present(env)) continue;
    for (const f of discoverHistory(adapter, env).files) {
      const cursor = store.getCursor(f.path);
      let size = 0;
      try {
        size = statSync(f.path).size;
      } catch {
        continue;
      }
      if (!cursor || cursor.offset < size) behind.push(f.path);
    }
  }
  return [
    result(
      'history',
      'Agent history',
      behind.length ? 'info' : 'ok',
      behind.length
        ? `${behind.length} transcript(s) not (fully) in Baton yet`
        : 'every transcript on disk is in Baton',
      {
        details: behind.slice(0, 10),
        data: { notHeld: behind.length },
        ...(behind.length && { fix: 'baton import (or keep `baton daemon start` running)' }),
      },
    ),
    keptCheck(store),
  ];
}

export interface KeptHistory {
  /** Transcripts Baton read whose files are gone from disk. */
  transcripts: string[];
  /** The sessions those transcripts held, as far as their file names tell. */
  sessions: number;
}

/** Transcripts their agent deleted after Baton read them: Baton is now their only copy. */
export function keptOnlyByBaton(store: Store): KeptHistory {
  const transcripts: string[] = [];
  const sessions = new Set<string>();
  for (const source of store.importSources()) {
    if (source.offset === 0 || existsSync(source.path)) continue;
    transcripts.push(source.path);
    const stem = basename(source.path, extname(source.path));
    for (const id of [stem, ...(stem.match(UUID) ?? [])]) {
      const session = store.sessions.findByAgentId(source.agent, id);
      if (session) {
        sessions.add(session.id);
        break;
      }
    }
  }
  return { transcripts, sessions: sessions.size };
}

function keptCheck(store: Store): CheckResult {
  const kept = keptOnlyByBaton(store);
  const n = kept.transcripts.length;
  return result(
    'history:kept',
    'Kept only by Baton',
    'ok',
    n
      ? `${n} transcript(s) (${kept.sessions} session(s)) deleted by their agent are kept safe in Baton`
      : 'no transcript Baton read has been deleted by its agent',
    {
      details: kept.transcripts.slice(0, 10),
      data: { deletedTranscripts: n, sessions: kept.sessions },
    },
  );
}

// ---- retention ----

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

function agentRetentionResult(
  adapter: CaptureAdapter,
  r: AgentRetention,
  hooksInstalled: boolean,
): CheckResult {
  const id = `retention:${adapter.agent}`;
  const title = `${adapter.title} retention`;
  const data = {
    agent: adapter.agent,
    days: r.days,
    maxCount: r.maxCount,
    setting: r.setting,
    file: r.file,
    hooksInstalled,
  };
  const details = [
    `${r.setting} in ${r.file}${r.problem ? `: ${r.problem}, so its default is assumed` : ''}`,
  ];
  if (r.days === null && r.maxCount === null) {
    return result(id, title, 'ok', `${adapter.title} keeps its transcripts (${r.setting})`, {
      details,
      data,
    });
  }
  const limits = [
    ...(r.days !== null ? [`after ${days(r.days)}`] : []),
    ...(r.maxCount !== null ? [`beyond the newest ${r.maxCount}`] : []),
  ].join(' and ');
  const deletes = `${adapter.title} deletes transcripts ${limits} (${r.setting})`;
  if (hooksInstalled) {
    return result(
      id,
      title,
      'ok',
      `${deletes}; Baton's hooks record each session as it runs, so Baton keeps them`,
      { details, data },
    );
  }
  return result(
    id,
    title,
    'info',
    `${deletes}, and Baton's hooks are not installed: a session not imported by then is lost`,
    {
      details,
      data,
      fix: `baton install ${adapter.agent} (or keep \`baton daemon start\` running, or run \`baton import\`)`,
    },
  );
}

/**
 * Each agent's own transcript retention (for the agents on this machine that have one), and
 * Baton's: what `baton prune` deletes under retention.days and retention.checkpointDays.
 */
export async function retentionCheck(ctx: DoctorContext): Promise<CheckResult[]> {
  const { CAPTURE_ADAPTERS } = await capture();
  const env = { env: ctx.env, cwd: ctx.cwd };
  const out: CheckResult[] = [];
  for (const adapter of CAPTURE_ADAPTERS) {
    if (!adapter.retention || (adapter.present && !adapter.present(env))) continue;
    const installed = adapter.status(env, ctx.store, ctx.home).installed;
    out.push(agentRetentionResult(adapter, adapter.retention(env), installed));
  }
  if (ctx.store) out.push(batonRetention(ctx.store));
  return out;
}

function batonRetention(store: Store): CheckResult {
  const journal = numberOrNull(settingValue(store, 'retention.days'));
  const checkpoints = numberOrNull(settingValue(store, 'retention.checkpointDays'));
  const data = { days: journal, checkpointDays: checkpoints };
  if (journal === null && checkpoints === null) {
    return result(
      'retention:baton',
      'Baton retention',
      'ok',
      'Baton keeps everything it recorded (retention.days is not set)',
      { data },
    );
  }
  const parts = [
    ...(journal !== null
      ? [`events, sessions and their checkpoints older than ${days(journal)} (retention.days)`]
      : []),
    ...(checkpoints !== null
      ? [`checkpoints older than ${days(checkpoints)} (retention.checkpointDays)`]
      : []),
  ];
  return result(
    'retention:baton',
    'Baton retention',
    'info',
    `baton prune deletes ${parts.join('; ')}; todos, decisions and facts stay`,
    { data, details: ['`baton config unset retention.days` keeps everything'] },
  );
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

// ---- backups ----

/**
 * The backup schedule: how often the daemon makes one (backup.intervalHours), how many are kept
 * (backup.keep), when the last scheduled one ran, and whether the newest is as recent as the
 * schedule promises (it is not when the daemon has not been running).
 */
export function backupScheduleCheck(ctx: DoctorContext): CheckResult[] {
  if (!ctx.store) return [];
  const interval = numberOrNull(settingValue(ctx.store, 'backup.intervalHours')) ?? 0;
  const keep = numberOrNull(settingValue(ctx.store, 'backup.keep'));
  const backups = listBackups(ctx.home);
  const lastRun = ctx.store.getSetting(lastRunSetting('backup'));
  const newestAge = backups[0] ? ctx.now - backups[0].modifiedAt : null;
  const data = {
    intervalHours: interval,
    keep,
    backups: backups.length,
    lastScheduledRun: typeof lastRun === 'number' ? new Date(lastRun).toISOString() : null,
    newestAgeHours: newestAge === null ? null : Math.floor(newestAge / HOUR),
  };
  const kept = `${backups.length} in the default folder${keep !== null ? `, keeping ${keep}` : ''}`;
  // The daemon notes the time of each run, and when it first saw the schedule on (the first run
  // comes one interval later): either way the next is due one interval after it.
  const due = typeof lastRun === 'number' && interval > 0 ? lastRun + interval * HOUR : null;
  const details = due === null ? [] : [`next scheduled backup due ${when(due - ctx.now)}`];
  if (interval <= 0) {
    return [
      result(
        'backup:schedule',
        'Backup schedule',
        'info',
        `off (backup.intervalHours is 0); ${kept}`,
        {
          data,
          details,
          fix: 'baton config set backup.intervalHours 24 (backups while the daemon runs), or run `baton backup`',
        },
      ),
    ];
  }
  const every = `every ${interval} h while the daemon runs; ${kept}`;
  if (newestAge !== null && newestAge <= 2 * interval * HOUR) {
    return [result('backup:schedule', 'Backup schedule', 'ok', every, { data, details })];
  }
  return [
    result(
      'backup:schedule',
      'Backup schedule',
      'info',
      `${every}; ${newestAge === null ? 'none made yet' : `the newest is ${ago(newestAge)}`}`,
      {
        data,
        details,
        fix: 'keep the daemon running (`baton daemon start`) for scheduled ones; `baton backup` makes one now',
      },
    ),
  ];
}

function when(ms: number): string {
  return ms <= 0 ? "now (at the daemon's next pass)" : `in ${span(ms)}`;
}

function ago(ms: number): string {
  return `${span(ms)} ago`;
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} days`;
}
