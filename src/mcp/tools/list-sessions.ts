import { z } from 'zod';
import { SESSION_STATUSES } from '../../core/index.js';
import { listSessions } from '../../operations/index.js';
import { sessionShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { lines, pageSentence, sessionLine } from '../present.js';
import { limitArg, offsetArg, pageFrom, pageShape } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

export const listSessionsTool = defineTool({
  name: 'list_sessions',
  title: 'List sessions',
  description:
    "Agent sessions recorded by Baton, most recent activity first, 10 at a time: handle, agent, status (active, ended, crashed), title, event count. By default this project's; allProjects for all. Page with offset. Read one with get_session.",
  input: z
    .object({
      allProjects: z.boolean().default(false),
      agent: z
        .string()
        .min(1)
        .optional()
        .describe('only this agent: claude-code, codex, gemini, cli, mcp, …'),
      status: z.enum(SESSION_STATUSES).optional(),
      limit: limitArg(10, 100),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({ sessions: z.array(sessionShape), page: pageShape }),
  annotations: READ_ONLY,
  run(args, { deps, ops }) {
    const { items, page } = pageFrom(
      (limit) =>
        listSessions(ops, {
          projectId: args.allProjects ? undefined : deps.project.id,
          agent: args.agent,
          status: args.status,
          limit,
        }),
      args.offset,
      args.limit,
    );
    const { offset: _o, limit: _l, ...filters } = args;
    return {
      text: lines(
        items.length ? items.map(sessionLine) : 'No sessions recorded yet.',
        pageSentence('list_sessions', page, filters),
      ),
      data: { sessions: items.map(toJson.session), page },
    };
  },
});
