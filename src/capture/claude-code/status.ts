// What `baton doctor` shows for Claude Code: whether Baton's hooks are registered (per settings
// scope, with what is missing), when a hook last reached the store, the latest failures — from
// the store's capture log and from the hook log for failures that never reached the store — and
// how many hot events wait in the spool.
import { readFileSync } from 'node:fs';
import type { Store } from '../../store/index.js';
import type { AgentEnv, CaptureStatus, HookScopeStatus, InstallScope } from '../adapter.js';
import { hookLogPath, hookSource } from '../hook-names.js';
import { spooledCount } from '../spool-drain.js';
import { batonHookEvents } from '../hooks-json-plan.js';
import { CLAUDE_HOOKS, anyClaudeHookSet } from './hook-entries.js';
import { settingsFileFor } from './installer.js';
import { AGENT } from './refs.js';

const RECENT_LOG_LINES = 5;

function scopeStatus(env: AgentEnv, scope: InstallScope): HookScopeStatus {
  const file = settingsFileFor(env, scope);
  let events: string[] = [];
  let problem: string | null = null;
  try {
    events = batonHookEvents(readFileSync(file, 'utf8'), file, anyClaudeHookSet);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problem = (error as Error).message;
  }
  const missing = CLAUDE_HOOKS.map((h) => h.event).filter((e) => !events.includes(e));
  return { scope, file, events, missing, problem };
}

interface CaptureLogRow {
  last_seen_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  error_count: number;
}

export function claudeCodeStatus(
  env: AgentEnv,
  store: Store | null,
  batonHome: string,
): CaptureStatus {
  const scopes = (['user', 'project'] as const).map((s) => scopeStatus(env, s));
  const registered = new Set(scopes.flatMap((s) => s.events));
  const [log] =
    store?.query<CaptureLogRow>(
      'SELECT last_seen_at, last_error, last_error_at, error_count FROM capture_log WHERE source = ?',
      [hookSource(AGENT)],
    ) ?? [];
  return {
    agent: AGENT,
    installed: CLAUDE_HOOKS.every((h) => registered.has(h.event)),
    scopes,
    lastSeenAt: log?.last_seen_at ?? null,
    lastError: log?.last_error ?? null,
    lastErrorAt: log?.last_error_at ?? null,
    errorCount: log?.error_count ?? 0,
    recentLogLines: recentLogLines(batonHome),
    spooled: spooledCount(batonHome),
  };
}

function recentLogLines(home: string): string[] {
  try {
    const lines = readFileSync(hookLogPath(home), 'utf8').split('\n');
    return lines.filter((l) => l.includes(` ${AGENT} `)).slice(-RECENT_LOG_LINES);
  } catch {
    return [];
  }
}
