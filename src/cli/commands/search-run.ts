// What `baton search` does once its arguments are read: call the one search operation, then
// present its hits. Run by the commander command (search.ts) and by the small entry
// (src/cli/search-entry/search-main.ts) alike, so both print the same bytes.
import { BatonError } from '../../core/index.js';
// eslint-disable-next-line no-restricted-imports -- the search operation's own file: through the door, esbuild's code splitting would load every operation and the recovery code with it (docs/ARCHITECTURE.md, second doors)
import { searchMemory } from '../../operations/search.js';
import { searchResultToJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import type { SearchFlags } from '../search-entry/search-args.js';
import { printHits } from '../views/search-output.js';

export async function runSearch(
  ctx: CliContext,
  words: string[],
  flags: SearchFlags,
): Promise<void> {
  if (flags.allProjects && flags.project !== undefined) {
    throw new BatonError('USAGE', 'use --project or --all-projects, not both');
  }
  const query = words.join(' ');
  const result = await searchMemory(
    { store: ctx.store({ readsMuch: true }), clock: ctx.world.clock, env: ctx.world.env },
    {
      query,
      limit: flags.limit,
      offset: flags.offset,
      projectId: flags.allProjects ? undefined : ctx.project(flags.project).id,
      agent: flags.agent,
      sessionRef: flags.session,
      kinds: flags.kind,
      since: flags.since,
      until: flags.until,
      withTotal: flags.total,
    },
  );
  if (result.notice) ctx.out.error(ctx.out.warn(result.notice));
  if (flags.json) return ctx.out.json(searchResultToJson(query, result));
  if (result.hits.length === 0) {
    ctx.out.line('no hits');
    if (!flags.allProjects) ctx.out.line(ctx.out.dim('search every project: --all-projects'));
    return;
  }
  printHits(ctx.out, result.hits, flags.offset);
  const shown = `${flags.offset + 1}–${flags.offset + result.hits.length}`;
  const of = result.total === null ? '' : ` of ${result.total}`;
  const more =
    result.hits.length === flags.limit ? `  next: --offset ${flags.offset + flags.limit}` : '';
  ctx.out.line(ctx.out.dim(`\nhits ${shown}${of}${more}`));
  const first = result.hits.find((h) => h.event !== null)?.event;
  if (first) ctx.out.line(ctx.out.dim(`open a hit in its context: baton show ${first.seq}`));
}
