// What the todo subcommands share: how a todo is printed after a change, and the change itself.
import type { Todo, TodoPriority, TodoStatus } from '../../../core/index.js';
import { toJson } from '../../../wire/index.js';
import type { UpdateTodoInput } from '../../../operations/index.js';
import { updateTodo, withHint } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { oneLine } from '../../output.js';

export interface TodoOpts {
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

/** A todo not found is pointed at the list that shows them all. */
export const hinted = <T>(run: () => T): T =>
  withHint(run, 'NOT_FOUND', 'see `baton todo list --all`');

export function present(ctx: CliContext, t: Todo, opts: TodoOpts, verb: string): void {
  if (opts.json) ctx.out.json(toJson.todo(t));
  else ctx.out.line(`${verb} todo ${t.number}: ${oneLine(t.content, 60)}`);
}

/** Applies `patch` to the todo `ref` and prints it with `verb`. */
export function change(
  ctx: CliContext,
  ref: string,
  opts: TodoOpts,
  patch: UpdateTodoInput['patch'],
  verb: string,
): void {
  const projectId = ctx.project(opts.project).id;
  const { todo } = hinted(() => updateTodo(opsWorld(ctx), { projectId, ref, patch }));
  present(ctx, todo, opts, verb);
}
