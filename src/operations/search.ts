// Search over a project's memory (or every project's): the CLI's `search` and the MCP server's
// search tool. The rules live here: kinds are checked against the searchable kinds, times are
// read as dates or durations ago from the world's clock. The search module is loaded on the first
// call, not with the operations: commands that never search (`baton resume`) do not pay for it.
import { BatonError, parseTime } from '../core/index.js';
import type { EventSearchHit, SearchResult } from '../search/index.js';
import type { OpsWorld } from './world.js';

/** A search reads the store and the clock only. */
export type SearchWorld = Pick<OpsWorld, 'store' | 'clock'>;

export interface SearchInput {
  /** Words, "phrases", prefix*, -exclusions, kind:/tool:/file: filters. */
  query: string;
  /** Only this project (and global facts); absent: every project. */
  projectId?: string | undefined;
  agent?: string | undefined;
  /** Only this session: handle, id, or the agent's own session id. */
  sessionRef?: string | undefined;
  /** Only these kinds (event kinds and todo, decision, fact). */
  kinds?: readonly string[] | undefined;
  /** Not before / not after: a date (2026-01-31) or a duration ago (7d). */
  since?: string | undefined;
  until?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Also count every match. */
  withTotal?: boolean | undefined;
}

async function options(world: SearchWorld, input: SearchInput) {
  const { SEARCH_KINDS } = await import('../search/index.js');
  const kinds = input.kinds?.filter(Boolean);
  for (const k of kinds ?? []) {
    if (!(SEARCH_KINDS as readonly string[]).includes(k)) {
      throw new BatonError('USAGE', `unknown kind "${k}"`, {
        hint: `kinds are: ${SEARCH_KINDS.join(', ')}`,
      });
    }
  }
  const now = world.clock.now();
  return {
    query: input.query,
    projectId: input.projectId,
    agent: input.agent,
    sessionRef: input.sessionRef,
    kinds: kinds?.length ? (kinds as (typeof SEARCH_KINDS)[number][]) : undefined,
    since: input.since === undefined ? undefined : parseTime(input.since, now),
    until: input.until === undefined ? undefined : parseTime(input.until, now),
    limit: input.limit,
    offset: input.offset,
    withTotal: input.withTotal,
  };
}

/** Events, todos, decisions and facts, best match first. */
export async function searchMemory(world: SearchWorld, input: SearchInput): Promise<SearchResult> {
  const { search } = await import('../search/index.js');
  return search(world.store, await options(world, input));
}

/** Events only, each hit an event of a session: for callers that read around a hit. */
export async function searchEvents(
  world: SearchWorld,
  input: SearchInput,
): Promise<{ hits: EventSearchHit[]; total: number | null }> {
  const { searchEvents: events } = await import('../search/index.js');
  return events(world.store, await options(world, input));
}
