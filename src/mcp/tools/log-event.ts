import { z } from 'zod';
import { EVENT_KINDS } from '../../core/index.js';
import { logEvent } from '../../operations/index.js';
import { sessionArg } from '../shapes.js';
import { ADDS, defineTool } from '../tool.js';

export const logEventTool = defineTool({
  name: 'log_event',
  title: 'Log an event',
  description:
    "Appends an event to your session's journal — for agents whose conversation Baton does not capture by itself, or to mark something worth finding later: a note, a command run, an error met, a file changed. Logged text is searchable and the last events appear in the next brief. Pass session to attribute it; default $BATON_SESSION, else the project's active session, else a new one.",
  input: z
    .object({
      kind: z.enum(EVENT_KINDS).default('note'),
      text: z.string().trim().min(1).max(100_000).describe('what happened, in words'),
      tool: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('the tool involved, if any (Bash, Edit, …)'),
      data: z.record(z.string(), z.json()).optional().describe('structured details, a JSON object'),
      session: sessionArg,
    })
    .strict(),
  output: z.object({
    session: z.object({ id: z.string(), handle: z.string() }),
    event: z.object({ id: z.string(), seq: z.number().int(), kind: z.enum(EVENT_KINDS) }),
  }),
  annotations: ADDS,
  run(args, call) {
    const { session, event } = logEvent(call.ops, {
      ...args,
      projectId: call.deps.project.id,
      source: 'api',
      newSession: call.newSession(),
    });
    return {
      text: `Logged ${args.kind} @${event.seq} to ${session.handle}.`,
      data: {
        session: { id: session.id, handle: session.handle },
        event: { id: event.id, seq: event.seq, kind: event.kind },
      },
    };
  },
});
