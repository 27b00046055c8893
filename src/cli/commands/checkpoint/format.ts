// Shared pieces of the checkpoint commands' output.
import type { Checkpoint, Project } from '../../../core/index.js';
import type { Store } from '../../../store/index.js';
import { lastSessionOf } from '../../../recover/index.js';
import type { CliContext } from '../../context.js';
import { BatonError } from '../../../core/index.js';

export const shortSha = (sha: string | null) => (sha ? sha.slice(0, 7) : '-');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function gitLine(c: Checkpoint): string {
  if (!c.gitHead && !c.gitBranch) return 'not a git repository';
  const dirty = c.gitDirty.length ? `, ${c.gitDirty.length} uncommitted file(s)` : ', clean';
  return `${c.gitBranch ?? 'detached HEAD'} @ ${shortSha(c.gitHead)}${dirty}`;
}

/**
 * The session a checkpoint of the present belongs to: --session, else $BATON_SESSION, else the
 * project's active session, else its last one.
 */
export function sessionForCheckpoint(
  ctx: CliContext,
  store: Store,
  project: Project,
  flag?: string,
) {
  const ref = flag ?? ctx.world.env.BATON_SESSION;
  if (ref) {
    const s = store.sessions.get(ref);
    if (!s)
      throw new BatonError('NOT_FOUND', `no session "${ref}"`, {
        hint: 'see `baton session list`',
      });
    return s;
  }
  const active = store.sessions.list({ projectId: project.id, status: 'active', limit: 1 })[0];
  const session = active ?? lastSessionOf(store, project.id);
  if (!session) {
    throw new BatonError('NOT_FOUND', 'no session in this project to checkpoint', {
      hint: 'start one with `baton session start`, or let an agent record one',
    });
  }
  return session;
}
