import { z } from 'zod';
import { componentShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { setComponent } from '../../operations/index.js';
import { componentLine } from '../present.js';
import { SETS, defineTool } from '../tool.js';

export const componentSetTool = defineTool({
  name: 'component_set',
  title: 'Set a component state',
  description:
    'Records the health of a part of the user\'s system ("backend" up at 95%, "db" degraded) after you check it, so later sessions know without re-checking. Creates the component or updates it; metadata keys merge into what is there.',
  input: z
    .object({
      name: z.string().trim().min(1).max(200).describe('the component, e.g. backend, db, ci'),
      status: z
        .string()
        .trim()
        .min(1)
        .max(50)
        .optional()
        .describe('up, down, degraded, unknown — or your own word'),
      health: z.number().int().min(0).max(100).optional().describe('health in percent, 0 to 100'),
      metadata: z
        .record(z.string(), z.json())
        .optional()
        .describe('details, a JSON object merged into what is there'),
    })
    .strict(),
  output: z.object({ component: componentShape }),
  annotations: SETS,
  run(args, call) {
    const component = setComponent(call.ops, { projectId: call.deps.project.id, ...args });
    return {
      text: `Set ${componentLine(component)}`,
      data: { component: toJson.component(component) },
    };
  },
});
