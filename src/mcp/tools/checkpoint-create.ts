import { z } from 'zod';
import { checkpointShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
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
  async run(args, call) {
    const { deps, now } = call;
    const session = call.writingSession(args.session);
    const checkpoint = await deps.checkpoints.create(deps.store, {
      projectId: deps.project.id,
      sessionId: session.id,
      label: args.label ?? null,
      trigger: 'user',
      now,
    });
    return {
      text: `Created ${checkpointLine(checkpoint)} of ${session.handle}.`,
      data: { checkpoint: toJson.checkpoint(checkpoint) },
    };
  },
});
