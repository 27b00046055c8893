// Which session (or checkpoint) a brief resumes from: the one asked for, else the project's resume
// point set by `checkpoint restore`, else the project's last session that did something — never
// the session asking for the brief, and never a subagent's. Also: how that session ended.
import { BatonError } from '../../core/index.js';
import type { Checkpoint, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { EndState, RecentActivity } from '../brief/brief-types.js';
import { getCheckpoint, requireSession } from '../checkpoints/checkpoints.js';
import { activeResumePoint } from '../checkpoints/resume-point.js';

export interface SourceRequest {
  projectId: string;
  sessionRef?: string | undefined;
  checkpointRef?: string | undefined;
  excludeSessionId?: string | undefined;
}

export interface BriefSource {
  session: Session | null;
  checkpoint: Checkpoint | null;
  /** When the checkpoint became the resume point (null when asked for by name). */
  restoredAt: number | null;
}

/** The project's most recently active session, preferring one that recorded something. */
export function lastSession(store: Store, projectId: string, exclude?: string): Session | null {
  const id =
    store.activity.lastSessionId(projectId, exclude ?? '', true) ??
    store.activity.lastSessionId(projectId, exclude ?? '', false);
  return id === null ? null : store.sessions.get(id);
}

export function resolveSource(store: Store, req: SourceRequest): BriefSource {
  if (req.sessionRef !== undefined && req.checkpointRef !== undefined) {
    throw new BatonError('USAGE', 'give a session or a checkpoint, not both');
  }
  if (req.checkpointRef !== undefined) {
    const checkpoint = getCheckpoint(store, req.checkpointRef);
    return { session: store.sessions.get(checkpoint.sessionId), checkpoint, restoredAt: null };
  }
  if (req.sessionRef !== undefined) {
    return { session: requireSession(store, req.sessionRef), checkpoint: null, restoredAt: null };
  }
  const point = activeResumePoint(store, req.projectId);
  const checkpoint = point ? store.checkpoints.get(point.checkpointId) : null;
  if (point && checkpoint) {
    return {
      session: store.sessions.get(checkpoint.sessionId),
      checkpoint,
      restoredAt: point.setAt,
    };
  }
  return {
    session: lastSession(store, req.projectId, req.excludeSessionId),
    checkpoint: null,
    restoredAt: null,
  };
}

export function endStateOf(store: Store, s: Session, recent: RecentActivity): EndState {
  if (s.status === 'crashed') return 'crashed';
  const last = recent.actions[recent.actions.length - 1];
  const compactedLast =
    last?.kind === 'compaction' && last.seq >= (recent.prompts.at(-1)?.seq ?? 0);
  if (s.status === 'active') return compactedLast ? 'compacted' : 'active';
  const reason = (s.endReason ?? '').toLowerCase();
  if (reason.includes('clear')) return 'cleared';
  if (reason.includes('compact') || compactedLast) return 'compacted';
  const continued = store.activity.continuedBy(s.id);
  if (continued) return continued === 'clear' ? 'cleared' : 'compacted';
  return 'ended';
}

/**
 * The HEAD and branch the session last knew: its end HEAD, else the newest checkpoint taken while
 * it was alive (a crash checkpoint is taken later, so it may already see newer commits), else its
 * start.
 */
export function lastKnownGit(store: Store, s: Session) {
  const alive = store.checkpoints
    .list({ sessionId: s.id, limit: 20 })
    .find((c) => c.trigger !== 'crash' && c.createdAt <= s.lastActivityAt + 60_000);
  return {
    head: s.gitHeadEnd ?? alive?.gitHead ?? s.gitHeadStart,
    branch: alive?.gitBranch ?? s.gitBranch,
    dirty: alive?.gitDirty,
    /** Whether `head` is the session's state at its end (recorded then, or by a checkpoint). */
    atEnd: s.gitHeadEnd !== null || (alive?.gitHead ?? null) !== null,
  };
}
