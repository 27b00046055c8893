// The published shape of a search hit and of `baton search --json`: what scripts and the MCP
// server read. Times are ISO-8601; highlights are [start, end) offsets into the snippet. The
// zod-free mapper that writes it is in src/wire.
import { z } from 'zod';
import { EVENT_KINDS } from '../core/index.js';

const time = z.iso.datetime().describe('ISO-8601 time, UTC');
const highlights = z
  .array(z.tuple([z.number().int(), z.number().int()]))
  .describe('[start, end) offsets into snippet of each matched word');
const snippet = z.string().describe('one line of text around the best match');

export const searchHitShape = z
  .object({
    score: z.number().describe('relevance: bm25 with field weights, higher is better; 0 for filters only'),
    match: z.enum(['all', 'some']).describe('all: every word matched; some: a relaxed match'),
    projectId: z.string().nullable(),
    session: z
      .object({
        id: z.string(),
        handle: z.string(),
        agent: z.string(),
        agentSessionId: z.string().nullable().describe("the agent's own session id"),
      })
      .nullable()
      .describe("the hit's session (a record's origin session), if any"),
    event: z
      .object({
        id: z.string(),
        seq: z.number().int().describe('journal position'),
        ref: z.string().nullable(),
        kind: z.enum(EVENT_KINDS),
        tool: z.string().nullable(),
        ts: time,
        snippet,
        highlights,
      })
      .nullable()
      .describe('set for a hit on the journal'),
    record: z
      .object({
        kind: z.enum(['todo', 'decision', 'fact']),
        id: z.string(),
        number: z.number().int().nullable().describe("a todo's or decision's number"),
        status: z.string().describe("a todo's or decision's status, a fact's priority"),
        ts: time.describe('when the record last changed'),
        snippet,
        highlights,
      })
      .nullable()
      .describe('set for a hit on a todo, decision or context fact'),
  })
  .describe('One search hit: an event of the journal or a durable record');

export const searchResultShape = z
  .object({
    query: z.string(),
    total: z.number().int().nullable().describe('every match, when asked for (--total)'),
    hits: z.array(searchHitShape),
    notice: z
      .string()
      .optional()
      .describe('semantic search is configured but was not used this time, and why'),
  })
  .describe('The output of `baton search --json`');
