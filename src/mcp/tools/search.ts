import { z } from 'zod';
import { EVENT_KINDS } from '../../core/index.js';
import { searchEvents } from '../../operations/index.js';
import { lines, minute, oneLine, pageSentence } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate, timeArg } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

const hitShape = z.object({
  session: z.object({
    id: z.string(),
    handle: z.string(),
    agent: z.string(),
    agentSessionId: z.string().nullable(),
  }),
  event: z.object({
    id: z.string(),
    ref: z.string().nullable(),
    kind: z.enum(EVENT_KINDS),
    ts: z.iso.datetime(),
    snippet: z.string(),
  }),
  score: z.number(),
});

export const searchTool = defineTool({
  name: 'search',
  title: 'Search the memory',
  description:
    "Full-text search over everything recorded in this project's sessions — prompts, answers, tool calls and results, errors, notes — 10 hits at a time, each with a short snippet. Words are matched by their stem, all must appear; end a word with * for a prefix. Narrow with agent, session, kinds, since, until; allProjects searches every project. Page with offset. Read around a hit with timeline {event: <id>}.",
  input: z
    .object({
      query: z.string().trim().min(1, 'give some words to search for').max(1000),
      allProjects: z.boolean().default(false),
      agent: z
        .string()
        .min(1)
        .optional()
        .describe('only sessions of this agent: claude-code, codex, gemini, …'),
      session: z
        .string()
        .min(1)
        .optional()
        .describe('only this session: handle, id, or the agent’s session id'),
      kinds: z.array(z.enum(EVENT_KINDS)).min(1).optional().describe('only these event kinds'),
      since: timeArg('only events at or after this time'),
      until: timeArg('only events at or before this time'),
      limit: limitArg(10, 50),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({ hits: z.array(hitShape), page: pageShape }),
  annotations: READ_ONLY,
  async run(args, call) {
    const result = await searchEvents(call.ops, {
      query: args.query,
      projectId: args.allProjects ? undefined : call.deps.project.id,
      agent: args.agent,
      sessionRef: args.session,
      kinds: args.kinds,
      since: args.since,
      until: args.until,
      limit: args.limit + 1,
      offset: args.offset,
    });
    const { items, page } = paginate(result.hits, args.offset, args.limit);
    const hits = items.map((h) => ({
      ...h,
      event: { ...h.event, ts: new Date(h.event.ts).toISOString() },
    }));
    const { offset: _o, limit: _l, ...filters } = args;
    return {
      text: lines(
        hits.length
          ? hits.map(
              (h, i) =>
                `${args.offset + i + 1}. ${h.session.handle} ${minute(Date.parse(h.event.ts))} ${h.event.kind} [${h.event.id}]: ${oneLine(h.event.snippet, 240)}`,
            )
          : `No match for "${args.query}". Try fewer or other words, a prefix (deploy*), or allProjects.`,
        hits.length ? 'Read around a hit with timeline {"event": "<id>"}.' : '',
        result.notice ?? '',
        pageSentence('search', page, filters),
      ),
      data: { hits, page },
    };
  },
});
