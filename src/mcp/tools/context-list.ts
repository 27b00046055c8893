import { z } from 'zod';
import { contextFactShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { factLine, lines, pageSentence } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const contextListTool = defineTool({
  name: 'context_list',
  title: 'List context facts',
  description:
    'The durable facts of this project and the global ones, most important first, 30 at a time (values cut to one line in the text; context_get gives one whole). Expired facts are left out unless includeExpired. Page with offset.',
  input: z
    .object({
      includeExpired: z.boolean().default(false),
      globalOnly: z.boolean().default(false).describe('only the facts that apply to every project'),
      limit: limitArg(30, 200),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({ facts: z.array(contextFactShape), page: pageShape }),
  annotations: READ_ONLY,
  run({ includeExpired, globalOnly, limit, offset }, call) {
    const facts = call.deps.store.facts.list({
      projectId: globalOnly ? null : call.deps.project.id,
      includeGlobal: true,
      includeExpired,
      now: call.now,
    });
    const { items, page } = paginate(facts.slice(offset), offset, limit);
    return {
      text: lines(
        items.length
          ? items.map((f) => factLine(f, call.now))
          : 'No context facts yet. Set one with context_set.',
        pageSentence('context_list', page, { includeExpired, globalOnly }),
      ),
      data: { facts: items.map((f) => toJson.fact(f, call.now)), page },
    };
  },
});
