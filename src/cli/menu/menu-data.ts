// What the menu shows, read once when it opens: the project, its current session and its
// checkpoints with how many events each covers.
import type { Checkpoint, Project, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';

export interface MenuCheckpoint {
  checkpoint: Checkpoint;
  /** Events of its session up to the checkpoint's journal position. */
  events: number;
}

export interface MenuData {
  project: Project;
  session: Session | null;
  checkpoints: MenuCheckpoint[];
}

const MAX_CHECKPOINTS = 20;

export function loadMenuData(
  store: Store,
  project: Project,
  sessionRef: string | undefined,
): MenuData {
  const session =
    (sessionRef ? store.sessions.get(sessionRef) : null) ??
    store.sessions.list({ projectId: project.id, limit: 1 })[0] ??
    null;
  const checkpoints = store.checkpoints
    .list({ projectId: project.id, limit: MAX_CHECKPOINTS })
    .map((checkpoint) => ({
      checkpoint,
      events: store.activity.sessionEventCount(checkpoint.sessionId, checkpoint.journalSeq),
    }));
  return { project, session, checkpoints };
}
