// Applies an agent's plan (its todo list or task tools) to the project's todos, so the plan
// survives the session. Shared by every adapter: each turns its own plan tool into a PlanEffect.
// Applying the same effect twice changes nothing, so a hook and a later transcript import of the
// same call agree.
import type { Todo, TodoPriority, TodoStatus } from '../core/index.js';
import type { Store, TodoPatch } from '../store/index.js';

export interface PlanItem {
  /** The todo's external key: agent, session and the agent's own id for the item. */
  key: string;
  content?: string;
  status?: TodoStatus;
  activeForm?: string | null;
  priority?: TodoPriority | null;
}

export type PlanEffect =
  /** The whole list of one session: items under `prefix` it no longer names are cancelled unless done. */
  | { type: 'replace'; prefix: string; items: PlanItem[] }
  /** Some items changed; the others are untouched. */
  | { type: 'upsert'; items: PlanItem[] };

export interface PlanSyncResult {
  added: number;
  updated: number;
  cancelled: number;
  /** Todos this effect moved to completed (a checkpoint trigger). */
  completed: Todo[];
}

const OPEN: TodoStatus[] = ['pending', 'in_progress', 'blocked'];

export function applyPlanEffect(
  store: Store,
  projectId: string,
  originSessionId: string,
  effect: PlanEffect,
  /** When the plan tool ran, for an imported transcript; live hooks leave it to the clock. */
  at?: number,
): PlanSyncResult {
  return store.transaction(() => {
    const result: PlanSyncResult = { added: 0, updated: 0, cancelled: 0, completed: [] };
    const existing = new Map<string, Todo>();
    const prefixes = effect.type === 'replace' ? [effect.prefix] : effect.items.map((i) => i.key);
    for (const prefix of prefixes) {
      for (const t of store.todos.list({ projectId, externalKeyPrefix: prefix })) {
        if (t.externalKey !== null) existing.set(t.externalKey, t);
      }
    }
    const named = new Set<string>();
    for (const item of effect.items) {
      named.add(item.key);
      let before = existing.get(item.key);
      const twin = before === undefined ? resumedTwin(store, projectId, item.key, at) : null;
      if (twin) {
        // The same list item carried over by a resumed session: one todo, now under the new key.
        before = store.todos.update(twin.id, { externalKey: item.key }, at);
      }
      if (before === undefined) {
        const added = store.todos.add({
          projectId,
          content: item.content ?? item.key.slice(item.key.lastIndexOf(':') + 1),
          status: item.status ?? 'pending',
          activeForm: item.activeForm ?? null,
          priority: item.priority ?? null,
          externalKey: item.key,
          originSessionId,
          ...(at !== undefined && { at }),
        });
        existing.set(item.key, added);
        result.added += 1;
        if (added.status === 'completed') result.completed.push(added);
        continue;
      }
      const after = store.todos.update(before.id, patchOf(item), at);
      existing.set(item.key, after);
      if (after.updatedAt !== before.updatedAt || after.hlc !== before.hlc) result.updated += 1;
      if (after.status === 'completed' && before.status !== 'completed')
        result.completed.push(after);
    }
    if (effect.type === 'replace') {
      for (const [key, t] of existing) {
        if (named.has(key) || !OPEN.includes(t.status)) continue;
        store.todos.update(t.id, { status: 'cancelled' }, at);
        result.cancelled += 1;
      }
    }
    return result;
  });
}

const WEEK = 7 * 24 * 3600 * 1000;
/** `agent:session:todo:contentId` — a list item keyed by its content within one session. */
const LIST_KEY = /^([^:]+):(.+):todo:([^:]+)$/;

/**
 * A resumed session (Claude Code `--resume` starts a new session id) re-sends the list it
 * inherited. Its items are the previous session's todos when the agent and the content match
 * and the old todo was not dropped or long finished.
 */
function resumedTwin(
  store: Store,
  projectId: string,
  key: string,
  at: number | undefined,
): Todo | null {
  const m = LIST_KEY.exec(key);
  if (!m) return null;
  const [, agent, session, id] = m;
  // Only the same item's todos are read (a long history holds thousands of the agent's todos).
  const todos = store.todos.list({
    projectId,
    externalKeyPrefix: `${agent}:`,
    externalKeySuffix: `:todo:${id}`,
  });
  const twins = todos.filter((t) => {
    const k = LIST_KEY.exec(t.externalKey ?? '');
    if (!k || k[3] !== id || k[2] === session || t.status === 'cancelled') return false;
    return OPEN.includes(t.status) || at === undefined || t.updatedAt >= at - WEEK;
  });
  return twins[twins.length - 1] ?? null;
}

function patchOf(item: PlanItem): TodoPatch {
  const patch: TodoPatch = {};
  if (item.content !== undefined) patch.content = item.content;
  if (item.status !== undefined) patch.status = item.status;
  if (item.activeForm !== undefined) patch.activeForm = item.activeForm;
  if (item.priority !== undefined) patch.priority = item.priority;
  return patch;
}
