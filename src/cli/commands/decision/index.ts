// `baton decision …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerDecisionAdd } from './add.js';
import { registerDecisionList } from './list.js';
import { registerDecisionShow } from './show.js';
import { registerDecisionUpdate } from './update.js';

export function registerDecision(program: Command, ctx: CliContext): void {
  const group = program
    .command('decision')
    .description('choices made and why — kept across sessions');
  examples(group, [
    'baton decision add "Use SQLite, not Postgres, for the local store" --reason "no server to run"',
    'baton decision update 3 --status superseded --outcome "replaced by decision 5"',
    'baton decision list --status active',
  ]);
  for (const register of [
    registerDecisionAdd,
    registerDecisionList,
    registerDecisionShow,
    registerDecisionUpdate,
  ]) {
    register(group, ctx);
  }
}
