import { z } from 'zod';
import { componentShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { componentLine, lines, pageSentence } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const componentListTool = defineTool({
  name: 'component_list',
  title: 'List component states',
  description:
    "The recorded health of the project's components (status, health %, when last checked), 30 at a time; page with offset. Record a fresh check with component_set.",
  input: z.object({ limit: limitArg(30, 200), offset: offsetArg }).strict(),
  output: z.object({ components: z.array(componentShape), page: pageShape }),
  annotations: READ_ONLY,
  run({ limit, offset }, { deps }) {
    const all = deps.store.components.list(deps.project.id);
    const { items, page } = paginate(all.slice(offset), offset, limit);
    return {
      text: lines(
        items.length
          ? items.map(componentLine)
          : 'No components recorded. Record one with component_set.',
        pageSentence('component_list', page),
      ),
      data: { components: items.map(toJson.component), page },
    };
  },
});
