// The resume point: the checkpoint `checkpoint restore` chose for a project. The next brief is
// built from it instead of from the last session — until new work is recorded in the project
// after the restore, at which point that newer work is what a brief must describe.
import type { Store } from '../../store/index.js';

export interface ResumePoint {
  checkpointId: string;
  handle: string;
  setAt: number;
  /** The journal position when it was set: work recorded after it ends the resume point. */
  journalSeq: number;
}

const PREFIX = 'recover.resume-point.';
const key = (projectId: string) => `${PREFIX}${projectId}`;

export function setResumePoint(store: Store, projectId: string, point: ResumePoint): void {
  store.setSetting(key(projectId), { ...point });
}

function read(store: Store, projectId: string): ResumePoint | null {
  const v = store.getSetting(key(projectId)) as Partial<ResumePoint> | null | undefined;
  if (!v || typeof v.checkpointId !== 'string' || typeof v.journalSeq !== 'number') return null;
  return v as ResumePoint;
}

/** The checkpoint ids that are some project's resume point (retention keeps them). */
export function resumePointIds(store: Store): Set<string> {
  const ids = new Set<string>();
  // A damaged setting reads as null and protects nothing.
  for (const value of store.settingsWithPrefix(PREFIX).values()) {
    const v = value as Partial<ResumePoint> | null;
    if (v?.checkpointId) ids.add(v.checkpointId);
  }
  return ids;
}

/**
 * The project's resume point if it is still in force: set, its checkpoint still stored, and no
 * work recorded in the project since (session bookkeeping — `system` events — does not count, so
 * a new session starting up does not end it before its brief is built).
 */
export function activeResumePoint(store: Store, projectId: string): ResumePoint | null {
  const point = read(store, projectId);
  if (!point || !store.checkpoints.get(point.checkpointId)) return null;
  return store.activity.projectHasWorkAfter(projectId, point.journalSeq) ? null : point;
}
