// Why a checkpoint is taken, in one vocabulary: the kebab-case words of the recovery module's
// CHECKPOINT_TRIGGERS, which is also how they are stored. Older spellings still arrive from
// agents, hooks and scripts — snake_case (`todo_completed`) and `user` for `manual` — and are read
// as the same words, so stored rows and old callers keep working.
import {
  AUTO_TRIGGERS,
  CHECKPOINT_TRIGGERS,
  onTrigger as takeAutomaticCheckpoint,
} from '../recover/index.js';
import type { AutoTrigger, CheckpointTrigger } from '../recover/index.js';
import type { OpsWorld } from './world.js';

export { AUTO_TRIGGERS, CHECKPOINT_TRIGGERS };
export type { AutoTrigger, CheckpointTrigger };

/** Older words for the same trigger. */
const ALIASES: Readonly<Record<string, CheckpointTrigger>> = { user: 'manual' };

const normal = (name: string) => name.trim().toLowerCase().replace(/_/g, '-');

/** The trigger a word names, in any accepted spelling, or null if Baton has none by that name. */
export function checkpointTriggerOf(name: string): CheckpointTrigger | null {
  const word = normal(name);
  if (ALIASES[word]) return ALIASES[word];
  return (CHECKPOINT_TRIGGERS as readonly string[]).includes(word)
    ? (word as CheckpointTrigger)
    : null;
}

/** The automatic trigger a word names, in any accepted spelling, or null. */
export function autoTriggerOf(name: string): AutoTrigger | null {
  const word = normal(name);
  return (AUTO_TRIGGERS as readonly string[]).includes(word) ? (word as AutoTrigger) : null;
}

/**
 * After a write: the automatic checkpoint its trigger calls for, in `sessionId` (none without a
 * session). A checkpoint is a side effect — if it cannot be taken, the write stands and the
 * failure is only reported to the world.
 */
export function checkpointAfterWrite(
  world: OpsWorld,
  sessionId: string | null,
  trigger: AutoTrigger,
): void {
  if (sessionId === null) return;
  try {
    if (world.onTrigger) world.onTrigger(trigger, sessionId);
    else
      takeAutomaticCheckpoint(world.store, {
        sessionId,
        trigger,
        now: world.clock.now(),
        git: world.git,
      });
  } catch (error) {
    world.noteFailure?.(`automatic checkpoint failed: ${(error as Error).message}`);
  }
}
