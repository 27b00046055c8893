import type { Command } from 'commander';
import { removeTodo } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';
import { hinted } from './shared.js';
import type { TodoOpts } from './shared.js';

export function registerTodoRm(group: Command, ctx: CliContext): void {
  const rm = group.command('rm').description('delete a todo').argument('<ref>', 'number or id');
  withJson(withProject(rm)).action((ref: string, opts: TodoOpts) => {
    const projectId = ctx.project(opts.project).id;
    const t = hinted(() => removeTodo(opsWorld(ctx), { projectId, ref }));
    if (opts.json) ctx.out.json({ id: t.id, number: t.number, removed: true });
    else ctx.out.line(`removed todo ${t.number}`);
  });
}
