import type { Command } from 'commander';
import { TODO_PRIORITIES, TODO_STATUSES } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { choice, withJson, withProject } from '../../options.js';
import { change } from './shared.js';
import type { TodoOpts } from './shared.js';

export function registerTodoUpdate(group: Command, ctx: CliContext): void {
  const update = group
    .command('update')
    .description('change a todo')
    .argument('<ref>', 'number or id')
    .option('--content <text>', 'new wording')
    .option('--status <status>', TODO_STATUSES.join(', '), choice(TODO_STATUSES))
    .option('--priority <priority>', TODO_PRIORITIES.join(', '), choice(TODO_PRIORITIES))
    .option('--component <name>', 'the part of the system it concerns')
    .option('--active-form <text>', 'how to say it while in progress');
  withJson(withProject(update)).action((ref: string, opts: TodoOpts) => {
    const { content, status, priority, component, activeForm } = opts;
    change(ctx, ref, opts, { content, status, priority, component, activeForm }, 'updated');
  });
}
