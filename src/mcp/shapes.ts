// Shapes shared by several tools: paging, the arguments every list or write takes, and the compact
// event an agent reads (text trimmed, structured data only on request — tokens cost money).
import { z } from 'zod';
import { EVENT_KINDS } from '../core/index.js';
import type { BatonEvent } from '../core/index.js';

export const limitArg = (byDefault: number, max: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(byDefault)
    .describe(`how many to return (default ${byDefault}, at most ${max})`);

export const offsetArg = z
  .number()
  .int()
  .min(0)
  .default(0)
  .describe('how many to skip: pass the nextOffset of the previous page to get the next one');

export const sessionArg = z
  .string()
  .min(1)
  .optional()
  .describe(
    "your Baton session, so the write is attributed to it: its handle (SESSION-YYMMDD-NNN), id, or your agent's own session id. Default: $BATON_SESSION",
  );

export const timeArg = (what: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(
      `${what}: an ISO date or time (2026-01-31, 2026-01-31T09:00Z) or a duration ago (7d, 12h, 30m)`,
    );

export const pageShape = z
  .object({
    offset: z.number().int(),
    limit: z.number().int(),
    more: z.boolean().describe('whether there is a next page'),
    nextOffset: z.number().int().nullable().describe('the offset of the next page, or null'),
  })
  .describe('where this page sits');

export type Page = z.infer<typeof pageShape>;

/** Cuts one page out of `items`, which may hold one item past the page to tell whether more exist. */
export function paginate<T>(items: T[], offset: number, limit: number): { items: T[]; page: Page } {
  const more = items.length > limit;
  return {
    items: items.slice(0, limit),
    page: { offset, limit, more, nextOffset: more ? offset + limit : null },
  };
}

/** Reads `offset + limit + 1` from a source that only knows `limit`, then pages it. */
export function pageFrom<T>(fetch: (limit: number) => T[], offset: number, limit: number) {
  return paginate(fetch(offset + limit + 1).slice(offset), offset, limit);
}

export const eventItemShape = z
  .object({
    seq: z
      .number()
      .int()
      .describe('journal position; pass it to timeline or as a get_session cursor'),
    id: z.string(),
    sessionId: z.string(),
    ts: z.iso.datetime(),
    kind: z.enum(EVENT_KINDS),
    role: z.string().nullable(),
    tool: z.string().nullable(),
    ref: z.string().nullable(),
    text: z.string().nullable(),
    textOmitted: z.number().int().describe('characters cut from the end of text; 0 when whole'),
    data: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .describe('structured payload; present only when asked for with withData'),
  })
  .describe('One event, trimmed for reading');

export type EventItem = z.infer<typeof eventItemShape>;

export function eventItem(e: BatonEvent, textChars: number, withData: boolean): EventItem {
  const text = e.text === null ? null : e.text.slice(0, textChars);
  return {
    seq: e.seq,
    id: e.id,
    sessionId: e.sessionId,
    ts: new Date(e.ts).toISOString(),
    kind: e.kind,
    role: e.role,
    tool: e.tool,
    ref: e.ref,
    text,
    textOmitted: e.text === null ? 0 : e.text.length - (text?.length ?? 0),
    ...(withData && { data: e.data }),
  };
}

export const textCharsArg = z
  .number()
  .int()
  .min(20)
  .max(100_000)
  .default(300)
  .describe(
    'the most characters of each event text to return (default 300); raise it to read a long message whole',
  );

export const withDataArg = z
  .boolean()
  .default(false)
  .describe(
    "include each event's structured data (tool inputs and outputs); large, off by default",
  );
