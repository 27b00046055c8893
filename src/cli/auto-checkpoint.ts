// Automatic checkpoints after the CLI's own writes (todo done, decision add, log error, session
// end, and every few minutes of logged activity). A checkpoint is a side effect: if it cannot be
// taken, the write the user asked for still stands, so failures are only shown with BATON_DEBUG.
import type { Project, Session } from '../core/index.js';
import { createGitRunner, onTrigger } from '../recover/index.js';
import type { AutoTrigger } from '../recover/index.js';
import type { CliContext } from './context.js';

/** The session a write belongs to, if there is one — never creates a session for a checkpoint. */
export function knownSession(ctx: CliContext, project: Project, flag?: string): Session | null {
  const store = ctx.store();
  const ref = flag ?? ctx.world.env.BATON_SESSION;
  if (ref) return store.sessions.get(ref);
  return store.sessions.list({ projectId: project.id, status: 'active', limit: 1 })[0] ?? null;
}

export function checkpointAfter(
  ctx: CliContext,
  session: Session | null,
  trigger: AutoTrigger,
): void {
  if (!session) return;
  try {
    onTrigger(ctx.store(), {
      sessionId: session.id,
      trigger,
      now: ctx.now,
      git: createGitRunner({ env: ctx.world.env }),
    });
  } catch (error) {
    if (ctx.world.env.BATON_DEBUG) {
      ctx.out.error(`baton: automatic checkpoint failed: ${(error as Error).message}`);
    }
  }
}
