// `baton search` for commander: its options and help. What it does is search-run.ts, which the
// small entry (src/cli/search-entry/) runs too when it can read the arguments itself.
import type { Command } from 'commander';
import { SEARCH_KINDS } from '../../search/index.js';
import type { CliContext } from '../context.js';
import { examples, parseIntOption, withJson } from '../options.js';
import { LIMIT, OFFSET, collectKinds } from '../search-entry/search-args.js';
import type { SearchFlags } from '../search-entry/search-args.js';
import { runSearch } from './search-run.js';

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
      collectKinds,
    )
    .option('--since <time>', 'not before: a date (2026-01-31) or a duration ago (7d)')
    .option('--until <time>', 'not after: a date or a duration ago')
    .option(
      '--limit <n>',
      'how many hits',
      parseIntOption('--limit', LIMIT.min, LIMIT.max),
      LIMIT.default,
    )
    .option(
      '--offset <n>',
      'skip this many hits (paging)',
      parseIntOption('--offset', OFFSET.min, OFFSET.max),
      OFFSET.default,
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
