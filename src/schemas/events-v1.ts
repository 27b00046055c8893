// Events JSONL v1: Baton's portable interchange format, one JSON object per line.
// `session`, `ts` and `kind` are required; `ref` makes re-imports idempotent.
import { z } from 'zod';
import { EVENT_KINDS } from '../core/index.js';

export const eventLineV1 = z
  .object({
    session: z.string().min(1).describe("the session's external id (the agent's own session id)"),
    agent: z.string().min(1).optional().describe('claude-code, codex, gemini, cli, …'),
    project: z.string().min(1).optional().describe('the project folder path, or a project name'),
    ts: z.iso.datetime({ offset: true }).describe('ISO-8601 time of the event'),
    kind: z.enum(EVENT_KINDS),
    role: z.string().optional(),
    text: z.string().optional(),
    tool: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional().describe('structured payload, any JSON object'),
    ref: z.string().min(1).optional().describe('unique within the session; re-importing a ref adds nothing'),
    title: z.string().optional().describe('the session title'),
  })
  .strict()
  .describe('Baton Events JSONL v1: one line of the interchange format');

export type EventLineV1 = z.infer<typeof eventLineV1>;
