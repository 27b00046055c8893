import { z } from 'zod';
import { recoveryBrief } from '../../operations/index.js';
import { BRIEF_MODES } from '../../recover/index.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const resumeBriefTool = defineTool({
  name: 'resume_brief',
  title: 'Recovery brief',
  description:
    "Baton's recovery brief for this project: the last session (who, when, how it ended), the task and its progress, open todos, decisions in force, context facts, component health, last actions and the recommended next step. Call it first when you start or resume work, or after a compaction. mode: 'quick' (default, the last session), 'full' (across recent sessions), 'emergency' (only open work and critical facts, tiny). Build it from a given session or checkpoint instead of the latest, or focus it on one todo. budget caps its size in characters (default 4000).",
  input: z
    .object({
      mode: z.enum(BRIEF_MODES).default('quick'),
      budget: z
        .number()
        .int()
        .min(300)
        .max(100_000)
        .default(4000)
        .describe('most characters (default 4000)'),
      session: z.string().min(1).optional().describe('build it from this session (handle or id)'),
      checkpoint: z
        .string()
        .min(1)
        .optional()
        .describe('build it from this checkpoint (RECOVERY-… handle or id)'),
      todo: z
        .union([z.number().int().min(1), z.string().trim().min(1)])
        .optional()
        .describe('focus on one todo (number or id): its history, files, blockers, what remains'),
    })
    .strict(),
  output: z.object({
    mode: z.enum(BRIEF_MODES),
    text: z.string().describe('the brief, markdown'),
    sessionHandle: z.string().nullable(),
    checkpointHandle: z.string().nullable(),
    truncated: z.boolean().describe('whether the budget left something out'),
  }),
  annotations: READ_ONLY,
  async run(args, { deps, ops }) {
    const brief = await recoveryBrief(ops, {
      projectId: deps.project.id,
      mode: args.mode,
      sessionRef: args.session,
      checkpointRef: args.checkpoint,
      todoRef: args.todo === undefined ? undefined : String(args.todo),
      budget: args.budget,
      format: 'md',
    });
    const more = brief.truncated
      ? '\n\n(Cut to the budget: raise budget, or read todo_list, decision_list, context_list.)'
      : '';
    return {
      text: brief.text + more,
      data: {
        mode: brief.mode,
        text: brief.text,
        sessionHandle: brief.sessionHandle,
        checkpointHandle: brief.checkpointHandle,
        truncated: brief.truncated,
      },
    };
  },
});
