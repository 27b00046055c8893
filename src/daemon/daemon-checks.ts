// What `baton doctor` says about the daemon and about history an agent may delete: whether the
// daemon runs; transcripts on disk Baton does not hold yet (no import cursor, or one behind the
// file's size); and Claude Code's own retention (`cleanupPeriodDays`, 30 days when unset), after
// which it deletes transcripts — those Baton already read stay in the store.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURE_ADAPTERS, discoverHistory } from '../capture/index.js';
import { result } from '../doctor/index.js';
import type { CheckResult, DoctorContext } from '../doctor/index.js';
import { daemonStatus } from './daemon-control.js';

const CLAUDE_DEFAULT_CLEANUP_DAYS = 30;

export function daemonCheck(ctx: DoctorContext): CheckResult[] {
  const s = daemonStatus(ctx.home);
  return [
    result(
      'daemon',
      'Daemon',
      'info',
      s.running
        ? `running (pid ${s.pid}${s.port === null ? '' : `, http://127.0.0.1:${s.port}`})`
        : 'not running: transcripts are read at hooks and imports only',
      {
        data: { running: s.running, pid: s.pid, port: s.port },
        ...(!s.running && { fix: 'baton daemon start' }),
      },
    ),
  ];
}

export function historyCheck(ctx: DoctorContext): CheckResult[] {
  if (!ctx.store) return [];
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
  const days = claudeCleanupDays(ctx.env);
  const retention = `Claude Code deletes transcripts after ${days} days (cleanupPeriodDays)`;
  return [
    result(
      'history',
      'Agent history',
      behind.length ? 'info' : 'ok',
      behind.length
        ? `${behind.length} transcript(s) not (fully) in Baton yet; ${retention}`
        : `every transcript on disk is in Baton; ${retention}`,
      {
        details: behind.slice(0, 10),
        data: { notHeld: behind.length, claudeCleanupPeriodDays: days },
        ...(behind.length && { fix: 'baton import (or keep `baton daemon start` running)' }),
      },
    ),
  ];
}

function claudeCleanupDays(env: NodeJS.ProcessEnv): number {
  const dir = env.CLAUDE_CONFIG_DIR?.trim() || join(env.HOME ?? '', '.claude');
  try {
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      cleanupPeriodDays?: unknown;
    };
    const days = settings.cleanupPeriodDays;
    return typeof days === 'number' ? days : CLAUDE_DEFAULT_CLEANUP_DAYS;
  } catch {
    return CLAUDE_DEFAULT_CLEANUP_DAYS;
  }
}
