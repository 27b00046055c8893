// `response_item` records: what the model saw and said (docs/agents.md, Codex CLI). Assistant
// messages, reasoning, tool calls and their outputs (joined by `call_id`), and the instructions
// and context Codex injects. In the wrapped format the typed prompt is the `event_msg` twin of a
// user message, so the user message itself is kept as model input, not counted as a prompt.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { firstLine, isRec, list, parseRec, rec, str } from '../json-fields.js';
import { promptHash, promptRef } from '../prompt-refs.js';
import { compactInput, cutOutput } from '../text-limits.js';
import { isInjectedContext } from './injected-context.js';
import { PLAN_TOOL, planUpdate } from './plan.js';
import { callRef, resultRef } from './refs.js';
import { draftAt } from './rollout-sink.js';
import type { RolloutSink, RowAt } from './rollout-sink.js';
import { describeCall, outputText } from './tool-text.js';

const CALLS = new Set([
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'tool_search_call',
]);
const OUTPUTS = new Set(['function_call_output', 'custom_tool_call_output', 'tool_search_output']);
const SYSTEM = new Set(['ghost_snapshot', 'agent_message', 'compaction_summary', 'other']);

export function parseResponseItem(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const type = str(p, 'type') ?? '';
  if (type === 'message') return message(sink, p, at);
  if (type === 'reasoning') return reasoning(sink, p, at);
  if (CALLS.has(type)) return call(sink, p, at, type);
  if (OUTPUTS.has(type)) return output(sink, p, at, type);
  if (type === 'web_search_call' || type === 'image_generation_call') return builtin(sink, p, at);
  if (!SYSTEM.has(type))
    sink.counts.unknownTypes[`response_item:${type}`] =
      (sink.counts.unknownTypes[`response_item:${type}`] ?? 0) + 1;
  const text = contentText(p.content);
  sink.emit(
    draftAt(at, 'system', str(p, 'role') ?? null, text || null, {
      subtype: type || 'response_item',
    }),
  );
}

/** The text parts of a message's content, joined; images are counted, not inlined. */
export function contentText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRec(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((t) => t !== '')
    .join('\n');
}

function imageCount(content: JsonValue | undefined): number {
  if (!Array.isArray(content)) return 0;
  return content.filter((part) => isRec(part) && /image/.test(str(part, 'type') ?? '')).length;
}

function message(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const role = str(p, 'role') ?? 'unknown';
  const text = contentText(p.content);
  const data: JsonObject = {};
  const phase = str(p, 'phase');
  if (phase !== undefined) data.phase = phase;
  const images = imageCount(p.content);
  if (images > 0) data.images = images;
  if (role === 'assistant') {
    sink.emit(draftAt(at, 'assistant_message', 'assistant', text, data));
    return;
  }
  if (role !== 'user') {
    sink.emit(draftAt(at, 'system', role, text || null, { ...data, subtype: 'instructions' }));
    return;
  }
  if (sink.wrapped || isInjectedContext(text) || (text.trim() === '' && images === 0)) {
    const subtype = sink.wrapped && !isInjectedContext(text) ? 'model_input' : 'context';
    sink.emit(draftAt(at, 'system', 'user', text || null, { ...data, subtype }));
    return;
  }
  emitPrompt(sink, at, text, data);
}

/** A typed prompt: keyed by its text and occurrence, so the hook's copy and this one are one. */
export function emitPrompt(sink: RolloutSink, at: RowAt, text: string, data: JsonObject): void {
  const hash = promptHash(text);
  const ref = promptRef(hash, sink.nextPromptOccurrence(hash));
  sink.emit(draftAt(at, 'user_message', 'user', text, data, ref));
  if (sink.sighting.title === null && text.trim() !== '') sink.sighting.title = promptTitle(text);
}

/** The IDE extension wraps the request in its context; the title is the request itself. */
function promptTitle(text: string): string {
  const marker = '## My request for Codex:';
  const at = text.indexOf(marker);
  return firstLine(at >= 0 ? text.slice(at + marker.length) : text);
}

