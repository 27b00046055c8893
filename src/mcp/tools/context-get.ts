import { z } from 'zod';
import { BatonError } from '../../core/index.js';
import { contextFactShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { factLine } from '../present.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const contextGetTool = defineTool({
  name: 'context_get',
  title: 'Get a context fact',
  description:
    "One context fact by key, with its whole value: the project's fact, else the global one of that key. Use context_list to see the keys there are.",
  input: z
    .object({
      key: z.string().trim().min(1).max(200),
      global: z.boolean().default(false).describe('only the global fact, ignoring the project one'),
    })
    .strict(),
  output: z.object({ fact: contextFactShape }),
  annotations: READ_ONLY,
  run({ key, global }, call) {
    const { store, project } = call.deps;
    const fact = store.facts.get(global ? null : project.id, key, !global);
    if (!fact) {
      throw new BatonError('NOT_FOUND', `no context fact "${key}"`, {
        hint: 'call context_list to see the keys there are',
      });
    }
    const value = typeof fact.value === 'string' ? fact.value : JSON.stringify(fact.value, null, 2);
    return {
      text: `${factLine(fact, call.now)}\n${value}`,
      data: { fact: toJson.fact(fact, call.now) },
    };
  },
});
