import type { Command } from 'commander';
import { listComponents, setComponent } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, parseIntOption, parseJsonObject, withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';
import { toJson } from '../../../wire/index.js';

export function registerComponent(program: Command, ctx: CliContext): void {
  const group = program
    .command('component')
    .description('health of the parts of your system ("is the backend up, at what health")');
  examples(group, [
    'baton component set backend --status up --health 95',
    'baton component set db --status degraded --health 40 --meta \'{"replica":"lagging"}\'',
    'baton component list',
  ]);

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

  const list = group.command('list').description('components of the project');
  withJson(withProject(list)).action((opts: { project?: string; json?: boolean }) => {
    const all = listComponents(opsWorld(ctx), { projectId: ctx.project(opts.project).id });
    if (opts.json) return ctx.out.json(all.map(toJson.component));
    if (all.length === 0)
      return ctx.out.line('no components — add one with `baton component set NAME --status up`');
    ctx.out.table(
      ['COMPONENT', 'STATUS', 'HEALTH', 'CHECKED', 'METADATA'],
      all.map((c) => [
        c.name,
        c.status,
        c.health === null ? null : `${c.health}%`,
        formatTime(c.lastChecked),
        oneLine(Object.keys(c.metadata).length ? JSON.stringify(c.metadata) : '', 50),
      ]),
    );
  });
}