function reasoning(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const parts = [...(list(p, 'summary') ?? []), ...(list(p, 'content') ?? [])];
  const text = parts
    .map((part) => (isRec(part) ? (str(part, 'text') ?? '') : ''))
    .filter((t) => t !== '')
    .join('\n\n');
  const data: JsonObject = { subtype: 'reasoning' };
  if (typeof p.encrypted_content === 'string') data.encrypted = true;
  sink.emit(draftAt(at, 'system', 'assistant', text || null, data));
}

function callInput(p: JsonObject, type: string): JsonValue {
  if (type === 'local_shell_call') return p.action ?? null;
  const raw = type === 'custom_tool_call' ? p.input : p.arguments;
  // function_call arguments are a JSON string (docs/agents.md, Codex CLI); kept as text if not
  // JSON.
  if (typeof raw === 'string' && type !== 'custom_tool_call') return parseRec(raw) ?? raw;
  return raw ?? null;
}

function toolName(p: JsonObject, type: string): string {
  if (type === 'local_shell_call') return 'local_shell';
  if (type === 'tool_search_call') return 'tool_search';
  const name = str(p, 'name') ?? 'unknown';
  const namespace = str(p, 'namespace');
  return namespace ? `${namespace}.${name}` : name;
}

function call(sink: RolloutSink, p: JsonObject, at: RowAt, type: string): void {
  const callId = str(p, 'call_id') ?? str(p, 'id');
  const name = toolName(p, type);
  const input = callInput(p, type);
  const fresh = callId !== undefined && sink.openCall(callId, name);
  const data: JsonObject = { callId: callId ?? null, input: compactInput(input) };
  const status = str(p, 'status');
  if (status !== undefined) data.status = status;
  const d = draftAt(at, 'tool_call', 'assistant', describeCall(name, input), data);
  d.tool = name;
  if (fresh) d.ref = callRef(callId);
  if (name === PLAN_TOOL) {
    const plan = planUpdate(at.sessionKey, input);
    if (plan) d.plan = plan;
  }
  sink.emit(d);
}

function output(sink: RolloutSink, p: JsonObject, at: RowAt, type: string): void {
  const callId = str(p, 'call_id');
  const closed = callId !== undefined ? sink.closeCall(callId) : { name: null, reused: true };
  const body = type === 'tool_search_output' ? (p.tools ?? null) : p.output;
  const { text, exitCode } =
    type === 'tool_search_output' ? { text: '', exitCode: null } : outputText(body);
  const failed = exitCode !== null && exitCode !== 0;
  const data: JsonObject = { callId: callId ?? null };
  if (exitCode !== null) data.exitCode = exitCode;
  if (failed) data.isError = true;
  const d = draftAt(at, failed ? 'error' : 'tool_result', 'tool', cutOutput(text) || null, data);
  d.tool = closed.name ?? (type === 'tool_search_output' ? 'tool_search' : null);
  if (callId !== undefined && !closed.reused) {
    d.ref = resultRef(callId);
    if (closed.name === null) d.callRef = callRef(callId);
  }
  sink.emit(d);
}

/** Tools the model runs itself (web search, image generation): a call with no separate output. */
function builtin(sink: RolloutSink, p: JsonObject, at: RowAt): void {
  const type = str(p, 'type')!;
  const name = type === 'web_search_call' ? 'web_search' : 'image_generation';
  const input: JsonValue = p.action ?? str(p, 'revised_prompt') ?? null;
  const data: JsonObject = { callId: str(p, 'id') ?? null, input };
  const status = str(p, 'status');
  if (status !== undefined) data.status = status;
  const query = str(rec(p, 'action'), 'query');
  const d = draftAt(
    at,
    'tool_call',
    'assistant',
    describeCall(name, query !== undefined ? { query } : input),
    data,
  );
  d.tool = name;
  sink.emit(d);
}
