import { z } from 'zod';
import { checkpointShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { takeCheckpoint } from '../../operations/index.js';
import { checkpointLine } from '../present.js';
import { sessionArg } from '../shapes.js';
import { ADDS, defineTool } from '../tool.js';

export const checkpointCreateTool = defineTool({
  name: 'checkpoint_create',
  title: 'Create a checkpoint',
  description:
    'Takes a checkpoint now: a consistent snapshot of todos, decisions, context facts, component health and the journal position, to resume from later (resume_brief with checkpoint, or checkpoint_restore). Take one before a risky step or when a piece of work is done; give it a label that says what state it captures.',
  input: z
    .object({
      label: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe('what state it captures: "before the schema migration"'),
      session: sessionArg,
    })
    .strict(),
  output: z.object({ checkpoint: checkpointShape }),
  annotations: ADDS,
  run(args, call) {
    const checkpoint = takeCheckpoint(call.ops, {
      projectId: call.deps.project.id,
      label: args.label,
      session: args.session,
      whenUnnamed: 'new',
      newSession: call.newSession(),
      staleEnv: 'ignore',
    });
    const session = call.deps.store.sessions.get(checkpoint.sessionId)!;
    return {
      text: `Created ${checkpointLine(checkpoint)} of ${session.handle}.`,
      data: { checkpoint: toJson.checkpoint(checkpoint) },
    };
  },
});
