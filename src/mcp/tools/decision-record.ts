import { z } from 'zod';
import { recordDecision, withHint } from '../../operations/index.js';
import { decisionShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { decisionLine } from '../present.js';
import { sessionArg } from '../shapes.js';
import { ADDS, defineTool } from '../tool.js';

export const decisionRecordTool = defineTool({
  name: 'decision_record',
  title: 'Record a decision',
  description:
    "Records a choice and its reason so later sessions keep it instead of re-deciding: every brief lists the decisions in force. Record it when you or the user settle on an approach, a library, a format or a rule. If it replaces an earlier decision, give that one's number in supersedes and it is marked superseded.",
  input: z
    .object({
      decision: z.string().trim().min(1).max(4000).describe('what was decided, one sentence'),
      reasoning: z
        .string()
        .trim()
        .min(1)
        .max(8000)
        .optional()
        .describe('why: the reason a later session must know'),
      outcome: z
        .string()
        .trim()
        .min(1)
        .max(4000)
        .optional()
        .describe('what came of it, if already known'),
      files: z
        .array(z.string().min(1))
        .max(100)
        .optional()
        .describe('files it concerns, relative to the project root'),
      supersedes: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('the number of an earlier decision this one replaces'),
      session: sessionArg,
    })
    .strict(),
  output: z.object({ decision: decisionShape, superseded: decisionShape.nullable() }),
  annotations: ADDS,
  run(args, call) {
    const { decision, superseded } = withHint(
      () => recordDecision(call.ops, { projectId: call.deps.project.id, ...args }),
      'NOT_FOUND',
      "call decision_list with status 'all' to see their numbers",
    );
    return {
      text: `Recorded decision ${decisionLine(decision)}${superseded ? `\nMarked #${superseded.number} superseded.` : ''}`,
      data: {
        decision: toJson.decision(decision),
        superseded: superseded ? toJson.decision(superseded) : null,
      },
    };
  },
});
