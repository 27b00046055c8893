// The OpenAPI 3.1 document of the HTTP API, built from the route list (api-spec.ts) and its zod
// shapes: served at GET /v1/openapi.json and written to schemas/openapi.json by `npm run schemas`.
import { z } from 'zod';
import { API_SPECS } from './api-spec.js';
import type { RouteSpec } from './api-spec.js';
import { DEFAULT_PORT } from './daemon-paths.js';

type Json = Record<string, unknown>;

const errorShape = z.object({
  error: z.object({
    code: z.string().describe('USAGE, INVALID_INPUT, NOT_FOUND, PARTIAL, STORE_LOCKED, IO, …'),
    message: z.string(),
    hint: z.string().optional(),
  }),
});

/** JSON Schema of a zod shape as a request (io: input) or an answer (io: output). */
function schemaOf(shape: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(shape, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

/** `/v1/todos/:ref` → `/v1/todos/{ref}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const operationId = (spec: RouteSpec) =>
  spec.method +
  spec.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());

function parameters(spec: RouteSpec): Json[] {
  const query = spec.query
    ? (schemaOf(spec.query, 'input') as { properties?: Json; required?: string[] })
    : {};
  return [
    ...[...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function requestBody(body: NonNullable<RouteSpec['body']>): Json {
  const content =
    body === 'ndjson'
      ? {
          'application/x-ndjson': {
            schema: {
              type: 'string',
              description: 'Events JSONL v1 lines (events-v1.schema.json)',
            },
          },
        }
      : { 'application/json': { schema: schemaOf(body, 'input') } };
  return { required: true, content };
}

function answer(response: RouteSpec['response']): Json {
  if (response === 'sse')
    return { content: { 'text/event-stream': { schema: { type: 'string' } } } };
  if (!response) return {};
  return { content: { 'application/json': { schema: schemaOf(response, 'output') } } };
}

function operation(spec: RouteSpec): Json {
  const params = parameters(spec);
  return {
    summary: spec.summary,
    operationId: operationId(spec),
    ...(params.length && { parameters: params }),
    ...(spec.body && { requestBody: requestBody(spec.body) }),
    responses: {
      [String(spec.status ?? 200)]: { description: 'done', ...answer(spec.response) },
      default: {
        description: 'an error, with its code',
        content: { 'application/json': { schema: schemaOf(errorShape, 'output') } },
      },
    },
  };
}

export function openApiDocument(specs: readonly RouteSpec[] = API_SPECS): Json {
  const paths: Record<string, Json> = {};
  for (const spec of specs) {
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton daemon API',
      version: '1',
      description: 'The local HTTP API of `baton daemon` (docs/daemon.md).',
    },
    servers: [{ url: `http://127.0.0.1:${DEFAULT_PORT}` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'the token in $BATON_HOME/daemon.token',
        },
      },
    },
    paths,
  };
}
