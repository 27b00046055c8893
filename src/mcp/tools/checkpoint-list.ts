import { z } from 'zod';
import { listCheckpoints, withHint } from '../../operations/index.js';
import { checkpointShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { checkpointLine, lines, pageSentence } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const checkpointListTool = defineTool({
  name: 'checkpoint_list',
  title: 'List checkpoints',
  description:
    "The project's checkpoints, newest first, 10 at a time: handle (RECOVERY-<session>-HHMMSS), label, trigger, time, size. Narrow to one session with session; page with offset. Resume from one with resume_brief {checkpoint}, or make it the resume point with checkpoint_restore.",
  input: z
    .object({
      session: z
        .string()
        .min(1)
        .optional()
        .describe('only this session’s checkpoints (handle or id)'),
      limit: limitArg(10, 100),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({ checkpoints: z.array(checkpointShape), page: pageShape }),
  annotations: READ_ONLY,
  run(args, { deps, ops }) {
    const found = withHint(
      () =>
        listCheckpoints(ops, {
          projectId: deps.project.id,
          session: args.session,
          limit: args.limit + 1,
          offset: args.offset,
        }),
      'NOT_FOUND',
      'see list_sessions',
    );
    const { items, page } = paginate(found, args.offset, args.limit);
    return {
      text: lines(
        items.length
          ? items.map(checkpointLine)
          : 'No checkpoints yet. Take one with checkpoint_create.',
        pageSentence('checkpoint_list', page, args.session ? { session: args.session } : {}),
      ),
      data: { checkpoints: items.map(toJson.checkpoint), page },
    };
  },
});
