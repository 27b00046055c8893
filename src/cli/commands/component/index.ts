// `baton component …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerComponentList } from './list.js';
import { registerComponentSet } from './set.js';

export function registerComponent(program: Command, ctx: CliContext): void {
  const group = program
    .command('component')
    .description('health of the parts of your system ("is the backend up, at what health")');
  examples(group, [
    'baton component set backend --status up --health 95',
    'baton component set db --status degraded --health 40 --meta \'{"replica":"lagging"}\'',
    'baton component list',
  ]);
  for (const register of [registerComponentSet, registerComponentList]) register(group, ctx);
}
