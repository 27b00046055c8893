// What an operation needs from outside the store, passed in by the face that calls it: the clock,
// the session the environment names, how to run git for checkpoints, and where to report an
// automatic checkpoint that failed. Nothing here reads the process; the faces do that once.
import type { Clock } from '../core/index.js';
import type { GitRunner } from '../recover/index.js';
import type { Store } from '../store/index.js';
import type { AutoTrigger } from './checkpoint-triggers.js';

export interface OpsWorld {
  readonly store: Store;
  readonly clock: Clock;
  /** The session the caller's environment names ($BATON_SESSION for a shell or an agent), or null. */
  readonly envSession: string | null;
  /**
   * The agent whose process is calling (an MCP client names itself), when it is known. A write
   * that names no session, and whose environment names none Baton knows, then belongs to that
   * agent's live session in the project: the agent that started this server is working there.
   */
  readonly callerAgent?: string | null | undefined;
  /** Runs git while a checkpoint is taken; null skips `git status` (branch and HEAD are still read). */
  readonly git: GitRunner | null;
  /** Hears an automatic checkpoint that failed: the write it followed still stands. */
  readonly noteFailure?: ((message: string) => void) | undefined;
  /**
   * Takes the automatic checkpoint of a trigger in place of the recovery module's rule (a face
   * that records triggers for later, or a test that observes them).
   */
  readonly onTrigger?: ((trigger: AutoTrigger, sessionId: string) => void) | undefined;
}
