// `baton hook gemini`: one Gemini CLI hook payload → the store (docs/agents.md, Gemini CLI).
// Gemini's stdout must be JSON only, so the handler prints nothing but SessionStart's brief
// (`hookSpecificOutput.additionalContext`). Prompts carry the ref the chat importer builds; tool
// hooks name no call id, so instead of recording a second copy of the call they read what the chat
// file gained (AfterTool, AfterAgent, PreCompress, SessionEnd), where each call has its id.
import { BatonError } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HookContext, HookHandler, HookReply } from '../adapter.js';
import {
  hookPromptRef,
  preCompaction,
  recordHookEvent,
  sessionForPayload,
  sessionEndPatch,
  startHookSession,
} from '../hooks/hook-session.js';
import type { HookEvent } from '../hooks/hook-session.js';
import { hookSource } from '../hooks/hook-names.js';
import { isRec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { promptHash } from '../prompt-refs.js';
import { sweepTranscript } from '../transcripts/transcript-sweep.js';
import { withoutHookContext } from './hook-context.js';
import { importGeminiChat } from './import-chat.js';
import { AGENT } from './refs.js';

export const handleGeminiHook: HookHandler = async (payload, ctx) => {
  if (!isRec(payload)) throw new BatonError('INVALID_INPUT', 'hook payload is not a JSON object');
  const event = str(payload, 'hook_event_name') ?? 'unknown';
  const key = str(payload, 'session_id');
  if (!key) throw new BatonError('INVALID_INPUT', `${event} payload has no session_id`);
  // Gemini fires PreCompress with trigger "auto" before every model request, whether or not it
  // then compresses; a compression that happens rewrites the chat file's history, which the chat
  // import records as the compaction. So only a /compress the person asked for is one here.
  if (event === 'PreCompress' && str(payload, 'trigger') !== 'manual') return {};
  const store = ctx.store();
  const now = ctx.clock.now();
  const record = (e: HookEvent) => recordHookEvent(store, AGENT, key, payload, now, e);
  switch (event) {
    case 'SessionStart':
      return startHookSession(store, AGENT, key, payload, ctx, now, {
        sweep: () => sweep(store, payload),
      });
    case 'BeforeAgent': {
      const prompt = withoutHookContext(str(payload, 'prompt') ?? '');
      const session = sessionForPayload(store, AGENT, key, payload, now);
      record({
        kind: 'user_message',
        role: 'user',
        text: prompt,
        ref: hookPromptRef(store, session.id, promptHash(prompt)),
      });
      return {};
    }
    case 'BeforeTool':
    case 'AfterTool':
      sessionForPayload(store, AGENT, key, payload, now);
      if (event === 'AfterTool') sweep(store, payload);
      store.noteCapture(hookSource(AGENT));
      return {};
    case 'AfterAgent':
      sweep(store, payload);
      record({ kind: 'system', text: 'turn complete', data: { hook: event } });
      return {};
    case 'PreCompress':
      return preCompaction(record, () => sweep(store, payload), event, payload, ctx);
    case 'SessionEnd':
      return sessionEnd(store, key, payload, ctx, now);
    case 'Notification':
      record({
        kind: 'system',
        text: str(payload, 'message') ?? null,
        data: { hook: event, notificationType: str(payload, 'notification_type') ?? null },
      });
      return {};
    default:
      record({ kind: 'system', data: { hook: event, unknown: true } });
      return {};
  }
};

function sweep(store: Store, p: Rec): void {
  sweepTranscript(store, importGeminiChat, str(p, 'transcript_path'));
}

async function sessionEnd(
  store: Store,
  key: string,
  p: Rec,
  ctx: HookContext,
  now: number,
): Promise<HookReply> {
  sweep(store, p);
  const reason = str(p, 'reason') ?? 'other';
  const { session } = recordHookEvent(store, AGENT, key, p, now, {
    kind: 'system',
    text: `session ended: ${reason}`,
    data: { hook: 'SessionEnd', reason },
  });
  store.sessions.update(session.id, sessionEndPatch(session, reason, now));
  await ctx.onTrigger?.('session_end', session.id);
  return {};
}
