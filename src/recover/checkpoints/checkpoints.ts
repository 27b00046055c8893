// Checkpoint operations over the store: create (one transaction, compressed by the store), list,
// read back, diff and prune. Restore lives in restore-checkpoint.ts.
import { BatonError } from '../../core/index.js';
import type { Checkpoint, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { readGitSnapshot, readSnapshot, parseSnapshot } from './checkpoint-snapshot.js';
import type { CheckpointSnapshot } from './checkpoint-snapshot.js';
import { diffState } from './diff-state.js';
import type { StateDiff } from './diff-state.js';
import { createGitRunner } from '../../git/index.js';
import type { GitRunner } from '../../git/index.js';
import { DEFAULT_RETENTION, planRetention } from './retention.js';
import type { RetentionPolicy } from './retention.js';
import { resumePointIds } from './resume-point.js';

/** Why a checkpoint was taken. Other words are accepted; these are the ones Baton uses. */
export const CHECKPOINT_TRIGGERS = [
  'manual',
  'interval',
  'todo-completed',
  'decision-recorded',
  'error',
  'pre-compaction',
  'session-end',
  'crash',
  'pre-rollback',
] as const;
export type CheckpointTrigger = (typeof CHECKPOINT_TRIGGERS)[number];

export interface CreateCheckpointOptions {
  /** Session id, handle or the agent's session id. */
  session: string;
  trigger: CheckpointTrigger | (string & {});
  label?: string | null;
  now: number;
  /** Runs `git status` for the dirty files; null skips it (branch and HEAD are still read). */
  git?: GitRunner | null;
  /** The working folder (default: the session's, else the project root). */
  cwd?: string | null;
}

export function requireSession(store: Store, ref: string): Session {
  const s = store.sessions.get(ref);
  if (!s) {
    throw new BatonError('NOT_FOUND', `no session "${ref}"`, { hint: 'see `baton session list`' });
  }
  return s;
}

export function createCheckpoint(store: Store, opts: CreateCheckpointOptions): Checkpoint {
  const session = requireSession(store, opts.session);
  const root = session.projectId ? (store.projects.get(session.projectId)?.root ?? null) : null;
  const git = readGitSnapshot(
    opts.cwd ?? session.cwd ?? root,
    opts.git === undefined ? createGitRunner() : opts.git,
  );
  return store.transaction(() => {
    const snap = readSnapshot(store, store.sessions.get(session.id) ?? session, git, opts.now);
    return store.checkpoints.insert({
      sessionId: session.id,
      projectId: session.projectId,
      label: opts.label ?? null,
      trigger: opts.trigger,
      journalSeq: snap.journalSeq,
      gitHead: git.head,
      gitBranch: git.branch,
      gitDirty: git.dirty,
      snapshot: JSON.stringify(snap),
      createdAt: opts.now,
    });
  });
}

export function getCheckpoint(store: Store, ref: string): Checkpoint {
  const c = store.checkpoints.get(ref);
  if (!c) {
    throw new BatonError('NOT_FOUND', `no checkpoint "${ref}"`, {
      hint: 'see `baton checkpoint list`',
    });
  }
  return c;
}

export function loadSnapshot(store: Store, checkpoint: Checkpoint): CheckpointSnapshot {
  return parseSnapshot(store.checkpoints.snapshot(checkpoint.id), checkpoint.handle);
}

export interface ListCheckpointsOptions {
  projectId?: string;
  /** Session id, handle or the agent's session id. */
  session?: string;
  limit?: number;
}

/** Newest first. */
export function listCheckpoints(store: Store, opts: ListCheckpointsOptions = {}): Checkpoint[] {
  const sessionId = opts.session === undefined ? undefined : requireSession(store, opts.session).id;
  return store.checkpoints.list({
    ...(sessionId !== undefined && { sessionId }),
    ...(opts.projectId !== undefined && { projectId: opts.projectId }),
    ...(opts.limit !== undefined && { limit: opts.limit }),
  });
}

export interface CheckpointDiff {
  from: Checkpoint;
  to: Checkpoint;
  state: StateDiff;
  /** Events recorded in the project between the two journal positions. */
  events: number;
}

export function diffCheckpoints(store: Store, fromRef: string, toRef: string): CheckpointDiff {
  const from = getCheckpoint(store, fromRef);
  const to = getCheckpoint(store, toRef);
  const a = loadSnapshot(store, from);
  const b = loadSnapshot(store, to);
  const [lo, hi] = [
    Math.min(from.journalSeq, to.journalSeq),
    Math.max(from.journalSeq, to.journalSeq),
  ];
  const projectId = to.projectId ?? from.projectId;
  const events = store.activity.projectEventCount(projectId, lo, hi);
  return { from, to, state: diffState(a, b), events };
}

export interface PruneOptions {
  /** Only this project's checkpoints (default: all). */
  projectId?: string;
  /** Only this session's checkpoints (what automatic pruning after a checkpoint uses). */
  sessionId?: string;
  policy?: RetentionPolicy;
  dryRun?: boolean;
}

export interface PruneResult {
  kept: Checkpoint[];
  removed: Checkpoint[];
  /** Compressed bytes the removed checkpoints took. */
  freedBytes: number;
  dryRun: boolean;
}

export function pruneCheckpoints(store: Store, opts: PruneOptions = {}): PruneResult {
  const all = store.checkpoints.list({
    ...(opts.projectId !== undefined && { projectId: opts.projectId }),
    ...(opts.sessionId !== undefined && { sessionId: opts.sessionId }),
  });
  const plan = planRetention(all, opts.policy ?? DEFAULT_RETENTION, resumePointIds(store));
  if (!opts.dryRun && plan.remove.length) store.checkpoints.remove(plan.remove.map((c) => c.id));
  return {
    kept: plan.keep,
    removed: plan.remove,
    freedBytes: plan.remove.reduce((n, c) => n + c.size, 0),
    dryRun: Boolean(opts.dryRun),
  };
}
