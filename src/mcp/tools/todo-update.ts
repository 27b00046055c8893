import { z } from 'zod';
import { BatonError, TODO_PRIORITIES, TODO_STATUSES } from '../../core/index.js';
import { todoShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import type { TodoPatch } from '../../store/index.js';
import { todoLine } from '../present.js';
import { sessionArg } from '../shapes.js';
import { CHANGES, defineTool } from '../tool.js';

export const todoRefArg = z
  .union([z.number().int().min(1), z.string().trim().min(1)])
  .describe('the todo: its number (12) or id');

export const todoUpdateTool = defineTool({
  name: 'todo_update',
  title: 'Update a todo',
  description:
    "Changes a todo: its status (start it with 'in_progress', finish it with 'completed', 'blocked' with blockedReason, 'cancelled'), wording, priority or component. Give the todo's number from todo_list and only the fields to change. Keep statuses true: the next session's brief is built from them.",
  input: z
    .object({
      todo: todoRefArg,
      status: z.enum(TODO_STATUSES).optional(),
      blockedReason: z
        .string()
        .min(1)
        .max(2000)
        .optional()
        .describe("what it waits for (with status 'blocked')"),
      content: z.string().trim().min(1).max(2000).optional().describe('new wording'),
      activeForm: z.string().min(1).max(2000).optional(),
      priority: z.enum(TODO_PRIORITIES).optional(),
      component: z.string().min(1).max(200).optional(),
      session: sessionArg,
    })
    .strict(),
  output: z.object({ todo: todoShape, previousStatus: z.enum(TODO_STATUSES) }),
  annotations: CHANGES,
  async run(args, call) {
    const { store, project } = call.deps;
    const found = store.todos.get(project.id, String(args.todo));
    if (!found) {
      throw new BatonError('NOT_FOUND', `no todo "${args.todo}" in this project`, {
        hint: "call todo_list with status 'all' to see every todo and its number",
      });
    }
    const patch: TodoPatch = {};
    if (args.status !== undefined) patch.status = args.status;
    if (args.blockedReason !== undefined) patch.blockedReason = args.blockedReason;
    if (args.content !== undefined) patch.content = args.content;
    if (args.activeForm !== undefined) patch.activeForm = args.activeForm;
    if (args.priority !== undefined) patch.priority = args.priority;
    if (args.component !== undefined) patch.component = args.component;
    if (Object.keys(patch).length === 0) {
      throw new BatonError('USAGE', 'nothing to change', {
        hint: 'give at least one of status, blockedReason, content, activeForm, priority, component',
      });
    }
    const session = call.namedSession(args.session);
    const todo = store.todos.update(found.id, patch);
    if (todo.status === 'completed' && found.status !== 'completed') {
      await call.trigger('todo_completed', session?.id ?? null, { todo: todo.number });
    }
    const change = found.status === todo.status ? '' : ` (was ${found.status})`;
    return {
      text: `Updated ${todoLine(todo)}${change}`,
      data: { todo: toJson.todo(todo), previousStatus: found.status },
    };
  },
});
