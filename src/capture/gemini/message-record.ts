// One Gemini CLI MessageRecord → event drafts (docs/agents.md, Gemini CLI): `user` (a typed
// prompt), `gemini` (the model's reply with its thoughts, tokens and model, then one tool_call and
// one tool_result per entry of `toolCalls`), `info` / `warning` (system), `error`. Content is a
// string or a list of parts; only the text parts are text.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { firstLine, isRec, list, rec, str, time } from '../json-fields.js';
import { promptHash, promptRef } from '../prompt-refs.js';
import { compactInput, cutOutput } from '../text-limits.js';
import type { EventDraft } from '../transcripts/transcript-draft.js';
import { withoutHookContext } from './hook-context.js';
import { PLAN_TOOL, planUpdate } from './plan.js';
import { callRef, messageRef, resultRef } from './refs.js';

export interface MessageAt {
  sessionKey: string;
  /** The record's time, or the line's neighbours' when it has none. */
  ts: number | undefined;
  /** The prompt occurrence counter of the session. */
  nextPromptOccurrence(hash: string): number;
}

export interface MessageDrafts {
  /** The message's own event (null for nothing to record). */
  message: EventDraft;
  /** Its tool calls and results, in order. */
  tools: EventDraft[];
}

const KNOWN = new Set(['user', 'gemini', 'info', 'warning', 'error']);

export function isKnownMessageType(type: string): boolean {
  return KNOWN.has(type);
}

/** The text parts of a PartListUnion (a string, a part, or a list of either), joined. */
export function partsText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return content;
  if (isRec(content)) return str(content, 'text') ?? '';
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'string' ? part : isRec(part) ? (str(part, 'text') ?? '') : ''))
    .filter((t) => t !== '')
    .join('\n');
}

/** A user record Gemini wrote itself to carry a tool's response back (shown as the response). */
function isToolContinuation(m: JsonObject): boolean {
  const shown = m.displayContent;
  if (!Array.isArray(shown) || shown.length === 0) return false;
  return shown.every((p) => isRec(p) && isRec(p.functionResponse));
}

export function messageDrafts(m: JsonObject, at: MessageAt): MessageDrafts {
  const id = str(m, 'id') ?? '';
  const type = str(m, 'type') ?? '';
  // A typed prompt's `content` may carry what Gemini expanded (an @file's text); `displayContent`
  // is what the person typed, which is what the BeforeAgent hook and a brief should see.
  const shown = type === 'user' ? partsText(m.displayContent) : '';
  const whole = shown || partsText(m.content);
  const text = type === 'user' ? withoutHookContext(whole) : whole;
  const base = { sessionKey: at.sessionKey, ts: time(m) ?? at.ts, tool: null, raw: m };
  const data: JsonObject = { messageId: id };
  if (type === 'user' && !isToolContinuation(m) && text.trim() !== '') {
    const hash = promptHash(text);
    const ref = promptRef(hash, at.nextPromptOccurrence(hash));
    return { message: { ...base, kind: 'user_message', role: 'user', text, data, ref }, tools: [] };
  }
  const ref = messageRef(id);
  if (type === 'gemini') {
    const model = str(m, 'model');
    if (model !== undefined) data.model = model;
    const tokens = rec(m, 'tokens');
    if (tokens) data.tokens = tokens;
    const thinking = thoughtsText(list(m, 'thoughts'));
    if (thinking) data.thinking = thinking;
    const calls = list(m, 'toolCalls') ?? [];
    if (calls.length > 0) data.toolCalls = calls.length;
    const message: EventDraft = {
      ...base,
      kind: 'assistant_message',
      role: 'assistant',
      text: text || null,
      data,
      ref,
    };
    return { message, tools: calls.flatMap((c) => toolDrafts(c, at, id)) };
  }
  if (type === 'error') {
    return {
      message: { ...base, kind: 'error', role: null, text: text || 'error', data, ref },
      tools: [],
    };
  }
  data.subtype = type === 'user' ? 'tool_continuation' : type || 'unknown';
  return {
    message: {
      ...base,
      kind: 'system',
      role: type === 'user' ? 'user' : null,
      text: text || null,
      data,
      ref,
    },
    tools: [],
  };
}

function thoughtsText(thoughts: JsonValue[] | undefined): string {
  if (!thoughts) return '';
  return thoughts
    .map((t) => {
      if (!isRec(t)) return '';
      const subject = str(t, 'subject') ?? '';
      const description = str(t, 'description') ?? '';
      return subject && description ? `${subject}: ${description}` : subject || description;
    })
    .filter((t) => t !== '')
    .join('\n\n');
}

/** Tool calls are done once they have a result or a final status. */
const FINAL = new Set(['success', 'error', 'cancelled']);

function toolDrafts(c: JsonValue, at: MessageAt, messageId: string): EventDraft[] {
  if (!isRec(c)) return [];
  const callId = str(c, 'id');
  const name = str(c, 'name') ?? 'unknown';
  const status = str(c, 'status') ?? null;
  const ts = time(c) ?? at.ts;
  const args = c.args ?? null;
  const call: EventDraft = {
    sessionKey: at.sessionKey,
    ts,
    kind: 'tool_call',
    role: 'assistant',
    tool: name,
    text: describeGeminiCall(name, args, str(c, 'description')),
    data: { callId: callId ?? null, input: compactInput(args), messageId },
    ref: callId ? callRef(callId) : `${messageRef(messageId)}:call:${name}`,
  };
  const plan = name === PLAN_TOOL ? planUpdate(at.sessionKey, args) : null;
  if (plan) call.plan = plan;
  const hasResult = c.result !== undefined && c.result !== null;
  if (!hasResult && !FINAL.has(status ?? '')) return [call];
  const failed = status === 'error';
  const data: JsonObject = { callId: callId ?? null, status, messageId };
  if (failed) data.isError = true;
  const result: EventDraft = {
    sessionKey: at.sessionKey,
    ts,
    kind: failed ? 'error' : 'tool_result',
    role: 'tool',
    tool: name,
    text: cutOutput(resultText(c)) || null,
    data,
    ref: callId ? resultRef(callId) : `${messageRef(messageId)}:result:${name}`,
  };
  return [call, result];
}

function describeGeminiCall(
  name: string,
  args: JsonValue,
  description: string | undefined,
): string {
  if (isRec(args)) {
    const target =
      str(args, 'command') ??
      str(args, 'file_path') ??
      str(args, 'path') ??
      str(args, 'pattern') ??
      str(args, 'query');
    if (target !== undefined) return `${name}: ${firstLine(target, 200)}`;
  }
  return description ? `${name}: ${firstLine(description, 200)}` : name;
}

/** The output the model got back: `functionResponse.response.output` (or `.error`) of each part. */
function resultText(c: JsonObject): string {
  const parts = Array.isArray(c.result) ? c.result : c.result !== undefined ? [c.result] : [];
  const texts: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') texts.push(part);
    if (!isRec(part)) continue;
    const response = rec(rec(part, 'functionResponse'), 'response');
    const out = str(response, 'output') ?? str(response, 'error') ?? str(part, 'text');
    if (out !== undefined) texts.push(out);
  }
  if (texts.length === 0 && typeof c.resultDisplay === 'string') texts.push(c.resultDisplay);
  return texts.join('\n');
}
