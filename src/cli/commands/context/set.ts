import type { Command } from 'commander';
import { FACT_PRIORITIES } from '../../../core/index.js';
import type { FactPriority } from '../../../core/index.js';
import { setFact } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import { choice, parseJsonValue, withJson, withProject } from '../../options.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { scope } from './shared.js';
import type { ScopeOpts } from './shared.js';

export function registerContextSet(group: Command, ctx: CliContext): void {
  const set = group
    .command('set')
    .description('create or replace a fact')
    .argument('<key>', 'a dotted name, e.g. deploy.target')
    .argument('<value>', 'a JSON value; a bare word is taken as a string')
    .option('-c, --category <category>', 'a grouping, e.g. ops, style, env')
    .option(
      '--priority <priority>',
      `one of ${FACT_PRIORITIES.join(', ')}`,
      choice(FACT_PRIORITIES),
    )
    .option('--expires <duration>', 'forget it after this long: 30m, 12h, 7d')
    .option('-g, --global', 'applies to every project');
  withJson(withProject(set)).action(
    (
      key: string,
      value: string,
      opts: ScopeOpts & { category?: string; priority?: FactPriority; expires?: string },
    ) => {
      const fact = setFact(opsWorld(ctx), {
        projectId: scope(ctx, opts),
        key,
        value: parseJsonValue(value),
        category: opts.category,
        priority: opts.priority,
        expiresIn: opts.expires,
      });
      if (opts.json) ctx.out.json(toJson.fact(fact, ctx.now));
      else ctx.out.line(`set ${fact.projectId === null ? 'global' : 'project'} fact ${key}`);
    },
  );
}
