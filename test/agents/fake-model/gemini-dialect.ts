// Google's Gemini API as Gemini CLI calls it: `POST /v1beta/models/{model}:streamGenerateContent`
// (SSE) for the conversation, plus side calls answered here: `:generateContent` (the model
// router and other one-shot asks, which carry a JSON schema and get schema-shaped JSON),
// `:countTokens`, `:embedContent` and `GET /v1beta/models`.
import { json, sse, startSse } from './server.js';
import type { ModelDialect } from './server.js';
import type { LoggedRequest, Turn } from './turns.js';

interface GenerateBody {
  contents?: { role?: string; parts?: Record<string, unknown>[] }[];
  systemInstruction?: unknown;
  tools?: { functionDeclarations?: { name: string }[] }[];
  generationConfig?: {
    responseJsonSchema?: unknown;
    responseSchema?: unknown;
    responseMimeType?: string;
  };
}

export const geminiDialect: ModelDialect = {
  classify(request) {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && path.startsWith('/v1beta/models')) return 'side';
    if (request.method !== 'POST' || !path.startsWith('/v1beta/models/')) return 'unknown';
    if (path.endsWith(':streamGenerateContent')) {
      const body = request.body as GenerateBody;
      return body.generationConfig?.responseJsonSchema || body.generationConfig?.responseSchema
        ? 'side'
        : 'main';
    }
    return path.endsWith(':generateContent') ||
      path.endsWith(':countTokens') ||
      path.endsWith(':embedContent')
      ? 'side'
      : 'unknown';
  },
  answer(request, turn, res) {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET')
      return json(res, { models: [{ name: 'models/gemini-2.5-flash' }] });
    if (path.endsWith(':countTokens')) return json(res, { totalTokens: 100 });
    if (path.endsWith(':embedContent'))
      return json(res, { embedding: { values: [0.1, 0.2, 0.3] } });
    const parts = turn ? partsOf(turn) : [{ text: sideAnswer(request.body as GenerateBody) }];
    const chunk = candidate(parts);
    if (!path.endsWith(':streamGenerateContent')) return json(res, chunk);
    startSse(res);
    sse(res, chunk);
    res.end();
  },
};

function partsOf(turn: Turn): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (turn.text) parts.push({ text: turn.text });
  for (const call of turn.tools ?? [])
    parts.push({
      functionCall: { name: call.name, args: call.input, ...(call.id ? { id: call.id } : {}) },
    });
  return parts;
}

function candidate(parts: Record<string, unknown>[]) {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 },
    modelVersion: 'gemini-2.5-flash',
  };
}

/** A side ask with a JSON schema gets an object with each required property filled plausibly. */
function sideAnswer(body: GenerateBody): string {
  const schema = (body.generationConfig?.responseJsonSchema ??
    body.generationConfig?.responseSchema) as
    { properties?: Record<string, { type?: string; enum?: string[] }> } | undefined;
  if (!schema?.properties) return 'Fake title';
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties)) {
    const type = String(prop.type ?? 'string').toLowerCase();
    out[key] =
      prop.enum?.[0] ??
      (type === 'boolean'
        ? false
        : type === 'number' || type === 'integer'
          ? 0
          : key === 'model_choice'
            ? 'flash'
            : 'fake');
  }
  return JSON.stringify(out);
}

/** The text of every functionResponse a request carries, by function name (in order). */
export function geminiToolResults(request: LoggedRequest): { name: string; response: unknown }[] {
  const out: { name: string; response: unknown }[] = [];
  for (const c of (request.body as GenerateBody).contents ?? [])
    for (const p of c.parts ?? []) {
      const fr = p.functionResponse as { name?: string; response?: unknown } | undefined;
      if (fr) out.push({ name: String(fr.name), response: fr.response });
    }
  return out;
}

export function geminiRequestText(request: LoggedRequest): string {
  const body = request.body as GenerateBody;
  return JSON.stringify([body.systemInstruction ?? '', body.contents ?? []]);
}

/** The text parts of the request's user turns, in order. */
export function geminiUserTexts(request: LoggedRequest): string[] {
  return ((request.body as GenerateBody).contents ?? [])
    .filter((c) => c.role === 'user')
    .flatMap((c) =>
      (c.parts ?? []).map((p) => p.text).filter((t): t is string => typeof t === 'string'),
    );
}

export function geminiToolNames(request: LoggedRequest): string[] {
  return ((request.body as GenerateBody).tools ?? []).flatMap((t) =>
    (t.functionDeclarations ?? []).map((f) => f.name),
  );
}
