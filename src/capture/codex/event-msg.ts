// `event_msg` records: what Codex showed the person (docs/agents.md, Codex CLI). The typed prompt
// (`user_message`), errors, compaction and turn boundaries become their own kinds; the messages
// and reasoning that mirror a `response_item` keep no text of their own (the raw record has it),
// so search and the brief see each once.
import type { JsonObject } from '../../core/index.js';
import { firstLine, isRec, list, num, rec, str } from '../json-fields.js';
import { countUnknown } from '../transcripts/transcript-draft.js';
import { emitPrompt } from './response-item.js';
import { draftAt } from './rollout-sink.js';
import type { RolloutSink, RowAt } from './rollout-sink.js';

/** Known event types kept as `system` events without text of their own. */
const QUIET = new Set([
  'agent_message',
  'agent_message_delta',
  'agent_reasoning',
  'agent_reasoning_raw_content',
  'agent_reasoning_section_break',
  'exec_command_begin',
  'exec_command_end',
  'patch_apply_begin',
  'patch_apply_end',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'view_image_tool_call',
  'image_generation_end',
  'dynamic_tool_call_request',
  'dynamic_tool_call_response',
  'collab_agent_spawn_end',
  'collab_agent_interaction_end',
  'collab_waiting_end',
  'collab_close_end',
  'entered_review_mode',
  'exited_review_mode',
  'undo_started',
  'undo_completed',
  'thread_goal_updated',
  'thread_settings_applied',
  'thread_rolled_back',
  'item_started',
  'item_completed',
  'sub_agent_activity',
  'guardian_assessment',
  'plan_update',
  'background_event',
  'shutdown_complete',
  'session_configured',
  'get_history_entry_response',
  'mcp_list_tools_response',
  'list_custom_prompts_response',
  'conversation_path',
  'turn_diff',
  'user_message_image',
]);

export function parseEventMsg(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const type = str(p, 'type') ?? '';
  switch (type) {
    case 'user_message':
      return userMessage(sink, p, at);
    case 'item_completed':
      if (str(rec(p, 'item') ?? {}, 'type') === 'UserMessage') return completedPrompt(sink, p, at);
      break;
    case 'token_count':
      return tokenCount(sink, p, at);
    case 'task_started':
    case 'turn_started':
      promptsOfTurn.delete(sink);
      sink.emit(draftAt(at, 'system', null, 'turn started', turnData(p, type)));
      return;
    case 'task_complete':
    case 'turn_complete':
      return taskComplete(sink, p, at, type);
    case 'turn_aborted': {
      const reason = str(p, 'reason') ?? 'unknown';
      sink.emit(
        draftAt(at, 'system', null, `turn aborted: ${reason}`, { ...turnData(p, type), reason }),
      );
      return;
    }
    case 'error':
    case 'stream_error': {
      const message = str(p, 'message') ?? type;
      const data: JsonObject = { subtype: type };
      const info = p.codex_error_info;
      if (info !== undefined) data.errorInfo = info;
      sink.emit(draftAt(at, 'error', null, message, data));
      return;
    }
    case 'context_compacted':
      sink.emit(draftAt(at, 'compaction', null, 'Context compacted', { subtype: type }));
      return;
    case 'thread_name_updated': {
      const name = str(p, 'thread_name') ?? str(p, 'name');
      if (name) sink.sighting.title = name;
      sink.emit(draftAt(at, 'system', null, name ?? null, { subtype: type }));
      return;
    }
    default:
      if (!QUIET.has(type)) countUnknown(sink.counts, `event_msg:${type}`);
  }
  sink.emit(draftAt(at, 'system', roleOf(type), null, { subtype: type || 'event_msg' }));
}

/**
 * The prompts of the current turn, by text. Codex 0.171 writes the typed prompt only as an
 * `item_completed` UserMessage; builds that write `user_message` too may write both, which are
 * one prompt.
 */
const promptsOfTurn = new WeakMap<RolloutSink, Set<string>>();

function firstOfTurn(sink: RolloutSink, text: string): boolean {
  const seen = promptsOfTurn.get(sink) ?? new Set<string>();
  promptsOfTurn.set(sink, seen);
  if (seen.has(text)) return false;
  seen.add(text);
  return true;
}

function completedPrompt(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const item = rec(p, 'item') ?? {};
  const text = (list(item, 'content') ?? [])
    .map((part) => (isRec(part) && str(part, 'type') === 'text' ? (str(part, 'text') ?? '') : ''))
    .join('');
  if (text.trim() === '' || !firstOfTurn(sink, text)) {
    sink.emit(draftAt(at, 'system', 'user', null, { subtype: 'item_completed' }));
    return;
  }
  const data: JsonObject = {};
  const turnId = str(p, 'turn_id');
  if (turnId !== undefined) data.turnId = turnId;
  emitPrompt(sink, at, text, data);
}

function roleOf(type: string): string | null {
  return type.startsWith('agent_') ? 'assistant' : null;
}

function userMessage(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const text = str(p, 'message') ?? '';
  firstOfTurn(sink, text);
  const data: JsonObject = {};
  const images = (list(p, 'images')?.length ?? 0) + (list(p, 'local_images')?.length ?? 0);
  if (images > 0) data.images = images;
  const kind = str(p, 'kind');
  if (kind !== undefined) data.kind = kind;
  emitPrompt(sink, at, text, data);
}

function turnData(p: JsonObject, type: string): JsonObject {
  const data: JsonObject = { subtype: type };
  const turnId = str(p, 'turn_id');
  if (turnId !== undefined) data.turnId = turnId;
  const duration = num(p, 'duration_ms');
  if (duration !== undefined) data.durationMs = duration;
  return data;
}

function taskComplete(sink: RolloutSink, p: JsonObject, at: RowAt, type: string): void {
  const data = turnData(p, type);
  const error = rec(p, 'error');
  if (error) {
    data.error = error;
    sink.emit(draftAt(at, 'error', null, str(error, 'message') ?? 'turn failed', data));
    return;
  }
  const last = str(p, 'last_agent_message');
  sink.emit(
    draftAt(at, 'system', null, last ? `turn complete: ${firstLine(last)}` : 'turn complete', data),
  );
}

function tokenCount(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const info = rec(p, 'info');
  const data: JsonObject = { subtype: 'token_count' };
  const total = rec(info, 'total_token_usage');
  if (total) data.total = total;
  const last = rec(info, 'last_token_usage');
  if (last) data.last = last;
  const window = num(info, 'model_context_window');
  if (window !== undefined) data.contextWindow = window;
  if (total) sink.sighting.meta.tokens = total;
  sink.emit(draftAt(at, 'system', null, null, data));
}
