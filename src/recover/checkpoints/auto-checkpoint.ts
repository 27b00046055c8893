// Automatic checkpoints. Whoever writes (the CLI, a hook, the MCP server, the daemon) calls
// onTrigger after the write: on a trigger (todo completed, decision recorded, error, pre-compaction,
// session end, crash) it takes a checkpoint; on plain `activity` it takes one only when the
// session has been active for the interval (default 5 minutes) since its last one. Each automatic
// checkpoint is followed by the session's retention, so a long session keeps a bounded number.
import type { Checkpoint } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { createCheckpoint, pruneCheckpoints, requireSession } from './checkpoints.js';
import type { GitRunner } from '../../git/index.js';
import { DEFAULT_RETENTION } from './retention.js';
import type { RetentionPolicy } from './retention.js';

export const AUTO_TRIGGERS = [
  'activity',
  'todo-completed',
  'decision-recorded',
  'error',
  'pre-compaction',
  'session-end',
  'crash',
] as const;
export type AutoTrigger = (typeof AUTO_TRIGGERS)[number];

/** A trigger named either way (`todo_completed`, `todo-completed`), or null if Baton has none. */
export function autoTriggerOf(name: string): AutoTrigger | null {
  const normal = name.trim().toLowerCase().replace(/_/g, '-');
  return (AUTO_TRIGGERS as readonly string[]).includes(normal) ? (normal as AutoTrigger) : null;
}

export const DEFAULT_INTERVAL_MS = 5 * 60_000;
/** A burst of errors (a failing loop) gets one checkpoint, not one per error. */
const ERROR_GAP_MS = 30_000;

export interface TriggerOptions {
  /** Session id, handle or the agent's session id. */
  sessionId: string;
  trigger: AutoTrigger;
  now: number;
  intervalMs?: number;
  policy?: RetentionPolicy;
  git?: GitRunner | null;
  cwd?: string | null;
}

export interface TriggerResult {
  checkpoint: Checkpoint | null;
  /** Why a checkpoint was or was not taken. */
  reason: string;
  /** Older checkpoints of the session removed by retention. */
  pruned: number;
}

/** Why to take a checkpoint now, or null to skip. */
function decide(
  store: Store,
  opts: TriggerOptions,
  sessionId: string,
  startedAt: number,
): string | null {
  const [last] = store.checkpoints.list({ sessionId, limit: 1 });
  const interval = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (opts.trigger === 'activity') {
    const since = last?.createdAt ?? startedAt;
    if (opts.now - since < interval) return null;
    return store.activity.sessionHasEventsAfter(sessionId, last?.journalSeq ?? 0)
      ? 'interval'
      : null;
  }
  if (
    opts.trigger === 'error' &&
    last?.trigger === 'error' &&
    opts.now - last.createdAt < ERROR_GAP_MS
  ) {
    return null;
  }
  return opts.trigger;
}

export function onTrigger(store: Store, opts: TriggerOptions): TriggerResult {
  const session = requireSession(store, opts.sessionId);
  const trigger = decide(store, opts, session.id, session.startedAt);
  if (trigger === null) {
    const reason = opts.trigger === 'activity' ? 'not due yet' : 'one checkpoint per error burst';
    return { checkpoint: null, reason, pruned: 0 };
  }
  const checkpoint = createCheckpoint(store, {
    session: session.id,
    trigger,
    now: opts.now,
    ...(opts.git !== undefined && { git: opts.git }),
    ...(opts.cwd !== undefined && { cwd: opts.cwd }),
  });
  const { removed } = pruneCheckpoints(store, {
    sessionId: session.id,
    policy: opts.policy ?? DEFAULT_RETENTION,
  });
  return { checkpoint, reason: trigger, pruned: removed.length };
}
