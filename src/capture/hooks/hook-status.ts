// What `baton doctor` shows for Codex and Gemini CLI: whether Baton's hooks are registered (per
// scope, with what is missing), when a hook last reached the store, and the latest failures — from
// the store's capture log and from the hook log for failures that never reached the store.
import { readFileSync } from 'node:fs';
import type { Store } from '../../store/index.js';
import type { AgentEnv, CaptureStatus, HookScopeStatus, InstallScope } from '../adapter.js';
import { hookLogPath, hookSource } from './hook-names.js';
import { spooledCount } from './spool-drain.js';
import { batonHookEvents } from '../install/hooks-json-plan.js';
import type { HookSet } from '../install/hooks-json-plan.js';

const RECENT_LOG_LINES = 5;

export function hookScopeStatus(scope: InstallScope, file: string, set: HookSet): HookScopeStatus {
  let events: string[] = [];
  let problem: string | null = null;
  try {
    events = batonHookEvents(readFileSync(file, 'utf8'), file, set);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problem = (error as Error).message;
  }
  return { scope, file, events, missing: set.events.filter((e) => !events.includes(e)), problem };
}

export function agentStatus(
  agent: string,
  env: AgentEnv,
  store: Store | null,
  batonHome: string,
  scopes: HookScopeStatus[],
  set: HookSet,
): CaptureStatus {
  void env;
  const registered = new Set(scopes.flatMap((s) => s.events));
  const log = store?.captureLog(hookSource(agent)) ?? null;
  return {
    agent,
    installed: set.events.every((e) => registered.has(e)),
    scopes,
    lastSeenAt: log?.lastSeenAt ?? null,
    lastError: log?.lastError ?? null,
    lastErrorAt: log?.lastErrorAt ?? null,
    errorCount: log?.errorCount ?? 0,
    recentLogLines: recentLogLines(batonHome, agent),
    spooled: spooledCount(batonHome),
  };
}

function recentLogLines(home: string, agent: string): string[] {
  try {
    const lines = readFileSync(hookLogPath(home), 'utf8').split('\n');
    return lines.filter((l) => l.includes(` ${agent} `)).slice(-RECENT_LOG_LINES);
  } catch {
    return [];
  }
}
