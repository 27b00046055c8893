// Codex's plan tool: `update_plan {explanation?, plan:[{step, status}]}` (docs/agents.md, Codex
// CLI). Each call states the whole plan Codex shows, so it replaces the session's plan: a step it
// no longer names is cancelled unless it was done. Steps have no ids; a step is known by its text.
import type { JsonValue, TodoStatus } from '../../core/index.js';
import { isRec, list, str } from '../json-fields.js';
import type { PlanUpdate } from '../transcripts/transcript-draft.js';
import { planItemKey, planKeyPrefix } from './refs.js';

export const PLAN_TOOL = 'update_plan';

const STATUSES: Record<string, TodoStatus> = {
  pending: 'pending',
  in_progress: 'in_progress',
  completed: 'completed',
};

export function planUpdate(sessionId: string, input: JsonValue | undefined): PlanUpdate | null {
  if (!isRec(input)) return null;
  const plan = list(input, 'plan');
  if (!plan) return null;
  const items = new Map<string, PlanUpdate['items'][number]>();
  for (const entry of plan) {
    if (!isRec(entry)) continue;
    const step = str(entry, 'step')?.trim();
    if (!step) continue;
    const key = planItemKey(sessionId, step);
    items.set(key, {
      key,
      content: step,
      status: STATUSES[str(entry, 'status') ?? ''] ?? 'pending',
    });
  }
  return { prefix: planKeyPrefix(sessionId), items: [...items.values()] };
}
