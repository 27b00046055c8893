// `baton context …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerContextGet } from './get.js';
import { registerContextList } from './list.js';
import { registerContextSet } from './set.js';
import { registerContextUnset } from './unset.js';

export function registerContext(program: Command, ctx: CliContext): void {
  const group = program
    .command('context')
    .description('durable facts the agent must always know (deploy target, test command…)');
  examples(group, [
    'baton context set deploy.target \'"staging"\' --priority high',
    'baton context set api.limits \'{"rps": 50}\' --category ops --expires 7d',
    'baton context set editor vim --global',
    'baton context list --json',
  ]);
  for (const register of [
    registerContextSet,
    registerContextGet,
    registerContextList,
    registerContextUnset,
  ]) {
    register(group, ctx);
  }
}
