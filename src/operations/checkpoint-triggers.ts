// Why a checkpoint is taken, in one vocabulary: the kebab-case words of the recovery module's
// CHECKPOINT_TRIGGERS (AUTO_TRIGGERS are the automatic ones), which is also how they are stored,
// so rows written before keep reading the same. A word in another spelling — capture's hooks say
// `todo_completed` — is read through the recovery module's autoTriggerOf.
import { onTrigger as takeAutomaticCheckpoint } from '../recover/index.js';
import type { AutoTrigger } from '../recover/index.js';
import type { OpsWorld } from './world.js';

export type { AutoTrigger };

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
