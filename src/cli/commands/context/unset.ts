import type { Command } from 'commander';
import { unsetFact } from '../../../operations/index.js';
import { withJson, withProject } from '../../options.js';
import { hinted } from './shared.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { scope } from './shared.js';
import type { ScopeOpts } from './shared.js';

export function registerContextUnset(group: Command, ctx: CliContext): void {
  const unset = group
    .command('unset')
    .description('remove a fact')
    .argument('<key>')
    .option('-g, --global', 'the global fact');
  withJson(withProject(unset)).action((key: string, opts: ScopeOpts) => {
    const projectId = scope(ctx, opts);
    hinted(() => unsetFact(opsWorld(ctx), { projectId, key }));
    if (opts.json) ctx.out.json({ key, removed: true });
    else ctx.out.line(`removed ${key}`);
  });
}
