import { z } from 'zod';
import { DECISION_STATUSES } from '../../core/index.js';
import { decisionShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { decisionLine, lines, pageSentence } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const decisionListTool = defineTool({
  name: 'decision_list',
  title: 'List decisions',
  description:
    "The project's recorded decisions with their reasons, newest first, 20 at a time. By default only those in force ('active'); status 'all' includes superseded and reverted ones. Page with offset. Search older reasoning with search.",
  input: z
    .object({
      status: z.enum(['all', ...DECISION_STATUSES]).default('active'),
      limit: limitArg(20, 200),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({ decisions: z.array(decisionShape), page: pageShape }),
  annotations: READ_ONLY,
  run({ status, limit, offset }, { deps }) {
    const all = deps.store.decisions
      .list({ projectId: deps.project.id, ...(status !== 'all' && { statuses: [status] }) })
      .sort((a, b) => b.number - a.number);
    const { items, page } = paginate(all.slice(offset), offset, limit);
    return {
      text: lines(
        items.length
          ? items.map(decisionLine)
          : `No ${status === 'all' ? '' : status + ' '}decisions yet. Record one with decision_record.`,
        pageSentence('decision_list', page, { status }),
      ),
      data: { decisions: items.map(toJson.decision), page },
    };
  },
});
