// `baton session …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerSessionEnd } from './end.js';
import { registerSessionList } from './list.js';
import { registerSessionShow } from './show.js';
import { registerSessionStart } from './start.js';

export function registerSession(program: Command, ctx: CliContext): void {
  const group = program
    .command('session')
    .description('agent runs: start, end, list and inspect them');
  examples(group, [
    'baton session start --title "fix the login bug"      # prints SESSION-YYMMDD-NNN',
    'export BATON_SESSION=SESSION-261123-001              # later writes go to it',
    'baton session list --all-projects',
    'baton session show SESSION-261123-001 --events 50',
    'baton session end --reason "done for today"',
  ]);
  for (const register of [
    registerSessionStart,
    registerSessionEnd,
    registerSessionList,
    registerSessionShow,
  ]) {
    register(group, ctx);
  }
}
