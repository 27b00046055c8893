// A stand-in for src/recover's checkpoints until it is wired in: the snapshot is the JSON of the
// project's todos, decisions, facts and components, taken in one transaction; restore makes the
// checkpoint the resume point (a setting the default brief reads) and can roll records back.
import { BatonError } from '../../core/index.js';
import type { Checkpoint } from '../../core/index.js';
import { readGitState } from '../../git/index.js';
import { toJson } from '../../schemas/index.js';
import type { Store } from '../../store/index.js';
import type {
  CheckpointCreateOptions,
  CheckpointFunctions,
  CheckpointListOptions,
  CheckpointRestoreOptions,
  CheckpointRestoreResult,
} from '../deps.js';

export interface DefaultSnapshot {
  version: 1;
  todos: ReturnType<typeof toJson.todo>[];
  decisions: ReturnType<typeof toJson.decision>[];
  facts: ReturnType<typeof toJson.fact>[];
  components: ReturnType<typeof toJson.component>[];
}

export const resumePointKey = (projectId: string) => `mcp.defaults.resumePoint.${projectId}`;

export function takeSnapshot(store: Store, projectId: string, now: number): DefaultSnapshot {
  return {
    version: 1,
    todos: store.todos.list({ projectId }).map(toJson.todo),
    decisions: store.decisions.list({ projectId }).map(toJson.decision),
    facts: store.facts
      .list({ projectId, includeExpired: true, now })
      .map((f) => toJson.fact(f, now)),
    components: store.components.list(projectId).map(toJson.component),
  };
}

export function readSnapshot(store: Store, checkpoint: Checkpoint): DefaultSnapshot | null {
  try {
    const parsed = JSON.parse(
      store.checkpoints.snapshot(checkpoint.id),
    ) as Partial<DefaultSnapshot>;
    return parsed.version === 1 && Array.isArray(parsed.todos) ? (parsed as DefaultSnapshot) : null;
  } catch {
    return null;
  }
}

function create(store: Store, o: CheckpointCreateOptions): Checkpoint {
  return store.transaction(() => {
    const root = store.projects.get(o.projectId)?.root;
    const git = root ? readGitState(root) : { branch: null, head: null };
    const checkpoint = store.checkpoints.insert({
      sessionId: o.sessionId,
      projectId: o.projectId,
      label: o.label,
      trigger: o.trigger,
      journalSeq: store.events.lastSeq(),
      gitHead: git.head,
      gitBranch: git.branch,
      snapshot: JSON.stringify(takeSnapshot(store, o.projectId, o.now)),
      createdAt: o.now,
    });
    // A newer checkpoint is a newer resume point than any restored one.
    store.setSetting(resumePointKey(o.projectId), null);
    return checkpoint;
  });
}

function list(store: Store, o: CheckpointListOptions): Checkpoint[] {
  return store.checkpoints
    .list({
      projectId: o.projectId,
      ...(o.sessionId !== undefined && { sessionId: o.sessionId }),
      limit: o.offset + o.limit,
    })
    .slice(o.offset);
}

/** Returns records that still exist to their state in the snapshot; newer records stay. */
function rollBack(store: Store, projectId: string, snap: DefaultSnapshot): void {
  for (const t of snap.todos) {
    if (!store.todos.get(projectId, t.id)) continue;
    const { content, status, activeForm, priority, component, blockedReason } = t;
    store.todos.update(t.id, { content, status, activeForm, priority, component, blockedReason });
  }
  for (const d of snap.decisions) {
    if (!store.decisions.get(projectId, d.id)) continue;
    const { decision, reasoning, outcome, status, files } = d;
    store.decisions.update(d.id, { decision, reasoning, outcome, status, files });
  }
  for (const f of snap.facts) {
    store.facts.set({
      projectId: f.projectId,
      key: f.key,
      value: f.value as never,
      category: f.category,
      priority: f.priority,
      expiresAt: f.expiresAt === null ? null : Date.parse(f.expiresAt),
      sessionId: f.sessionId,
    });
  }
}

function restore(store: Store, o: CheckpointRestoreOptions): CheckpointRestoreResult {
  const checkpoint = store.checkpoints.get(o.ref);
  if (!checkpoint || checkpoint.projectId !== o.projectId) {
    throw new BatonError('NOT_FOUND', `no checkpoint "${o.ref}" in this project`, {
      hint: 'see checkpoint_list for the handles',
    });
  }
  return store.transaction(() => {
    let undoCheckpoint: Checkpoint | null = null;
    if (o.rollback) {
      const snap = readSnapshot(store, checkpoint);
      if (!snap)
        throw new BatonError(
          'INVALID_INPUT',
          `checkpoint ${checkpoint.handle} has no snapshot to roll back to`,
        );
      undoCheckpoint = create(store, {
        projectId: o.projectId,
        sessionId: checkpoint.sessionId,
        label: `before rolling back to ${checkpoint.handle}`,
        trigger: 'restore',
        now: o.now,
      });
      rollBack(store, o.projectId, snap);
    }
    store.setSetting(resumePointKey(o.projectId), checkpoint.id);
    return { checkpoint, rolledBack: o.rollback, undoCheckpoint };
  });
}

export const defaultCheckpoints: CheckpointFunctions = { create, list, restore };
