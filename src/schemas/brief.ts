// The published shape of `baton resume --json` (and the MCP `resume_brief` tool's structured
// content): the brief's content, structured — exactly the items the markdown kept under the
// budget, plus what was left out. Lists are empty, single parts null, when the brief has none.
import { z } from 'zod';

const time = z.iso.datetime().nullable().describe('ISO-8601 time, UTC');

const todoItem = z.object({
  number: z.number().int(),
  content: z.string(),
  status: z.string(),
  priority: z.string().nullable(),
  component: z.string().nullable(),
  blockedReason: z.string().nullable(),
  startedAt: time,
  completedAt: time,
});

const actionItem = z.object({
  seq: z.number().int(),
  ts: time,
  kind: z.string(),
  tool: z.string().nullable(),
  files: z.array(z.string()),
  command: z.string().nullable(),
  failed: z.boolean(),
  text: z.string(),
});

const said = z.object({ ts: time, text: z.string() });

export const briefShape = z
  .looseObject({
    version: z.literal(1),
    mode: z.enum(['quick', 'full', 'emergency']),
    budget: z.number().int().describe('characters the markdown may use'),
    length: z.number().int().describe('characters the markdown uses'),
    omitted: z.array(z.string()).describe('what the budget left out, e.g. "12 pending todos"'),
    generatedAt: time,
    title: z.string().nullable(),
    crash: z.object({ session: z.string(), reason: z.string().nullable() }).nullable(),
    project: z
      .object({ name: z.string(), root: z.string(), branch: z.string().nullable() })
      .nullable(),
    session: z
      .looseObject({
        handle: z.string(),
        agent: z.string(),
        status: z.string(),
        endState: z.enum(['active', 'ended', 'crashed', 'compacted', 'cleared']),
        endReason: z.string().nullable(),
      })
      .partial()
      .nullable(),
    checkpoint: z
      .object({
        handle: z.string(),
        trigger: z.string(),
        label: z.string().nullable(),
        createdAt: time,
        restoredAt: time,
      })
      .nullable(),
    task: z.unknown().describe('the task in progress: a todo, or what the session was about'),
    progress: z
      .object({
        done: z.number().int(),
        open: z.number().int(),
        inProgress: z.number().int(),
        blocked: z.number().int(),
        pending: z.number().int(),
      })
      .nullable(),
    focus: z.record(z.string(), z.unknown()).nullable().describe('`--todo`: the task in focus'),
    todos: z.array(todoItem),
    outcome: z
      .object({
        commits: z.array(z.string()),
        push: z.string(),
        test: z.object({ command: z.string(), failed: z.boolean(), ts: time }),
        unanswered: z.boolean(),
        summary: said.describe("the agent's own summary at its last compaction"),
      })
      .partial()
      .nullable()
      .describe(
        'where the session stands: commits, push, last test run, an unanswered request, the agent’s compaction summary',
      ),
    actions: z.object({
      prompts: z.array(said),
      assistant: said.nullable(),
      errors: z.array(actionItem),
      files: z.array(z.object({ path: z.string(), times: z.number().int() })),
      commands: z.array(z.object({ command: z.string(), failed: z.boolean() })),
      recent: z.array(actionItem),
    }),
    timeline: z.array(z.record(z.string(), z.unknown())).describe('full mode'),
    decisions: z.array(
      z.object({
        number: z.number().int(),
        decision: z.string(),
        reasoning: z.string().nullable(),
        outcome: z.string().nullable(),
        files: z.array(z.string()),
        createdAt: time,
      }),
    ),
    facts: z.array(
      z.object({
        key: z.string(),
        value: z.unknown(),
        priority: z.string(),
        category: z.string().nullable(),
        scope: z.enum(['global', 'project']),
        expiresAt: time,
      }),
    ),
    components: z.array(
      z.object({
        name: z.string(),
        status: z.string(),
        health: z.number().nullable(),
        lastChecked: time,
      }),
    ),
    changes: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('what changed in the repository since: branch, head, commits, files'),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    next: z.string().nullable().describe('the recommended next step'),
    more: z.string().nullable(),
  })
  .describe('A recovery brief, structured (`baton resume --json`)');
