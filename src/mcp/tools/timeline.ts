import { z } from 'zod';
import { showEvent, withHint } from '../../operations/index.js';
import { sessionShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { eventLine, lines } from '../present.js';
import { eventItem, eventItemShape, textCharsArg, withDataArg } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

const around = (what: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(5)
    .describe(`how many events ${what} it (default 5, at most 100)`);

export const timelineTool = defineTool({
  name: 'timeline',
  title: 'What happened around an event',
  description:
    'The events of the same session just before and after one event — what led to it and what followed. Give the event id from a search hit, or its seq (the @number in get_session). 5 each side by default; texts cut to 300 characters unless textChars.',
  input: z
    .object({
      event: z
        .union([z.number().int().min(1), z.string().trim().min(1)])
        .describe("event id, or seq (727, #727), or SESSION#N (the session's Nth event)"),
      before: around('before'),
      after: around('after'),
      textChars: textCharsArg,
      withData: withDataArg,
    })
    .strict(),
  output: z.object({
    session: sessionShape,
    anchor: z.number().int().describe('seq of the event asked about'),
    events: z.array(eventItemShape),
  }),
  annotations: READ_ONLY,
  run(args, { ops }) {
    const shown = withHint(
      () => showEvent(ops, { event: args.event, before: args.before, after: args.after }),
      'NOT_FOUND',
      'use an event id from a search hit, or a seq (@number) from get_session',
    );
    const { session, anchor } = shown;
    const earlier = shown.events.filter((e) => e.seq < anchor.seq);
    const items = shown.events.map((e) => eventItem(e, args.textChars, args.withData));
    return {
      text: lines(
        `${session.handle} (${session.agent}), around @${anchor.seq}:`,
        items.map((e) => (e.seq === anchor.seq ? `> ${eventLine(e)}` : `  ${eventLine(e)}`)),
        `Wider: call timeline with larger before/after, or get_session with {"session":"${session.handle}","before":${earlier[0]?.seq ?? anchor.seq}}.`,
      ),
      data: { session: toJson.session(session), anchor: anchor.seq, events: items },
    };
  },
});
