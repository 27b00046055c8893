import type { Command } from 'commander';
import { TODO_PRIORITIES, TODO_STATUSES } from '../../core/index.js';
import type { Todo, TodoPriority, TodoStatus } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import type { UpdateTodoInput } from '../../operations/index.js';
import { addTodo, listTodos, removeTodo, updateTodo, withHint } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, withJson, withProject } from '../options.js';
import { oneLine } from '../output.js';

/** A todo not found is pointed at the list that shows them all. */
const hinted = <T>(run: () => T): T => withHint(run, 'NOT_FOUND', 'see `baton todo list --all`');

interface TodoOpts {
  project?: string;
  json?: boolean;
  priority?: TodoPriority;
  component?: string;
  status?: TodoStatus;
  all?: boolean;
  content?: string;
  activeForm?: string;
  session?: string;
}

const MARK: Record<TodoStatus, string> = {
  pending: '[ ]',
  in_progress: '[~]',
  completed: '[x]',
  blocked: '[!]',
  cancelled: '[-]',
};

export function registerTodo(program: Command, ctx: CliContext): void {
  const group = program
    .command('todo')
    .description('project todos, carried from one session to the next');
  examples(group, [
    'baton todo add "Write the migration test" --priority high',
    'baton todo start 3',
    'baton todo block 3 "waiting for the staging database"',
    'baton todo done 3',
    'baton todo list --all --json',
  ]);

  const present = (t: Todo, opts: TodoOpts, verb: string) => {
    if (opts.json) ctx.out.json(toJson.todo(t));
    else ctx.out.line(`${verb} todo ${t.number}: ${oneLine(t.content, 60)}`);
  };
  const change = (ref: string, opts: TodoOpts, patch: UpdateTodoInput['patch'], verb: string) => {
    const projectId = ctx.project(opts.project).id;
    present(
      hinted(() => updateTodo(opsWorld(ctx), { projectId, ref, patch }).todo),
      opts,
      verb,
    );
  };

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
    present(t, opts, 'added');
  });

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

  const simple = (name: string, description: string, status: TodoStatus, verb: string) => {
    const cmd = group.command(name).description(description).argument('<ref>', 'number or id');
    withJson(withProject(cmd)).action((ref: string, opts: TodoOpts) =>
      change(ref, opts, { status }, verb),
    );
  };
  simple('start', 'mark a todo in progress', 'in_progress', 'started');
  simple('done', 'mark a todo completed', 'completed', 'completed');
  simple('cancel', 'cancel a todo', 'cancelled', 'cancelled');

  const block = group
    .command('block')
    .description('mark a todo blocked, with the reason')
    .argument('<ref>', 'number or id')
    .argument('[reason...]', 'what it waits for');
  withJson(withProject(block)).action((ref: string, reason: string[], opts: TodoOpts) =>
    change(
      ref,
      opts,
      { status: 'blocked', blockedReason: reason.length ? reason.join(' ') : null },
      'blocked',
    ),
  );

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
    change(ref, opts, { content, status, priority, component, activeForm }, 'updated');
  });

  const rm = group.command('rm').description('delete a todo').argument('<ref>', 'number or id');
  withJson(withProject(rm)).action((ref: string, opts: TodoOpts) => {
    const projectId = ctx.project(opts.project).id;
    const t = hinted(() => removeTodo(opsWorld(ctx), { projectId, ref }));
    if (opts.json) ctx.out.json({ id: t.id, number: t.number, removed: true });
    else ctx.out.line(`removed todo ${t.number}`);
  });
}
