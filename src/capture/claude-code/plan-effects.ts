// Pure: what a plan tool call does to the project's todos. Claude Code has had three generations of
// plan tools (docs/agents.md, Claude Code): TodoWrite with `{id, content, status, priority}` (≤
// 1.0.51), TodoWrite with `{content, status, activeForm}` (≥ 1.0.95), and TaskCreate / TaskUpdate /
// TaskList / TaskGet (≥ 2.1.16). TodoWrite sends the whole list each time; the Task tools change
// one task.
import { createHash } from 'node:crypto';
import type { JsonValue, TodoPriority, TodoStatus } from '../../core/index.js';
import type { PlanEffect, PlanItem } from '../plan-sync.js';
import { taskKeyPrefix, todoKeyPrefix } from './refs.js';
import { isRec, list, rec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';

/** A plan tool's call and result, carried by its result's draft until the event is known new. */
export interface PlanCall {
  tool: string | null;
  input: JsonValue | undefined;
  result: JsonValue | undefined;
  /** Claude Code's own session id, which scopes the plan's todo keys. */
  claudeSessionId: string;
}

export const PLAN_TOOLS = new Set(['TodoWrite', 'TaskCreate', 'TaskUpdate', 'TaskList', 'TaskGet']);

const STATUS: Record<string, TodoStatus> = {
  pending: 'pending',
  in_progress: 'in_progress',
  completed: 'completed',
  blocked: 'blocked',
  cancelled: 'cancelled',
  deleted: 'cancelled',
};

const PRIORITY: Record<string, TodoPriority> = { high: 'high', medium: 'medium', low: 'low' };

const idOf = (v: JsonValue | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * The effect of one successful plan tool call, from its input and its result (the transcript's
 * `toolUseResult` or the hook's `tool_response`, which carry the same object). `sessionId` is
 * Claude Code's own session id: a plan belongs to the session (and its subagents) that wrote it.
 */
export function planEffect(
  tool: string,
  input: JsonValue | undefined,
  result: JsonValue | undefined,
  sessionId: string,
): PlanEffect | null {
  const inp = isRec(input) ? input : undefined;
  const res = isRec(result) ? result : undefined;
  switch (tool) {
    case 'TodoWrite':
      return todoWrite(inp, res, sessionId);
    case 'TaskCreate': {
      const task = rec(res, 'task');
      const id = idOf(task?.id);
      if (id === undefined) return null;
      return {
        type: 'upsert',
        items: [
          {
            key: taskKeyPrefix(sessionId) + id,
            content: str(inp, 'subject') ?? str(task, 'subject') ?? `Task ${id}`,
            status: 'pending',
            activeForm: str(inp, 'activeForm') ?? null,
          },
        ],
      };
    }
    case 'TaskUpdate': {
      const id = idOf(inp?.taskId);
      if (id === undefined || res?.success === false) return null;
      return { type: 'upsert', items: [taskItem(sessionId, id, inp)] };
    }
    case 'TaskList': {
      const tasks = (list(res, 'tasks') ?? []).filter(isRec);
      const items = tasks.flatMap((t) => {
        const id = idOf(t.id);
        return id === undefined ? [] : [taskItem(sessionId, id, t)];
      });
      return items.length ? { type: 'upsert', items } : null;
    }
    case 'TaskGet': {
      const task = rec(res, 'task');
      const id = idOf(task?.id);
      return id === undefined ? null : { type: 'upsert', items: [taskItem(sessionId, id, task)] };
    }
    default:
      return null;
  }
}

function taskItem(sessionId: string, id: string, fields: Rec | undefined): PlanItem {
  const item: PlanItem = { key: taskKeyPrefix(sessionId) + id };
  const subject = str(fields, 'subject');
  if (subject !== undefined) item.content = subject;
  const status = STATUS[str(fields, 'status') ?? ''];
  if (status !== undefined) item.status = status;
  const activeForm = str(fields, 'activeForm');
  if (activeForm !== undefined) item.activeForm = activeForm;
  return item;
}

function todoWrite(inp: Rec | undefined, res: Rec | undefined, sessionId: string): PlanEffect {
  // The result's newTodos is the list as Claude Code stored it; the input is the same list as
  // sent, used when the result is missing (a hook payload without tool_response).
  const raw = list(res, 'newTodos') ?? list(inp, 'todos') ?? [];
  const prefix = todoKeyPrefix(sessionId);
  const items: PlanItem[] = [];
  for (const t of raw) {
    if (!isRec(t)) continue;
    const content = str(t, 'content');
    if (content === undefined || content.trim() === '') continue;
    // Keyed by content, not by the old schema's id: 1.0.x reused ids 1, 2, 3 for each new list,
    // and a finished item must not be overwritten by the next list's first entry.
    const id = `c${createHash('sha1').update(content.trim()).digest('hex').slice(0, 12)}`;
    // A field the schema does not have (priority after 1.0.51, activeForm before) is left alone.
    const item: PlanItem = {
      key: prefix + id,
      content,
      status: STATUS[str(t, 'status') ?? ''] ?? 'pending',
    };
    const activeForm = str(t, 'activeForm');
    if (activeForm !== undefined) item.activeForm = activeForm;
    const priority = PRIORITY[str(t, 'priority') ?? ''];
    if (priority !== undefined) item.priority = priority;
    items.push(item);
  }
  return { type: 'replace', prefix, items };
}
