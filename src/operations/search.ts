// Search over a project's memory (or every project's): the CLI's `search` and the MCP server's
// search tool. The rules live here: kinds are checked against the searchable kinds, times are
// read as dates or durations ago from the world's clock. The search module is loaded on the first
// call, not with the operations: commands that never search (`baton resume`) do not pay for it.
import { BatonError, parseTime } from '../core/index.js';
import type { EventSearchHit, SearchResult } from '../search/index.js';
import type { Store } from '../store/index.js';
import type { OpsWorld } from './world.js';

/**
 * A search reads the store and the clock; semantic search (when configured) also the environment,
 * for its API key (default: this process's).
 */
export type SearchWorld = Pick<OpsWorld, 'store' | 'clock'> & {
  env?: Record<string, string | undefined>;
};

/** A search's result, with what the person should know about how it was made. */
export type SearchOutcome<R> = R & {
  /** One line when semantic search is configured but could not be used (the words still ran). */
  notice?: string;
};

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

/** The configured embeddings endpoint, or null when semantic search is off (the default). */
export function embeddingsConfig(
  store: Store,
): { endpoint: string; model: string; apiKeyEnv: string | null } | null {
  const s = store.settingsWithPrefix('search.embeddings.');
  const text = (key: string) => {
    const v = s.get(`search.embeddings.${key}`);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const endpoint = text('endpoint');
  const model = text('model');
  return endpoint && model ? { endpoint, model, apiKeyEnv: text('apiKeyEnv') } : null;
}

/**
 * The query's embedding when semantic search is configured — its code loaded only then — or a
 * notice saying why it is not used this time.
 */
async function semantic(world: SearchWorld, query: string) {
  const config = embeddingsConfig(world.store);
  if (config === null || query.trim() === '') return {};
  const { queryVector } = await import('../search/semantic.js');
  try {
    return { semantic: await queryVector(world.store, config, query, world.env ?? process.env) };
  } catch (error) {
    if (!(error instanceof BatonError)) throw error;
    return { notice: `semantic search skipped: ${error.message}; results are from words only` };
  }
}

/** Events, todos, decisions and facts, best match first. */
export async function searchMemory(
  world: SearchWorld,
  input: SearchInput,
): Promise<SearchOutcome<SearchResult>> {
  const { search } = await import('../search/index.js');
  const opts = await options(world, input);
  const { semantic: vector, notice } = await semantic(world, input.query);
  const result = search(world.store, { ...opts, semantic: vector });
  return notice ? { ...result, notice } : result;
}

/** Events only, each hit an event of a session: for callers that read around a hit. */
export async function searchEvents(
  world: SearchWorld,
  input: SearchInput,
): Promise<SearchOutcome<{ hits: EventSearchHit[]; total: number | null }>> {
  const { searchEvents: events } = await import('../search/index.js');
  const opts = await options(world, input);
  const { semantic: vector, notice } = await semantic(world, input.query);
  const result = events(world.store, { ...opts, semantic: vector });
  return notice ? { ...result, notice } : result;
}
