import type { Command } from 'commander';
import { setComponent } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { parseIntOption, parseJsonObject, withJson, withProject } from '../../options.js';

export function registerComponentSet(group: Command, ctx: CliContext): void {
  const set = group
    .command('set')
    .description('create or update a component; metadata keys merge')
    .argument('<name>')
    .option('-s, --status <status>', 'up, down, degraded, unknown — or your own word')
    .option('--health <percent>', 'health from 0 to 100', parseIntOption('--health', 0, 100))
    .option('--meta <json>', 'metadata, a JSON object merged into what is there');
  withJson(withProject(set)).action(
    (
      name: string,
      opts: { status?: string; health?: number; meta?: string; project?: string; json?: boolean },
    ) => {
      const c = setComponent(opsWorld(ctx), {
        projectId: ctx.project(opts.project).id,
        name,
        status: opts.status,
        health: opts.health,
        metadata: opts.meta === undefined ? undefined : parseJsonObject(opts.meta, '--meta'),
      });
      if (opts.json) ctx.out.json(toJson.component(c));
      else ctx.out.line(`${c.name}: ${c.status}${c.health === null ? '' : ` (${c.health}%)`}`);
    },
  );
}
