// The zod shapes of the HTTP API's requests: the JSON bodies the routes parse with, and the query
// parameters each route reads. The routes validate with these, and openapi.ts describes the API
// from them, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import {
  DECISION_STATUSES,
  FACT_PRIORITIES,
  SESSION_STATUSES,
  TODO_PRIORITIES,
  TODO_STATUSES,
} from '../core/index.js';
import { BRIEF_MODES } from '../recover/index.js';

export const todoBody = z.object({
  content: z.string(),
  status: z.enum(['pending', 'in_progress']).optional(),
  priority: z.enum(TODO_PRIORITIES).nullable().optional(),
  component: z.string().nullable().optional(),
  activeForm: z.string().nullable().optional(),
  session: z.string().optional(),
});
export const todoPatch = z.object({
  status: z.enum(TODO_STATUSES).optional(),
  content: z.string().optional(),
  priority: z.enum(TODO_PRIORITIES).nullable().optional(),
  component: z.string().nullable().optional(),
  activeForm: z.string().nullable().optional(),
  blockedReason: z.string().nullable().optional(),
  session: z.string().optional(),
});
export const decisionBody = z.object({
  decision: z.string(),
  reasoning: z.string().nullable().optional(),
  outcome: z.string().nullable().optional(),
  files: z.array(z.string()).optional(),
  supersedes: z.union([z.string(), z.number()]).optional(),
  session: z.string().optional(),
});
export const factBody = z.object({
  value: z.json(),
  category: z.string().nullable().optional(),
  priority: z.enum(FACT_PRIORITIES).optional(),
  expiresIn: z.string().optional(),
  session: z.string().optional(),
});
export const componentBody = z.object({
  status: z.string().optional(),
  health: z.number().min(0).max(100).optional(),
  metadata: z.record(z.string(), z.json()).optional(),
});
export const checkpointBody = z.object({
  label: z.string().optional(),
  session: z.string().optional(),
});
export const restoreBody = z.object({ rollback: z.boolean().optional() });

const whole = (max: number) => z.number().int().min(0).max(max);
const project = z.string().describe("a project's id, key, folder or name (GET /v1/projects)");
const list = (values: readonly string[]) =>
  z.string().describe(`comma-separated, of: ${values.join(', ')}`);

/** The query parameters each route reads (all optional unless the route says it needs one). */
export const queries = {
  project: z.object({ project }),
  /** `later`: leave out the checks that read the whole store (`/v1/doctor/slow` runs them). */
  doctor: z.object({ slow: z.enum(['later']).optional() }),
  sessions: z.object({
    project: project.optional(),
    status: z.enum(SESSION_STATUSES).optional(),
    agent: z.string().optional(),
    limit: whole(1000).optional(),
  }),
  events: z.object({
    session: z.string().optional(),
    project: project.optional(),
    after: whole(Number.MAX_SAFE_INTEGER).optional().describe('journal position (seq)'),
    limit: whole(5000).optional(),
  }),
  stream: z.object({
    session: z.string().optional(),
    project: project.optional(),
    after: whole(Number.MAX_SAFE_INTEGER).optional(),
  }),
  todos: z.object({ project, status: list(['all', ...TODO_STATUSES]).optional() }),
  decisions: z.object({ project, status: list(DECISION_STATUSES).optional() }),
  facts: z.object({ project, expired: z.enum(['true', 'false']).optional() }),
  checkpoints: z.object({
    project,
    session: z.string().optional(),
    limit: whole(1000).optional(),
    offset: whole(1_000_000).optional(),
  }),
  diff: z.object({ from: z.string(), to: z.string() }),
  brief: z.object({
    project,
    mode: z.enum(BRIEF_MODES).optional(),
    session: z.string().optional(),
    budget: whole(100_000).optional(),
  }),
  search: z.object({
    q: z.string(),
    project: project.optional(),
    limit: whole(500).optional(),
    offset: whole(100_000).optional(),
  }),
  mcp: z.object({ project: project.optional(), session: z.string().optional() }),
};
