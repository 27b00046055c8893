import { z } from 'zod';
import { FACT_PRIORITIES } from '../../core/index.js';
import { setFact } from '../../operations/index.js';
import { contextFactShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { factLine } from '../present.js';
import { sessionArg } from '../shapes.js';
import { SETS, defineTool } from '../tool.js';

export const contextSetTool = defineTool({
  name: 'context_set',
  title: 'Set a context fact',
  description:
    'Creates or replaces a durable fact every later session must know ("deploy.target" = "staging", "test.command" = "npm test"). Facts appear in every brief by priority; critical ones even in emergency briefs. Use a dotted key; the value is any JSON. expiresIn makes a temporary fact (7d, 12h). global makes it apply to every project.',
  input: z
    .object({
      key: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^\s]+$/, 'a key has no spaces: use a dotted name like deploy.target')
        .describe('a dotted name, e.g. deploy.target'),
      value: z.json().describe('any JSON value: a string, number, boolean, array or object'),
      priority: z.enum(FACT_PRIORITIES).default('normal'),
      category: z.string().min(1).max(100).optional().describe('a grouping, e.g. ops, style, env'),
      expiresIn: z.string().min(1).optional().describe('forget it after this long: 30m, 12h, 7d'),
      global: z.boolean().default(false).describe('applies to every project, not only this one'),
      session: sessionArg,
    })
    .strict(),
  output: z.object({ fact: contextFactShape }),
  annotations: SETS,
  run(args, call) {
    const { global, ...input } = args;
    const fact = setFact(call.ops, {
      ...input,
      projectId: global ? null : call.deps.project.id,
    });
    return { text: `Set ${factLine(fact, call.now)}`, data: { fact: toJson.fact(fact, call.now) } };
  },
});
