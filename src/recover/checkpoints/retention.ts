// Checkpoint retention as a pure plan: the last N checkpoints of every session, plus the newest of
// every calendar day in each project, plus those a person labelled and those something depends on
// (a project's resume point). Everything else may go.
import { dayKey } from '../../core/index.js';
import type { Checkpoint } from '../../core/index.js';

export interface RetentionPolicy {
  /** Checkpoints kept per session, newest first (default 10). */
  keepPerSession: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepPerSession: 10 };

export interface RetentionPlan {
  keep: Checkpoint[];
  remove: Checkpoint[];
  /** Why each kept checkpoint is kept, by id. */
  reasons: Map<string, string>;
}

const newestFirst = (a: Checkpoint, b: Checkpoint) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function planRetention(
  checkpoints: Checkpoint[],
  policy: RetentionPolicy = DEFAULT_RETENTION,
  pinned: ReadonlySet<string> = new Set(),
): RetentionPlan {
  const reasons = new Map<string, string>();
  const keepFor = (c: Checkpoint, why: string) => {
    if (!reasons.has(c.id)) reasons.set(c.id, why);
  };
  const sorted = [...checkpoints].sort(newestFirst);
  const perSession = new Map<string, number>();
  const days = new Set<string>();
  for (const c of sorted) {
    if (pinned.has(c.id)) keepFor(c, 'resume point');
    if (c.label) keepFor(c, 'labelled');
    const n = (perSession.get(c.sessionId) ?? 0) + 1;
    perSession.set(c.sessionId, n);
    if (n <= policy.keepPerSession) keepFor(c, `last ${policy.keepPerSession} of its session`);
    const day = `${c.projectId ?? ''}|${dayKey(c.createdAt)}`;
    if (!days.has(day)) {
      days.add(day);
      keepFor(c, 'newest of its day');
    }
  }
  return {
    keep: sorted.filter((c) => reasons.has(c.id)),
    remove: sorted.filter((c) => !reasons.has(c.id)),
    reasons,
  };
}
