// What `baton doctor` says about history an agent may delete: transcripts on disk Baton does not
// hold yet (no import cursor, or one behind the file's size); transcripts the agent has deleted
// since Baton read them — their sessions are now kept only by Baton; and Claude Code's own
// retention (`cleanupPeriodDays`, 30 days when unset), after which it deletes transcripts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CAPTURE_ADAPTERS, discoverHistory } from '../capture/index.js';
import { result } from '../doctor/index.js';
import type { CheckResult, DoctorContext } from '../doctor/index.js';
import type { Store } from '../store/index.js';

const CLAUDE_DEFAULT_CLEANUP_DAYS = 30;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

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
