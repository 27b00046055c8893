// OpenAI's Responses API as Codex calls it: `POST /v1/responses` streaming SSE. Requests that offer
// tools are the conversation; the rest (the TUI's title generation) get a short text.
import { json, sse, startSse } from './server.js';
import type { ModelDialect } from './server.js';
import { freshId } from './turns.js';
import type { LoggedRequest, Turn } from './turns.js';

interface ResponsesBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  input?: unknown[];
  instructions?: string;
}

export const openaiDialect: ModelDialect = {
  classify(request) {
    const path = request.url.split('?')[0];
    if (request.method === 'GET' && path === '/v1/models') return 'side';
    if (request.method !== 'POST' || path !== '/v1/responses') return 'unknown';
    return ((request.body as ResponsesBody).tools?.length ?? 0) > 0 ? 'main' : 'side';
  },
  answer(request, turn, res) {
    if (request.method === 'GET') {
      json(res, { object: 'list', data: [{ id: 'fake-model', object: 'model' }] });
      return;
    }
    const body = request.body as ResponsesBody;
    const output = items(turn ?? { text: 'Fake title' });
    const response = {
      id: freshId('resp_'),
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      model: body.model ?? 'fake-model',
      status: 'completed',
      output,
      usage: {
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 20,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 120,
      },
    };
    if (body.stream === false) {
      json(res, response);
      return;
    }
    startSse(res);
    let seq = 0;
    const send = (type: string, data: object) =>
      sse(res, { type, sequence_number: seq++, ...data }, type);
    send('response.created', { response: { ...response, status: 'in_progress', output: [] } });
    output.forEach((item, output_index) => {
      send('response.output_item.added', {
        output_index,
        item: { ...item, status: 'in_progress' },
      });
      if (item.type === 'message') {
        const delta = item.content[0]!.text;
        send('response.output_text.delta', {
          item_id: item.id,
          output_index,
          content_index: 0,
          delta,
        });
      }
      send('response.output_item.done', { output_index, item });
    });
    send('response.completed', { response });
    res.end();
  },
};

type Item =
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      status: 'completed';
      content: { type: 'output_text'; text: string; annotations: [] }[];
    }
  | {
      type: 'function_call';
      id: string;
      call_id: string;
      name: string;
      namespace?: string;
      arguments: string;
      status: 'completed';
    };

function items(turn: Turn): Item[] {
  const out: Item[] = [];
  if (turn.text) {
    const content = [{ type: 'output_text' as const, text: turn.text, annotations: [] as [] }];
    out.push({
      type: 'message',
      id: freshId('msg_'),
      role: 'assistant',
      status: 'completed',
      content,
    });
  }
  for (const call of turn.tools ?? []) {
    out.push({
      type: 'function_call',
      id: freshId('fc_'),
      call_id: call.id ?? freshId('call_'),
      name: call.name,
      ...(call.namespace ? { namespace: call.namespace } : {}),
      arguments: JSON.stringify(call.input),
      status: 'completed',
    });
  }
  return out;
}

/** The output of every function call answered in a request, by call id. */
export function openaiToolResults(request: LoggedRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of ((request.body as ResponsesBody).input ?? []) as Record<string, unknown>[]) {
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output')
      out.set(
        String(item.call_id),
        typeof item.output === 'string' ? item.output : JSON.stringify(item.output),
      );
  }
  return out;
}

/** All the text a request carries (instructions and input), for "did the model see X". */
export function openaiRequestText(request: LoggedRequest): string {
  const body = request.body as ResponsesBody;
  return [body.instructions ?? '', JSON.stringify(body.input ?? [])].join('\n');
}

export function openaiToolNames(request: LoggedRequest): string[] {
  return ((request.body as ResponsesBody).tools ?? []).map((t) => {
    const tool = t as { name?: string; type?: string };
    return String(tool.name ?? tool.type);
  });
}
