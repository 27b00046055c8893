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
      const before = existing.get(item.key);
      if (before === undefined) {
        const added = store.todos.add({
          projectId,
          content: item.content ?? item.key.slice(item.key.lastIndexOf(':') + 1),
          status: item.status ?? 'pending',
          activeForm: item.activeForm ?? null,
          priority: item.priority ?? null,
          externalKey: item.key,
          originSessionId,
        });
        existing.set(item.key, added);
        result.added += 1;
        if (added.status === 'completed') result.completed.push(added);
        continue;
      }
      const after = store.todos.update(before.id, patchOf(item));
      existing.set(item.key, after);
      if (after.updatedAt !== before.updatedAt || after.hlc !== before.hlc) result.updated += 1;
      if (after.status === 'completed' && before.status !== 'completed')
        result.completed.push(after);
    }
    if (effect.type === 'replace') {
      for (const [key, t] of existing) {
        if (named.has(key) || !OPEN.includes(t.status)) continue;
        store.todos.update(t.id, { status: 'cancelled' });
        result.cancelled += 1;
      }
    }
    return result;
  });
}

function patchOf(item: PlanItem): TodoPatch {
  const patch: TodoPatch = {};
  if (item.content !== undefined) patch.content = item.content;
  if (item.status !== undefined) patch.status = item.status;
  if (item.activeForm !== undefined) patch.activeForm = item.activeForm;
  if (item.priority !== undefined) patch.priority = item.priority;
  return patch;
}
