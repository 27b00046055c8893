import { z } from 'zod';
import { sessionShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { eventLine, lines, minute } from '../present.js';
import { eventItem, eventItemShape, limitArg, textCharsArg, withDataArg } from '../shapes.js';
import { sessionPage } from '../../operations/index.js';
import { READ_ONLY, defineTool } from '../tool.js';

const cursorShape = z
  .object({
    olderBefore: z
      .number()
      .int()
      .nullable()
      .describe('pass as before to read the older events, or null at the start'),
    newerAfter: z
      .number()
      .int()
      .nullable()
      .describe('pass as after to read the newer events, or null at the end'),
  })
  .describe('cursors for paging through the journal');

export const getSessionTool = defineTool({
  name: 'get_session',
  title: 'Read a session',
  description:
    "One session: what it is (agent, status, branch, times, title) and a page of its events, 20 at a time, texts cut to 300 characters. Default: the latest events of the session you name, else of your own ($BATON_SESSION), else of the project's most recent one. Page backwards with before (the olderBefore cursor) and forwards with after; raise textChars to read messages whole, set withData for tool inputs and outputs.",
  input: z
    .object({
      session: z
        .string()
        .min(1)
        .optional()
        .describe('handle (SESSION-YYMMDD-NNN), id, or the agent’s own session id'),
      before: z.number().int().min(1).optional().describe('only events older than this seq'),
      after: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('only events newer than this seq (0: from the start)'),
      limit: limitArg(20, 200),
      textChars: textCharsArg,
      withData: withDataArg,
    })
    .strict(),
  output: z.object({
    session: sessionShape,
    events: z.array(eventItemShape),
    cursors: cursorShape,
  }),
  annotations: READ_ONLY,
  run(args, call) {
    const { session, events, olderBefore, newerAfter } = sessionPage(call.ops, {
      projectId: call.deps.project.id,
      session: args.session,
      before: args.before,
      after: args.after,
      limit: args.limit,
    });
    const cursors = { olderBefore, newerAfter };
    const items = events.map((e) => eventItem(e, args.textChars, args.withData));
    const header = [
      `${session.handle} · ${session.agent}${session.agentSessionId ? ` (${session.agentSessionId})` : ''} · ${session.status}${session.endReason ? ` — ${session.endReason}` : ''}`,
      session.title ? `Title: ${session.title}` : '',
      `Started ${minute(session.startedAt)}, last activity ${minute(session.lastActivityAt)}${session.gitBranch ? `, branch ${session.gitBranch}` : ''}, ${session.eventCount} events.`,
    ];
    const paging = [
      cursors.olderBefore !== null
        ? `Older: call get_session with {"session":"${session.handle}","before":${cursors.olderBefore}}.`
        : '',
      cursors.newerAfter !== null
        ? `Newer: call get_session with {"session":"${session.handle}","after":${cursors.newerAfter}}.`
        : '',
    ];
    return {
      text: lines(header, items.length ? items.map(eventLine) : 'No events on this page.', paging),
      data: { session: toJson.session(session), events: items, cursors },
    };
  },
});
