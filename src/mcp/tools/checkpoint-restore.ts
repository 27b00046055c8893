import { z } from 'zod';
import { checkpointShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { restoreCheckpoint } from '../../operations/index.js';
import { checkpointLine, lines } from '../present.js';
import { CHANGES, defineTool } from '../tool.js';

export const checkpointRestoreTool = defineTool({
  name: 'checkpoint_restore',
  title: 'Restore a checkpoint',
  description:
    'Makes a checkpoint the resume point: the next brief is built from it. With rollback, also returns todos, decisions and context facts to their state at that checkpoint — after taking a checkpoint of the present, whose handle is returned so the rollback can itself be undone. Ask the user before a rollback.',
  input: z
    .object({
      checkpoint: z
        .string()
        .trim()
        .min(1)
        .describe('the checkpoint: RECOVERY-… handle or id, from checkpoint_list'),
      rollback: z
        .boolean()
        .default(false)
        .describe('also roll todos, decisions and facts back to it'),
    })
    .strict(),
  output: z.object({
    checkpoint: checkpointShape,
    rolledBack: z.boolean(),
    undoCheckpoint: checkpointShape.nullable().describe('restore this one to undo the rollback'),
  }),
  annotations: CHANGES,
  run(args, call) {
    const r = restoreCheckpoint(call.ops, { ref: args.checkpoint, rollback: args.rollback });
    const result = {
      checkpoint: r.checkpoint,
      rolledBack: r.rolledBack !== null,
      undoCheckpoint: r.undo,
    };
    return {
      text: lines(
        `Restored ${checkpointLine(result.checkpoint)}: it is the resume point for the next brief.`,
        result.rolledBack ? 'Todos, decisions and context facts were rolled back to it.' : '',
        result.undoCheckpoint
          ? `Undo: checkpoint_restore {"checkpoint":"${result.undoCheckpoint.handle}","rollback":true}.`
          : '',
      ),
      data: {
        checkpoint: toJson.checkpoint(result.checkpoint),
        rolledBack: result.rolledBack,
        undoCheckpoint: result.undoCheckpoint ? toJson.checkpoint(result.undoCheckpoint) : null,
      },
    };
  },
});
