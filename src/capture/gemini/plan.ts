// Gemini CLI's plan tool: `write_todos {todos: [{description, status}]}` (docs/agents.md, Gemini
// CLI). Each call states the whole list Gemini shows, so it replaces the session's plan: an item it
// no longer names is cancelled unless it was done. Items have no ids; an item is known by its text.
import { createHash } from 'node:crypto';
import type { JsonValue, TodoStatus } from '../../core/index.js';
import { isRec, list, str } from '../json-fields.js';
import type { PlanUpdate } from '../transcripts/transcript-draft.js';
import { AGENT } from './refs.js';

export const PLAN_TOOL = 'write_todos';

const STATUSES: Record<string, TodoStatus> = {
  pending: 'pending',
  in_progress: 'in_progress',
  completed: 'completed',
  cancelled: 'cancelled',
};

const planKeyPrefix = (sessionKey: string) => `${AGENT}:${sessionKey}:plan:`;

export function planUpdate(sessionKey: string, args: JsonValue | undefined): PlanUpdate | null {
  if (!isRec(args)) return null;
  const todos = list(args, 'todos');
  if (!todos) return null;
  const items = new Map<string, PlanUpdate['items'][number]>();
  for (const entry of todos) {
    if (!isRec(entry)) continue;
    const text = str(entry, 'description')?.trim();
    if (!text) continue;
    const key = `${planKeyPrefix(sessionKey)}${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    items.set(key, {
      key,
      content: text,
      status: STATUSES[str(entry, 'status') ?? ''] ?? 'pending',
    });
  }
  return { prefix: planKeyPrefix(sessionKey), items: [...items.values()] };
}
