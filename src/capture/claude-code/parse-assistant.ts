// Assistant rows. Since 2.x each content block of one API response is its own row sharing the
// message id (docs/agents.md, Claude Code), and tool results are written between them; so rows are
// merged by message.id into one assistant_message event (text, model, token counts; thinking stays
// in the raw rows), and each tool_use block becomes its own tool_call event, keyed by its id.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { assistantRef, toolCallRef, uuidRef } from './refs.js';
import { isRec, list, rec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { compactInput } from '../text-limits.js';
import { describeToolCall } from './tool-text.js';
import type { ClaudeDraft, ParseSink, RowAt } from './transcript-parser.js';

export interface OpenMessage {
  messageId: string;
  draft: ClaudeDraft;
  /** Handed to the store already: later rows of this message start a continuation event. */
  taken: boolean;
}

export function parseAssistantRow(sink: ParseSink, r: Rec, at: RowAt): void {
  const message = rec(r, 'message');
  if (r.isApiErrorMessage === true) {
    sink.emit(errorDraft(r, message, at));
    return;
  }
  const messageId = str(message, 'id');
  const draft = messageId === undefined ? standalone(r, at) : merged(sink, messageId, r, at);
  for (const block of blocksOf(message)) addBlock(sink, draft, block, at);
  const usage = message?.usage;
  // usage repeats on every row of a message; the last row's is the final count.
  if (isRec(usage) && draft.data) draft.data.tokens = tokenCounts(usage);
  const stop = str(message, 'stop_reason');
  if (stop !== undefined && draft.data) draft.data.stopReason = stop;
}

function blocksOf(message: Rec | undefined): JsonValue[] {
  const content = message?.content;
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

function newDraft(r: Rec, message: Rec | undefined, at: RowAt, ref: string): ClaudeDraft {
  const data: JsonObject = {};
  const model = str(message, 'model');
  if (model !== undefined) data.model = model;
  const messageId = str(message, 'id');
  if (messageId !== undefined) data.messageId = messageId;
  return {
    sessionKey: at.sessionKey,
    ts: at.ts,
    kind: 'assistant_message',
    role: 'assistant',
    tool: null,
    text: null,
    data,
    ref,
    raw: [r],
  };
}

function standalone(r: Rec, at: RowAt): ClaudeDraft {
  const draft = newDraft(r, rec(r, 'message'), at, at.ref);
  return draft;
}

function merged(sink: ParseSink, messageId: string, r: Rec, at: RowAt): ClaudeDraft {
  const open = sink.open;
  if (
    open &&
    open.messageId === messageId &&
    !open.taken &&
    open.draft.sessionKey === at.sessionKey
  ) {
    (open.draft.raw as JsonValue[]).push(r);
    return open.draft;
  }
  // A message already handed over (earlier batch or earlier run) continues in its own event.
  const continued =
    (open !== null && open.messageId === messageId) ||
    (open === null && sink.resumedMessage === messageId);
  const uuid = str(r, 'uuid') ?? String(at.offset);
  const draft = newDraft(
    r,
    rec(r, 'message'),
    at,
    assistantRef(messageId, continued ? uuid : undefined),
  );
  sink.open = { messageId, draft, taken: false };
  sink.resumedMessage = null;
  sink.emit(draft);
  return draft;
}

function addBlock(sink: ParseSink, draft: ClaudeDraft, block: JsonValue, at: RowAt): void {
  if (!isRec(block)) return;
  const data = draft.data!;
  switch (str(block, 'type')) {
    case 'text': {
      const text = str(block, 'text') ?? '';
      draft.text = draft.text === null ? text : `${draft.text}\n\n${text}`;
      return;
    }
    case 'thinking': {
      // The thinking itself stays in the raw record; data says there was some, and how much.
      const thinking = str(block, 'thinking') ?? '';
      if (thinking === '') return;
      const before = typeof data.thinkingChars === 'number' ? data.thinkingChars : 0;
      data.thinkingChars = before + thinking.length;
      return;
    }
    case 'tool_use':
      return toolCall(sink, block, draft, at);
    default: {
      // redacted_thinking, server tool blocks…: kept in the raw record; noted by type.
      const kinds = list(data, 'otherBlocks') ?? [];
      kinds.push(str(block, 'type') ?? 'unknown');
      data.otherBlocks = kinds;
    }
  }
}

function toolCall(sink: ParseSink, block: Rec, parent: ClaudeDraft, at: RowAt): void {
  const id = str(block, 'id');
  const name = str(block, 'name') ?? 'unknown';
  const input = block.input;
  if (id !== undefined) sink.calls.set(id, { name, input });
  const data: JsonObject = { toolUseId: id ?? null, input: compactInput(input) };
  if (parent.data?.messageId !== undefined) data.messageId = parent.data.messageId;
  sink.emit({
    sessionKey: at.sessionKey,
    ts: at.ts,
    kind: 'tool_call',
    role: 'assistant',
    tool: name,
    text: describeToolCall(name, input),
    data,
    ref: id !== undefined ? toolCallRef(id) : uuidRef(str(block, 'id') ?? at.ref, `tool:${name}`),
  });
}

function errorDraft(r: Rec, message: Rec | undefined, at: RowAt): ClaudeDraft {
  const text = blocksOf(message)
    .map((b) => (isRec(b) ? (str(b, 'text') ?? '') : ''))
    .join('\n')
    .trim();
  return {
    sessionKey: at.sessionKey,
    ts: at.ts,
    kind: 'error',
    role: 'assistant',
    tool: null,
    text: text || 'API error',
    data: { source: 'api' },
    ref: at.ref,
    raw: r,
  };
}

/** The counts worth querying; the full usage object stays in the raw rows. */
function tokenCounts(usage: Rec): JsonObject {
  const n = (key: string) => (typeof usage[key] === 'number' ? usage[key] : 0);
  return {
    input: n('input_tokens'),
    output: n('output_tokens'),
    cacheRead: n('cache_read_input_tokens'),
    cacheWrite: n('cache_creation_input_tokens'),
  };
}
