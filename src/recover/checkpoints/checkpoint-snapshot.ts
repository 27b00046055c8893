// What a checkpoint holds: the project's todos, decisions, facts and components, the session's
// recent activity, and git's HEAD, branch and dirty files — everything a brief needs to resume
// from it, and everything a rollback needs to return to it. Read inside one transaction so the
// parts agree with each other and with the journal position recorded beside them.
import { BatonError } from '../../core/index.js';
import type { ComponentState, ContextFact, Decision, Session, Todo } from '../../core/index.js';
import { findRepo, readGitState } from '../../git/index.js';
import type { Store } from '../../store/index.js';
import type { RecentActivity } from '../brief/brief-types.js';
import { parsePorcelain } from '../../git/index.js';
import type { GitRunner } from '../../git/index.js';
import { loadRecentActivity } from '../load/recent-activity.js';

export interface GitSnapshot {
  head: string | null;
  branch: string | null;
  dirty: string[];
}

export interface CheckpointSnapshot {
  version: 1;
  takenAt: number;
  journalSeq: number;
  session: Session;
  project: { id: string; name: string; root: string } | null;
  git: GitSnapshot;
  todos: Todo[];
  decisions: Decision[];
  /** The project's facts and the global ones, expired included. */
  facts: ContextFact[];
  components: ComponentState[];
  recent: RecentActivity;
}

/** Branch and HEAD from the .git files; dirty files from `git status` when a runner is given. */
export function readGitSnapshot(cwd: string | null, git: GitRunner | null): GitSnapshot {
  const repo = cwd ? findRepo(cwd) : null;
  if (!repo) return { head: null, branch: null, dirty: [] };
  const state = readGitState(repo.root);
  let dirty: string[] = [];
  if (git) {
    const status = git.runSync(
      ['status', '--porcelain=v1', '-z', '--untracked-files=normal'],
      repo.root,
    );
    if (status.ok) dirty = parsePorcelain(status.stdout).map((f) => f.path);
  }
  return { head: state.head, branch: state.branch, dirty };
}

/** Reads the snapshot; call it inside the transaction that stores the checkpoint. */
export function readSnapshot(
  store: Store,
  session: Session,
  git: GitSnapshot,
  now: number,
): CheckpointSnapshot {
  const project = session.projectId ? store.projects.get(session.projectId) : null;
  const projectId = project?.id ?? null;
  return {
    version: 1,
    takenAt: now,
    journalSeq: store.events.lastSeq(),
    session,
    project: project ? { id: project.id, name: project.name, root: project.root } : null,
    git,
    todos: projectId ? store.todos.list({ projectId }) : [],
    decisions: projectId ? store.decisions.list({ projectId }) : [],
    facts: store.facts.list({ projectId, includeGlobal: true, includeExpired: true, now }),
    components: projectId ? store.components.list(projectId) : [],
    recent: loadRecentActivity(store, session.id, project?.root ?? null),
  };
}

export function parseSnapshot(text: string, handle: string): CheckpointSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const snap = value as Partial<CheckpointSnapshot> | null;
  if (!snap || snap.version !== 1 || !snap.session || !Array.isArray(snap.todos)) {
    throw new BatonError('STORE_CORRUPT', `checkpoint ${handle} holds no snapshot Baton can read`, {
      hint: 'it may come from a newer Baton; other checkpoints: `baton checkpoint list`',
    });
  }
  return snap as CheckpointSnapshot;
}
