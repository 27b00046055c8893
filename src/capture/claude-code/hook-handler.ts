// `baton hook claude-code`: one Claude Code hook payload → the store. Tool and prompt events are
// the hot path (every tool call runs them): one session lookup and one append in one transaction,
// with the same refs the transcript importer uses, so a later import adds nothing. Lifecycle
// events (start, end, stop, compaction, subagents) load their code only when they happen.
import { BatonError } from '../../core/index.js';
import type { EventInput, Store } from '../../store/index.js';
import type { HookContext, HookHandler, HookReply } from '../adapter.js';
import { hookSource } from '../hooks/hook-names.js';
import { eventsOn } from '../hooks/hook-table.js';
import { CLAUDE_HOOK_TABLE } from './hook-events.js';
import { hookIds, sessionForHook } from './hook-session.js';
import type { HookIds } from './hook-session.js';
import { isTaskNotification } from './parse-user.js';
import { PLAN_TOOLS } from './plan-effects.js';
import { hookPromptRef } from '../hooks/hook-session.js';
import { promptHash } from '../prompt-refs.js';
import { AGENT, toolCallRef, toolResultRef } from './refs.js';
import { isRec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { compactInput } from '../text-limits.js';
import { compactResult, describeToolCall, responseText } from './tool-text.js';

const SOURCE = hookSource(AGENT);

/** Lifecycle events, handled in hook-lifecycle.ts. */
const LIFECYCLE = eventsOn(CLAUDE_HOOK_TABLE, 'lifecycle');

export const handleClaudeHook: HookHandler = async (payload, ctx) => {
  if (!isRec(payload)) throw new BatonError('INVALID_INPUT', 'hook payload is not a JSON object');
  const event = str(payload, 'hook_event_name') ?? 'unknown';
  const ids = hookIds(payload);
  if (ids === null) throw new BatonError('INVALID_INPUT', `${event} payload has no session_id`);
  if (LIFECYCLE.has(event)) {
    const { handleLifecycle } = await import('./hook-lifecycle.js');
    return handleLifecycle(event, payload, ids, ctx);
  }
  const store = ctx.store();
  const now = ctx.clock.now();
  const outcome = store.transaction(() => {
    const { session } = sessionForHook(store, ids, payload, now);
    const input = eventFor(store, event, payload, session.id, now);
    const appended = store.events.append([
      ...callAhead(store, event, payload, session.id, now),
      input,
    ]);
    if (event === 'UserPromptSubmit' && session.status !== 'active') {
      store.sessions.update(session.id, { status: 'active', endedAt: null, endReason: null });
    }
    store.noteCapture(SOURCE);
    return { sessionId: session.id, inserted: appended.seqs.at(-1) !== null };
  });
  await afterward(event, payload, ids, outcome, ctx);
  return {} satisfies HookReply;
};

function eventFor(store: Store, event: string, p: Rec, sessionId: string, now: number): EventInput {
  const base = { sessionId, ts: now, source: 'hook' as const, raw: p };
  const tool = str(p, 'tool_name') ?? null;
  const toolUseId = str(p, 'tool_use_id');
  switch (event) {
    case 'PreToolUse':
      return {
        ...base,
        kind: 'tool_call',
        role: 'assistant',
        tool,
        text: describeToolCall(tool ?? 'unknown', p.tool_input),
        data: { toolUseId: toolUseId ?? null, input: compactInput(p.tool_input) },
        ref: toolUseId ? toolCallRef(toolUseId) : null,
      };
    case 'PostToolUse':
      return {
        ...base,
        kind: 'tool_result',
        role: 'user',
        tool,
        text: responseText(p.tool_response) || null,
        data: {
          toolUseId: toolUseId ?? null,
          ...(p.tool_response !== undefined && { result: compactResult(p.tool_response) }),
          ...(typeof p.duration_ms === 'number' && { durationMs: p.duration_ms }),
        },
        ref: toolUseId ? toolResultRef(toolUseId) : null,
      };
    case 'PostToolUseFailure':
      return {
        ...base,
        kind: 'error',
        role: 'user',
        tool,
        text: str(p, 'error') ?? 'tool failed',
        data: { toolUseId: toolUseId ?? null, isError: true, isInterrupt: p.is_interrupt === true },
        ref: toolUseId ? toolResultRef(toolUseId) : null,
      };
    case 'UserPromptSubmit': {
      const prompt = str(p, 'prompt') ?? '';
      const promptId = str(p, 'prompt_id');
      // A background task's notice comes through this hook too; the transcript has it as well.
      const notice = isTaskNotification(prompt);
      return {
        ...base,
        kind: notice ? 'system' : 'user_message',
        role: 'user',
        tool: null,
        text: prompt,
        data:
          notice || promptId
            ? { ...(notice && { subtype: 'task_notification' }), ...(promptId && { promptId }) }
            : null,
        // The n-th time this text is typed in the session: the transcript importer counts the same.
        ref: hookPromptRef(store, sessionId, promptHash(prompt)),
      };
    }
    case 'Notification':
      return {
        ...base,
        kind: 'system',
        role: null,
        tool: null,
        text: str(p, 'message') ?? null,
        data: { hook: event, notificationType: str(p, 'notification_type') ?? null },
        ref: null,
      };
    default:
      // An event this version does not know: recorded whole, never rejected.
      return {
        ...base,
        kind: 'system',
        role: null,
        tool,
        text: null,
        data: { hook: event, unknown: true },
        ref: null,
      };
  }
}

/**
 * A result's call, built from the result's own payload (it carries the tool's input), to append
 * just before the result: stored only when the call is not there yet (append skips a stored ref).
 * The call's hook runs in a process of its own that may spool after a drain replayed the result,
 * or be claimed by another drainer; without this the result would come first in the journal and
 * the call after it, from the late hook or the transcript sweep.
 */
function callAhead(
  store: Store,
  event: string,
  p: Rec,
  sessionId: string,
  now: number,
): EventInput[] {
  if (event !== 'PostToolUse' && event !== 'PostToolUseFailure') return [];
  if (str(p, 'tool_use_id') === undefined) return [];
  const took = typeof p.duration_ms === 'number' && p.duration_ms >= 0 ? p.duration_ms : 0;
  return [eventFor(store, 'PreToolUse', p, sessionId, now - took)];
}

/** What a new tool event sets off: plan tools update todos; failures are checkpoint moments. */
async function afterward(
  event: string,
  p: Rec,
  ids: HookIds,
  outcome: { sessionId: string; inserted: boolean },
  ctx: HookContext,
): Promise<void> {
  if (!outcome.inserted) return;
  const tool = str(p, 'tool_name');
  if (event === 'PostToolUse' && tool !== undefined && PLAN_TOOLS.has(tool)) {
    const { applyHookPlan } = await import('./hook-lifecycle.js');
    await applyHookPlan(ctx, tool, p, ids, outcome.sessionId);
  } else if (event === 'PostToolUseFailure' && p.is_interrupt !== true) {
    await ctx.onTrigger?.('error', outcome.sessionId);
  }
}
