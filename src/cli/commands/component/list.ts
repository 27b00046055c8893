import type { Command } from 'commander';
import { listComponents } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';

export function registerComponentList(group: Command, ctx: CliContext): void {
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
