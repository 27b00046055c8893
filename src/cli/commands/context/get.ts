import type { Command } from 'commander';
import { getFact } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import { withJson, withProject } from '../../options.js';
import { hinted } from './shared.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { scope } from './shared.js';
import type { ScopeOpts } from './shared.js';

export function registerContextGet(group: Command, ctx: CliContext): void {
  const get = group
    .command('get')
    .description('print one fact (a project fact wins over a global one)')
    .argument('<key>')
    .option('-g, --global', 'only the global fact');
  withJson(withProject(get)).action((key: string, opts: ScopeOpts) => {
    const projectId = scope(ctx, opts);
    const fact = hinted(() =>
      getFact(opsWorld(ctx), { projectId, key, onlyThisScope: opts.global }),
    );
    if (opts.json) ctx.out.json(toJson.fact(fact, ctx.now));
    else ctx.out.line(typeof fact.value === 'string' ? fact.value : JSON.stringify(fact.value));
  });
}
