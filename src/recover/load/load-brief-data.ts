// Reads what a brief needs from the store into BriefData: the project's live state, or the state a
// checkpoint holds (with how far the present has drifted from it), the session's last activity,
// the timeline (full mode) and the task in focus (`--todo`). Change detection is left to the
// caller, which gets the base to compare against.
import { BatonError } from '../../core/index.js';
import type { Project, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { BriefData, BriefMode, CheckpointView, RecentActivity } from '../brief/brief-types.js';
import { emptyActivity } from '../brief/brief-types.js';
import { endStateOf, lastKnownGit, resolveSource } from './brief-source.js';
import type { BriefSource, SourceRequest } from './brief-source.js';
import { loadSnapshot } from '../checkpoints/checkpoints.js';
import type { ChangeBase } from './detect-changes.js';
import { diffState, driftOf } from '../checkpoints/diff-state.js';
import { loadFullHistory } from './load-timeline.js';
import { loadTodoFocus } from './load-todo-focus.js';
import { loadRecentActivity } from './recent-activity.js';

export interface BriefRequest extends SourceRequest {
  mode: BriefMode;
  now: number;
  todoRef?: string | undefined;
}

export interface LoadedBrief {
  data: BriefData;
  /** What to compare the working folder against; null when there is nothing to compare. */
  changeBase: ChangeBase | null;
  project: Project;
}

function liveState(store: Store, projectId: string, now: number) {
  return {
    todos: store.todos.list({ projectId }),
    decisions: store.decisions.list({ projectId }),
    facts: store.facts.list({ projectId, includeGlobal: true, includeExpired: true, now }),
    components: store.components.list(projectId),
  };
}

function fromCheckpoint(store: Store, source: BriefSource, projectId: string, now: number) {
  const c = source.checkpoint!;
  const snap = loadSnapshot(store, c);
  const state = {
    todos: snap.todos,
    decisions: snap.decisions,
    facts: snap.facts,
    components: snap.components,
  };
  const view: CheckpointView = {
    handle: c.handle,
    trigger: c.trigger,
    label: c.label,
    createdAt: c.createdAt,
    restoredAt: source.restoredAt,
  };
  const base: ChangeBase = {
    head: c.gitHead,
    branch: c.gitBranch,
    at: c.createdAt,
    dirty: c.gitDirty,
  };
  return {
    state,
    recent: snap.recent,
    view,
    base,
    session: source.session ?? snap.session,
    drift: driftOf(diffState(state, liveState(store, projectId, now))),
  };
}

function sessionBase(store: Store, session: Session): ChangeBase {
  const known = lastKnownGit(store, session);
  const base: ChangeBase = { head: known.head, branch: known.branch, at: session.lastActivityAt };
  if (known.dirty) base.dirty = known.dirty;
  // Nothing recorded the HEAD it ended on (history imported from a transcript, an agent without
  // an end hook): the commit that was HEAD when it last did something stands for it.
  if (!known.atEnd) base.headAtTime = true;
  return base;
}

function projectOf(store: Store, req: BriefRequest): Project {
  const p = store.projects.get(req.projectId);
  if (!p) throw new BatonError('NOT_FOUND', `no project "${req.projectId}"`);
  return p;
}

export function loadBriefData(store: Store, req: BriefRequest): LoadedBrief {
  let project = projectOf(store, req);
  const source = resolveSource(store, { ...req, projectId: project.id });
  // A checkpoint asked for by name speaks for its own project.
  const owner = source.checkpoint?.projectId ?? source.session?.projectId;
  if (owner && owner !== project.id) project = store.projects.get(owner) ?? project;
  const root = project.root;
  const cp = source.checkpoint ? fromCheckpoint(store, source, project.id, req.now) : null;
  const session = cp?.session ?? source.session;
  let recent: RecentActivity =
    cp?.recent ?? (session ? loadRecentActivity(store, session.id, root) : emptyActivity());
  let timeline: BriefData['timeline'] = [];
  if (req.mode === 'full' && session && !cp) {
    const history = loadFullHistory(store, project.id, session, root, req.excludeSessionId);
    timeline = history.timeline;
    recent = history.recent;
  }
  const state = cp?.state ?? liveState(store, project.id, req.now);
  const changeBase = cp?.base ?? (session ? sessionBase(store, session) : null);
  const data: BriefData = {
    now: req.now,
    project: { name: project.name, root },
    session,
    endState: session ? endStateOf(store, session, recent) : null,
    checkpoint: cp?.view ?? null,
    ...state,
    recent,
    changes: null,
    drift: cp?.drift ?? null,
    timeline,
    focus: req.todoRef !== undefined ? loadTodoFocus(store, project.id, req.todoRef, root) : null,
  };
  return { data, changeBase, project };
}
