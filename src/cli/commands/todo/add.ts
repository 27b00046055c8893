import type { Command } from 'commander';
import { TODO_PRIORITIES } from '../../../core/index.js';
import { addTodo } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { choice, withJson, withProject } from '../../options.js';
import { present } from './shared.js';
import type { TodoOpts } from './shared.js';

export function registerTodoAdd(group: Command, ctx: CliContext): void {
  const add = group
    .command('add')
    .description('add a todo to the project')
    .argument('<content...>', 'what is to be done')
    .option('--priority <priority>', TODO_PRIORITIES.join(', '), choice(TODO_PRIORITIES))
    .option('--component <name>', 'the part of the system it concerns')
    .option('--active-form <text>', 'how to say it while in progress ("Writing the test")')
    .option('--session <id>', 'the session it came from');
  withJson(withProject(add)).action((words: string[], opts: TodoOpts) => {
    const t = addTodo(opsWorld(ctx), {
      projectId: ctx.project(opts.project).id,
      content: words.join(' '),
      priority: opts.priority,
      component: opts.component,
      activeForm: opts.activeForm,
      session: opts.session,
    });
    present(ctx, t, opts, 'added');
  });
}
