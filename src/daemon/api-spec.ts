// What the HTTP API offers, route by route: method, path, what it does, the zod shapes of its query
// parameters and body (api-shapes.ts, the ones the routes parse with) and of its answer. openapi.ts
// builds the OpenAPI document from this list, and a test checks that every /v1 route the app
// serves is in it — a new route is one more entry here (a new face's routes: its own list, added
// to API_SPECS).
import { z } from 'zod';
import {
  briefShape,
  checkpointShape,
  componentShape,
  contextFactShape,
  decisionShape,
  doctorReportShape,
  eventShape,
  projectShape,
  searchResultShape,
  sessionShape,
  todoShape,
} from '../schemas/index.js';
import * as shapes from './api-shapes.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's form: `/v1/todos/:ref`. */
  path: string;
  summary: string;
  query?: z.ZodObject;
  /** A JSON body, or `ndjson` for Events JSONL v1 lines. */
  body?: z.ZodType | 'ndjson';
  /** The JSON answer on success; `sse` for a stream of server-sent events. */
  response?: z.ZodType | 'sse';
  /** The success status (200 unless said). */
  status?: number;
}

const one = <K extends string>(key: K, shape: z.ZodType) => z.object({ [key]: shape });
const many = <K extends string>(key: K, shape: z.ZodType) => z.object({ [key]: z.array(shape) });

export const JOURNAL_SPECS: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/health',
    summary: 'the daemon answers',
    response: z.object({ ok: z.boolean(), pid: z.number(), lastSeq: z.number() }),
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'this document',
    response: z.object({ openapi: z.string() }).loose(),
  },
  {
    method: 'get',
    path: '/v1/projects',
    summary: 'every project',
    response: many('projects', projectShape),
  },
  {
    method: 'get',
    path: '/v1/sessions',
    summary: 'sessions, most recent first',
    query: shapes.queries.sessions,
    response: many('sessions', sessionShape),
  },
  {
    method: 'get',
    path: '/v1/sessions/:ref',
    summary: "one session, by id, handle or the agent's id",
    response: one('session', sessionShape),
  },
  {
    method: 'get',
    path: '/v1/events',
    summary: 'events in journal order; `next` is the `after` of the next page',
    query: shapes.queries.events,
    response: z.object({ events: z.array(eventShape), next: z.number().nullable() }),
  },
  {
    method: 'post',
    path: '/v1/events',
    summary:
      'Events JSONL v1 lines, answered once committed (422 PARTIAL when some were malformed)',
    body: 'ndjson',
    response: z.object({ lines: z.number(), imported: z.number(), duplicates: z.number() }).loose(),
  },
  {
    method: 'get',
    path: '/v1/events/stream',
    summary: 'server-sent events: `ready`, then one `event` per new event (Last-Event-ID resumes)',
    query: shapes.queries.stream,
    response: 'sse',
  },
];

export const RECORD_SPECS: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/todos',
    summary: "the project's todos",
    query: shapes.queries.todos,
    response: many('todos', todoShape),
  },
  {
    method: 'post',
    path: '/v1/todos',
    summary: 'add a todo',
    query: shapes.queries.project,
    body: shapes.todoBody,
    response: one('todo', todoShape),
    status: 201,
  },
  {
    method: 'patch',
    path: '/v1/todos/:ref',
    summary: 'change a todo',
    query: shapes.queries.project,
    body: shapes.todoPatch,
    response: z.object({ todo: todoShape }).loose(),
  },
  {
    method: 'get',
    path: '/v1/decisions',
    summary: "the project's decisions",
    query: shapes.queries.decisions,
    response: many('decisions', decisionShape),
  },
  {
    method: 'post',
    path: '/v1/decisions',
    summary: 'record a decision',
    query: shapes.queries.project,
    body: shapes.decisionBody,
    response: z.object({ decision: decisionShape }).loose(),
    status: 201,
  },
  {
    method: 'get',
    path: '/v1/facts',
    summary: "the project's context facts",
    query: shapes.queries.facts,
    response: many('facts', contextFactShape),
  },
  {
    method: 'put',
    path: '/v1/facts/:key',
    summary: 'set a context fact',
    query: shapes.queries.project,
    body: shapes.factBody,
    response: one('fact', contextFactShape),
  },
  {
    method: 'get',
    path: '/v1/components',
    summary: "the project's components",
    query: shapes.queries.project,
    response: many('components', componentShape),
  },
  {
    method: 'put',
    path: '/v1/components/:name',
    summary: "set a component's state",
    query: shapes.queries.project,
    body: shapes.componentBody,
    response: one('component', componentShape),
  },
];

export const RECOVERY_SPECS: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/checkpoints',
    summary: 'checkpoints, newest first',
    query: shapes.queries.checkpoints,
    response: many('checkpoints', checkpointShape),
  },
  {
    method: 'get',
    path: '/v1/checkpoints/diff',
    summary: 'what changed between two checkpoints',
    query: shapes.queries.diff,
    response: z.object({ from: checkpointShape, to: checkpointShape }).loose(),
  },
  {
    method: 'post',
    path: '/v1/checkpoints',
    summary: 'take a checkpoint',
    query: shapes.queries.project,
    body: shapes.checkpointBody,
    response: one('checkpoint', checkpointShape),
    status: 201,
  },
  {
    method: 'post',
    path: '/v1/checkpoints/:ref/restore',
    summary: 'make a checkpoint the resume point (`rollback` puts records back)',
    body: shapes.restoreBody,
    response: z.object({ checkpoint: checkpointShape }).loose(),
  },
  {
    method: 'get',
    path: '/v1/brief',
    summary: 'the recovery brief',
    query: shapes.queries.brief,
    response: z.object({ text: z.string(), brief: briefShape }).loose(),
  },
  {
    method: 'get',
    path: '/v1/search',
    summary: 'search, with the query language of `baton search`',
    query: shapes.queries.search,
    response: searchResultShape,
  },
  {
    method: 'get',
    path: '/v1/doctor',
    summary: "the doctor's checks (`slow=later`: all but those that read the whole store)",
    query: shapes.queries.doctor,
    response: doctorReportShape,
  },
  {
    method: 'get',
    path: '/v1/doctor/slow',
    summary:
      'only the checks that read the whole store: integrity (seconds on a big one, on a worker thread)',
    response: doctorReportShape,
  },
  {
    method: 'post',
    path: '/v1/import',
    summary: 'a recorder pass now: spool, transcripts, checkpoints, crash sweep',
    response: z.object({ report: z.json() }),
  },
  {
    method: 'post',
    path: '/mcp',
    summary: 'the MCP server over streamable HTTP (stateless) for `?project=`',
    query: shapes.queries.mcp,
    body: z.json(),
  },
];

/** Every route of the API, for the OpenAPI document. */
export const API_SPECS: readonly RouteSpec[] = [
  ...JOURNAL_SPECS,
  ...RECORD_SPECS,
  ...RECOVERY_SPECS,
];
