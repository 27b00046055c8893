import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
// eslint-disable-next-line no-restricted-imports -- the search operation's own file: through the door, esbuild's code splitting would load every operation and the recovery code with it (docs/ARCHITECTURE.md, second doors)
import { searchMemory } from '../../operations/search.js';
import { SEARCH_KINDS } from '../../search/index.js';
import { searchResultToJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import { examples, parseIntOption, withJson } from '../options.js';
import { printHits } from '../views/search-output.js';

interface SearchFlags {
  project?: string;
  allProjects?: boolean;
  agent?: string;
  session?: string;
  kind?: string[];
  since?: string;
  until?: string;
  limit: number;
  offset: number;
  total?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').map((v) => v.trim()),
];

export function registerSearch(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('search')
    .description('find anything: events, todos, decisions and context facts, best match first')
    .argument('<query...>', 'words, "phrases", prefix*, -exclusions, kind:K tool:T file:F')
    .option('--project <project>', 'project folder, name or id (default: the current folder)')
    .option('--all-projects', 'every project, not just this one')
    .option('--agent <name>', 'only sessions of this agent')
    .option('--session <session>', 'only this session (handle, id or the agent’s id)')
    .option(
      '--kind <kinds>',
      `only these kinds, comma-separated: ${SEARCH_KINDS.join(', ')}`,
      collect,
    )
    .option('--since <time>', 'not before: a date (2026-01-31) or a duration ago (7d)')
    .option('--until <time>', 'not after: a date or a duration ago')
    .option('--limit <n>', 'how many hits', parseIntOption('--limit', 1, 500), 20)
    .option(
      '--offset <n>',
      'skip this many hits (paging)',
      parseIntOption('--offset', 0, 100_000),
      0,
    )
    .option('--total', 'also count every match')
    // `-flaky` in a query is an exclusion, not an option: unknown options are query words, and
    // search has no one-letter options that a `-word` could be mistaken for.
    .allowUnknownOption();
  withJson(cmd);
  examples(cmd, [
    'baton search why did the staging deploy fail',
    'baton search useSession                       # identifiers by their parts, too',
    'baton search \'"connection refused" -test kind:error --since 7d\'',
    'baton search deploy* tool:Bash file:ci.yml --all-projects',
    'baton search cents --kind decision,todo --json',
  ]);
  cmd.action((words: string[], flags: SearchFlags) => runSearch(ctx, words, flags));
}

async function runSearch(ctx: CliContext, words: string[], flags: SearchFlags): Promise<void> {
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
