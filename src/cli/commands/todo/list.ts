import type { Command } from 'commander';
import { TODO_STATUSES, TODO_STATUS_MARKS } from '../../../core/index.js';
import { toJson } from '../../../wire/index.js';
import { listTodos } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { choice, withJson, withProject } from '../../options.js';
import { oneLine } from '../../output.js';
import type { TodoOpts } from './shared.js';

const MARK = TODO_STATUS_MARKS;

export function registerTodoList(group: Command, ctx: CliContext): void {
  const list = group
    .command('list')
    .description('open todos of the project (in progress, blocked, pending)')
    .option('-a, --all', 'include completed and cancelled')
    .option('-s, --status <status>', `only ${TODO_STATUSES.join(', ')}`, choice(TODO_STATUSES));
  withJson(withProject(list)).action((opts: TodoOpts) => {
    const todos = listTodos(opsWorld(ctx), {
      projectId: ctx.project(opts.project).id,
      statuses: opts.status ? [opts.status] : opts.all ? 'all' : undefined,
    });
    if (opts.json) return ctx.out.json(todos.map(toJson.todo));
    if (todos.length === 0) return ctx.out.line('no todos — add one with `baton todo add`');
    ctx.out.table(
      ['#', 'STATUS', 'PRIORITY', 'TODO'],
      todos.map((t) => [
        t.number,
        `${MARK[t.status]} ${t.status}`,
        t.priority,
        oneLine(t.content, 70) +
          (t.blockedReason ? ctx.out.dim(` (blocked: ${oneLine(t.blockedReason, 40)})`) : ''),
      ]),
    );
  });
}
