// Checkpoints asked for by a person or an agent: take one now, list them, restore one. The
// snapshot, its storage and its retention belong to the recovery module; the rules of the
// request — which session, the `manual` trigger, the working folder — are here.
import type { Checkpoint, Session } from '../core/index.js';
import {
  createCheckpoint,
  detectCrashes,
  diffCheckpoints,
  loadSnapshot,
  pruneCheckpoints as pruneInStore,
  listCheckpoints as checkpointsInStore,
  restoreCheckpoint as restoreInStore,
} from '../recover/index.js';
import type { CheckpointDiff, RestoreResult } from '../recover/index.js';
import type { SessionInput } from '../store/index.js';
import { BatonError } from '../core/index.js';
import { resolveCheckpoint } from './checkpoint-ref.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface TakeCheckpointInput {
  projectId: string;
  label?: string | null | undefined;
  session?: string | undefined;
  /**
   * With no session named: the active one, else the project's most recent (`last`), else a new
   * one (`new`, with newSession).
   */
  whenUnnamed: 'last' | 'new';
  newSession?: Omit<SessionInput, 'projectId'>;
  /** An environment session that names none: an error (the shell's default) or ignored. */
  staleEnv?: 'fail' | 'ignore';
  /** Where git is read; default: the session's folder, else the project root. */
  cwd?: string | undefined;
}

export function takeCheckpoint(world: OpsWorld, input: TakeCheckpointInput): Checkpoint {
  const session = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    staleEnv: input.staleEnv ?? 'fail',
    fallback: input.whenUnnamed === 'last' ? 'active-or-last' : 'active-or-new',
    ...(input.newSession && { newSession: input.newSession }),
  });
  if (!session) {
    throw new BatonError('NOT_FOUND', 'no session in this project to checkpoint', {
      hint: 'start one with `baton session start`, or let an agent record one',
    });
  }
  const label = input.label?.trim() || null;
  return createCheckpoint(world.store, {
    session: session.id,
    trigger: 'manual',
    label,
    now: world.clock.now(),
    git: world.git,
    ...(input.cwd !== undefined && { cwd: input.cwd }),
  });
}

export interface ListCheckpointsInput {
  /** Absent: every project's. */
  projectId?: string | undefined;
  session?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Newest first, after giving each session whose agent died its crash checkpoint. */
export function listCheckpoints(world: OpsWorld, input: ListCheckpointsInput): Checkpoint[] {
  const offset = input.offset ?? 0;
  const { projectId } = input;
  detectCrashes(world.store, {
    now: world.clock.now(),
    ...(projectId !== undefined && { projectId }),
  });
  return checkpointsInStore(world.store, {
    ...(projectId !== undefined && { projectId }),
    ...(input.session !== undefined && { session: input.session }),
    ...(input.limit !== undefined && { limit: offset + input.limit }),
  }).slice(offset);
}

/** Makes a checkpoint the resume point; with rollback also returns the records to it. */
export function restoreCheckpoint(
  world: OpsWorld,
  input: { ref: string; rollback: boolean; projectId?: string | undefined },
): RestoreResult {
  return restoreInStore(world.store, {
    checkpoint: resolveCheckpoint(world, input).id,
    rollback: input.rollback,
    now: world.clock.now(),
    git: world.git,
  });
}

export interface ShownCheckpoint {
  checkpoint: Checkpoint;
  snapshot: ReturnType<typeof loadSnapshot>;
  /** The session it was taken in, when the store still has it. */
  session: Session | null;
  /** The snapshot's size before compression. */
  rawBytes: number;
}

/** One checkpoint with what it holds; NOT_FOUND for a handle or id the store does not know. */
export function showCheckpoint(
  world: OpsWorld,
  input: { ref: string; projectId?: string | undefined },
): ShownCheckpoint {
  const checkpoint = resolveCheckpoint(world, input);
  return {
    checkpoint,
    snapshot: loadSnapshot(world.store, checkpoint),
    session: world.store.sessions.get(checkpoint.sessionId) ?? null,
    rawBytes: Buffer.byteLength(world.store.checkpoints.snapshot(checkpoint.id)),
  };
}

/** What changed in the records between two checkpoints. */
export function compareCheckpoints(
  world: OpsWorld,
  input: { from: string; to: string; projectId?: string | undefined },
): CheckpointDiff {
  const from = resolveCheckpoint(world, { ref: input.from, projectId: input.projectId });
  const to = resolveCheckpoint(world, { ref: input.to, projectId: input.projectId });
  return diffCheckpoints(world.store, from.id, to.id);
}

export interface PruneCheckpointsInput {
  /** Only this project's checkpoints; absent: every project. */
  projectId?: string | undefined;
  keepPerSession: number;
  dryRun: boolean;
}

/** Applies retention: what is removed (or would be, on a dry run), what is kept, bytes freed. */
export function pruneCheckpoints(
  world: OpsWorld,
  input: PruneCheckpointsInput,
): ReturnType<typeof pruneInStore> {
  return pruneInStore(world.store, {
    ...(input.projectId !== undefined && { projectId: input.projectId }),
    policy: { keepPerSession: input.keepPerSession },
    dryRun: input.dryRun,
  });
}
