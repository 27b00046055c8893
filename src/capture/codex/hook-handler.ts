// `baton hook codex`: one Codex hook payload (stdin) or `notify` payload (argv) → the store
// (docs/agents.md, Codex CLI). Tool and prompt events carry the refs the rollout importer builds
// (`call_id` = `tool_use_id`, prompt text + occurrence), so a later import adds nothing; turn
// ends, compactions and `agent-turn-complete` read what the rollout gained since the last read.
// SessionStart prints the brief; Stop and SubagentStop must answer with JSON, so they print `{}`;
// SessionEnd ends the session with its reason. An `update_plan` call's hook applies the plan.
import { BatonError } from '../../core/index.js';
import type { JsonObject, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HookContext, HookHandler, HookReply } from '../adapter.js';
import {
  findAgentSession,
  hookPromptRef,
  preCompaction,
  recordHookEvent,
  sessionEndPatch,
  sessionForPayload,
  startHookSession,
} from '../hooks/hook-session.js';
import type { HookEvent } from '../hooks/hook-session.js';
import { isRec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { promptHash } from '../prompt-refs.js';
import { compactInput, cutOutput } from '../text-limits.js';
import { sweepTranscript } from '../transcripts/transcript-sweep.js';
import { applyPlanEffect } from '../plan-sync.js';
import { agentProcessMeta } from '../agent-process.js';
import { codexAgentProcess } from './agent-process.js';
import { findRollout } from './find-rollout.js';
import { importCodexRollout } from './import-rollout.js';
import { PLAN_TOOL, planUpdate } from './plan.js';
import { AGENT, callRef, resultRef } from './refs.js';
import { describeCall, outputText } from './tool-text.js';

const JSON_REQUIRED: HookReply = { stdout: '{}' };

export const handleCodexHook: HookHandler = async (payload, ctx) => {
  if (!isRec(payload)) throw new BatonError('INVALID_INPUT', 'hook payload is not a JSON object');
  if (str(payload, 'type') === 'agent-turn-complete') return notify(payload, ctx);
  const event = str(payload, 'hook_event_name') ?? 'unknown';
  const key = str(payload, 'session_id');
  if (!key) throw new BatonError('INVALID_INPUT', `${event} payload has no session_id`);
  const store = ctx.store();
  const now = ctx.clock.now();
  const record = (e: HookEvent) => recordHookEvent(store, AGENT, key, payload, now, e);
  switch (event) {
    case 'SessionStart':
      return startHookSession(store, AGENT, key, payload, ctx, now, {
        sweep: () => sweep(store, payload),
        meta: { ...modelOf(payload), ...clientProcess(ctx) },
      });
    case 'UserPromptSubmit': {
      const prompt = str(payload, 'prompt') ?? '';
      const session = sessionForPayload(store, AGENT, key, payload, now);
      const ref = hookPromptRef(store, session.id, promptHash(prompt));
      const turnId = str(payload, 'turn_id');
      record({
        kind: 'user_message',
        role: 'user',
        text: prompt,
        ref,
        data: turnId ? { turnId } : null,
      });
      return {};
    }
    case 'PreToolUse': {
      const { session } = record(toolCall(payload));
      if (str(payload, 'tool_name') === PLAN_TOOL)
        await applyPlan(store, session, key, payload, ctx);
      return {};
    }
    case 'PostToolUse':
      // The call first when it is not stored yet (a drainer that claimed its PreToolUse may not
      // have replayed it): the result's payload names the call's input too; a stored call is kept.
      if (str(payload, 'tool_use_id')) record(toolCall(payload));
      record(toolResult(payload));
      return {};
    case 'PreCompact':
      return preCompaction(record, () => sweep(store, payload), event, payload, ctx);
    case 'PostCompact':
      record({
        kind: 'compaction',
        data: { hook: event, phase: 'post', trigger: str(payload, 'trigger') ?? null },
      });
      return {};
    case 'Stop':
    case 'SubagentStop':
      record({
        kind: 'system',
        text: null,
        data: { hook: event, agentId: str(payload, 'agent_id') ?? null },
      });
      sweep(store, payload);
      return JSON_REQUIRED;
    case 'SessionEnd': {
      sweep(store, payload);
      const reason = str(payload, 'reason') ?? 'other';
      const { session } = record({
        kind: 'system',
        text: `session ended: ${reason}`,
        data: { hook: event, reason },
      });
      store.sessions.update(session.id, sessionEndPatch(session, reason, now));
      await ctx.onTrigger?.('session_end', session.id);
      return {};
    }
    default:
      // SubagentStart, PermissionRequest and events this version does not know: recorded whole.
      record({ kind: 'system', tool: str(payload, 'tool_name') ?? null, data: { hook: event } });
      return {};
  }
};

function toolCall(p: Rec): HookEvent {
  const tool = str(p, 'tool_name') ?? 'unknown';
  const id = str(p, 'tool_use_id');
  return {
    kind: 'tool_call',
    role: 'assistant',
    tool,
    text: describeCall(tool, p.tool_input),
    data: { callId: id ?? null, input: compactInput(p.tool_input) },
    ref: id ? callRef(id) : null,
  };
}

function toolResult(p: Rec): HookEvent {
  const id = str(p, 'tool_use_id');
  const { text, exitCode } = outputText(p.tool_response);
  const failed = exitCode !== null && exitCode !== 0;
  return {
    kind: failed ? 'error' : 'tool_result',
    role: 'tool',
    tool: str(p, 'tool_name') ?? null,
    text: cutOutput(text) || null,
    data: {
      callId: id ?? null,
      ...(exitCode !== null && { exitCode }),
      ...(failed && { isError: true }),
    },
    ref: id ? resultRef(id) : null,
  };
}

/**
 * The plan an `update_plan` call states, applied when its hook is stored: the rollout import that
 * follows finds the call already stored and adds nothing, plan included.
 */
async function applyPlan(store: Store, session: Session, key: string, p: Rec, ctx: HookContext) {
  const plan = planUpdate(key, p.tool_input);
  if (!plan || session.projectId === null) return;
  const effect = { type: 'replace' as const, prefix: plan.prefix, items: plan.items };
  const synced = applyPlanEffect(store, session.projectId, session.id, effect);
  if (synced.completed.length > 0) await ctx.onTrigger?.('todo_completed', session.id);
}

function sweep(store: Store, p: Rec): void {
  sweepTranscript(store, importCodexRollout, str(p, 'transcript_path'));
}

function modelOf(p: Rec): JsonObject {
  const model = str(p, 'model');
  return model ? { model } : {};
}

/** `notify`: Codex's turn-complete program, from builds before hooks too. Kebab-case fields. */
function notify(p: Rec, ctx: HookContext): Promise<HookReply> {
  const key = str(p, 'thread-id');
  if (!key) throw new BatonError('INVALID_INPUT', 'agent-turn-complete payload has no thread-id');
  const store = ctx.store();
  const now = ctx.clock.now();
  const rollout = findRollout(ctx.env, key);
  if (rollout) sweepTranscript(store, importCodexRollout, rollout);
  // A thread with no rollout that no hook has announced is not a session: the TUI's internal
  // thread that only writes a session's title ends each turn with `notify` too.
  else if (!findAgentSession(store, AGENT, key)) return Promise.resolve({});
  const last = str(p, 'last-assistant-message');
  recordHookEvent(store, AGENT, key, p, now, {
    kind: 'system',
    text: last ? `turn complete: ${last.split('\n', 1)[0]!.slice(0, 200)}` : 'turn complete',
    data: { hook: 'notify', type: 'agent-turn-complete', turnId: str(p, 'turn-id') ?? null },
  });
  return Promise.resolve({});
}

/**
 * The Codex client's process. The hook runs as a child of Codex (or of its app-server), so its
 * parent leads to the client; a payload replayed from the spool carries what the hook process
 * found when it spooled it (hook-events.ts), since the replaying process has another parent.
 */
function clientProcess(ctx: HookContext): JsonObject {
  if (!ctx.replayed) return agentProcessMeta(codexAgentProcess(process.ppid, ctx.env));
  const noted = ctx.replayed.agentProcess;
  return { agentProcess: isRec(noted) ? noted : null };
}
