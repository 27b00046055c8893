// `checkpoint restore`: make a checkpoint the project's resume point, and with rollback also
// return todos, decisions and the project's facts to their state at that checkpoint — after taking
// a checkpoint of the present, so that the rollback itself can be undone by restoring that one.
// Global facts are shared by every project and are never rolled back by one project's checkpoint.
import { BatonError } from '../../core/index.js';
import type { Checkpoint, ContextFact } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { StateDrift } from '../brief/brief-types.js';
import type { CheckpointSnapshot } from './checkpoint-snapshot.js';
import { createCheckpoint, getCheckpoint, loadSnapshot } from './checkpoints.js';
import { diffState, driftOf } from './diff-state.js';
import type { StateDiff } from './diff-state.js';
import type { GitRunner } from '../../git/index.js';
import { setResumePoint } from './resume-point.js';

export interface RestoreOptions {
  /** Checkpoint id or handle. */
  checkpoint: string;
  rollback?: boolean;
  now: number;
  git?: GitRunner | null;
  cwd?: string | null;
}

export interface RestoreResult {
  checkpoint: Checkpoint;
  /** With rollback: the checkpoint of the state before it — restore it with rollback to undo. */
  undo: Checkpoint | null;
  /** With rollback: how many todos, decisions and facts were put back. */
  rolledBack: StateDrift | null;
}

const projectFacts = (facts: ContextFact[], projectId: string) =>
  facts.filter((f) => f.projectId === projectId);

function liveState(store: Store, projectId: string, now: number) {
  return {
    todos: store.todos.list({ projectId }),
    decisions: store.decisions.list({ projectId }),
    facts: projectFacts(
      store.facts.list({ projectId, includeGlobal: false, includeExpired: true, now }),
      projectId,
    ),
    components: [],
  };
}

function applyFacts(store: Store, diff: StateDiff['facts'], projectId: string): void {
  for (const f of [...diff.added, ...diff.changed.map((c) => c.after)]) {
    store.facts.set({
      projectId,
      key: f.key,
      value: f.value,
      category: f.category,
      priority: f.priority,
      expiresAt: f.expiresAt,
      sessionId: f.sessionId,
    });
  }
  for (const f of diff.removed) store.facts.unset(projectId, f.key);
}

/** Puts the snapshot's todos, decisions and project facts back; returns how many changed. */
export function rollBack(
  store: Store,
  projectId: string,
  snap: CheckpointSnapshot,
  now: number,
): StateDrift {
  return store.transaction(() => {
    const target = {
      todos: snap.todos.filter((t) => t.projectId === projectId),
      decisions: snap.decisions.filter((d) => d.projectId === projectId),
      facts: projectFacts(snap.facts, projectId),
      components: [],
    };
    // diff(now → then): "added" are records the checkpoint has and the present lost.
    const diff = diffState(liveState(store, projectId, now), target);
    for (const t of [...diff.todos.added, ...diff.todos.changed.map((c) => c.after)])
      store.todos.restore(t);
    for (const t of diff.todos.removed) store.todos.remove(t.id);
    for (const d of [...diff.decisions.added, ...diff.decisions.changed.map((c) => c.after)]) {
      store.decisions.restore(d);
    }
    for (const d of diff.decisions.removed) store.decisions.remove(d.id);
    applyFacts(store, diff.facts, projectId);
    return driftOf(diff);
  });
}

/** The session the present belongs to: the project's most recently active one. */
function presentSession(store: Store, projectId: string, fallback: string): string {
  return store.sessions.list({ projectId, limit: 1 })[0]?.id ?? fallback;
}

export function restoreCheckpoint(store: Store, opts: RestoreOptions): RestoreResult {
  const checkpoint = getCheckpoint(store, opts.checkpoint);
  const snap = loadSnapshot(store, checkpoint);
  const projectId = checkpoint.projectId ?? snap.project?.id ?? null;
  if (projectId === null) {
    throw new BatonError('INVALID_INPUT', `checkpoint ${checkpoint.handle} belongs to no project`, {
      hint: 'only checkpoints of a project can become its resume point',
    });
  }
  let undo: Checkpoint | null = null;
  let rolledBack: StateDrift | null = null;
  if (opts.rollback) {
    undo = createCheckpoint(store, {
      session: presentSession(store, projectId, checkpoint.sessionId),
      trigger: 'pre-rollback',
      label: `before rollback to ${checkpoint.handle}`,
      now: opts.now,
      ...(opts.git !== undefined && { git: opts.git }),
      ...(opts.cwd !== undefined && { cwd: opts.cwd }),
    });
    rolledBack = rollBack(store, projectId, snap, opts.now);
  }
  setResumePoint(store, projectId, {
    checkpointId: checkpoint.id,
    handle: checkpoint.handle,
    setAt: opts.now,
    journalSeq: store.events.lastSeq(),
  });
  store.audit('checkpoint.restore', checkpoint.handle, {
    rollback: Boolean(opts.rollback),
    undo: undo?.handle ?? null,
  });
  return { checkpoint, undo, rolledBack };
}
