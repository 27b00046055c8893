// Anthropic's Messages API as Claude Code calls it: `POST /v1/messages` streaming SSE. Requests
// that offer tools are the conversation (the main agent's and its subagents'); the rest (title
// generation and other one-shot side requests) get a short text.
import type { ServerResponse } from 'node:http';
import { json, sse, startSse } from './server.js';
import type { ModelDialect } from './server.js';
import { freshId } from './turns.js';
import type { LoggedRequest, Turn } from './turns.js';

interface MessagesBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  messages?: { role: string; content: unknown }[];
  system?: unknown;
}

export const anthropicDialect: ModelDialect = {
  classify(request) {
    const path = request.url.split('?')[0];
    if (request.method === 'POST' && path === '/v1/messages/count_tokens') return 'side';
    if (request.method !== 'POST' || path !== '/v1/messages') return 'unknown';
    const body = request.body as MessagesBody;
    return (body.tools?.length ?? 0) > 0 ? 'main' : 'side';
  },
  answer(request, turn, res) {
    if (request.url.startsWith('/v1/messages/count_tokens')) {
      json(res, { input_tokens: 100 });
      return;
    }
    const body = request.body as MessagesBody;
    const content = blocks(turn ?? { text: 'Fake title' });
    const stop = content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
    if (body.stream) stream(res, body.model ?? 'fake', content, stop);
    else json(res, message(body.model ?? 'fake', content, stop));
  },
};

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function blocks(turn: Turn): Block[] {
  const out: Block[] = [];
  if (turn.text) out.push({ type: 'text', text: turn.text });
  for (const call of turn.tools ?? [])
    out.push({
      type: 'tool_use',
      id: call.id ?? freshId('toolu_'),
      name: call.name,
      input: call.input,
    });
  return out;
}

function message(model: string, content: Block[], stop: string) {
  return {
    id: freshId('msg_'),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: 100, output_tokens: 20 },
  };
}

function stream(res: ServerResponse, model: string, content: Block[], stop: string): void {
  startSse(res);
  const head = { ...message(model, [], stop), stop_reason: null };
  sse(res, { type: 'message_start', message: head }, 'message_start');
  content.forEach((block, index) => {
    const start = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
    sse(res, { type: 'content_block_start', index, content_block: start }, 'content_block_start');
    const delta =
      block.type === 'text'
        ? { type: 'text_delta', text: block.text }
        : { type: 'input_json_delta', partial_json: JSON.stringify(block.input) };
    sse(res, { type: 'content_block_delta', index, delta }, 'content_block_delta');
    sse(res, { type: 'content_block_stop', index }, 'content_block_stop');
  });
  const end = {
    type: 'message_delta',
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: 20 },
  };
  sse(res, end, 'message_delta');
  sse(res, { type: 'message_stop' }, 'message_stop');
  res.end();
}

/** The text of every `tool_result` block in a request, by tool_use id. */
export function anthropicToolResults(request: LoggedRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of (request.body as MessagesBody).messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    for (const b of m.content as { type?: string; tool_use_id?: string; content?: unknown }[]) {
      if (b.type === 'tool_result' && b.tool_use_id) out.set(b.tool_use_id, flatText(b.content));
    }
  }
  return out;
}

/** All the text a request carries (system, messages, tool results), for "did the model see X". */
export function anthropicRequestText(request: LoggedRequest): string {
  const body = request.body as MessagesBody;
  return [flatText(body.system), ...(body.messages ?? []).map((m) => flatText(m.content))].join(
    '\n',
  );
}

/** Names of the tools a request offers. */
export function anthropicToolNames(request: LoggedRequest): string[] {
  return ((request.body as MessagesBody).tools ?? []).map((t) =>
    String((t as { name?: string }).name),
  );
}

function flatText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatText).join('\n');
  if (value && typeof value === 'object') {
    const v = value as { text?: unknown; content?: unknown };
    return [v.text, v.content].map(flatText).filter(Boolean).join('\n');
  }
  return '';
}
