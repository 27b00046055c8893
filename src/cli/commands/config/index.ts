// `baton config …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerConfigGet } from './get.js';
import { registerConfigList } from './list.js';
import { registerConfigSet } from './set.js';
import { registerConfigUnset } from './unset.js';

export function registerConfig(program: Command, ctx: CliContext): void {
  const group = program
    .command('config')
    .description('settings kept in the store: retention, backups');
  examples(group, [
    'baton config set retention.days 90     # then: baton prune',
    'baton config get retention.days',
    'baton config unset retention.days',
    'baton config list --json',
  ]);
  for (const register of [
    registerConfigSet,
    registerConfigGet,
    registerConfigUnset,
    registerConfigList,
  ])
    register(group, ctx);
}
