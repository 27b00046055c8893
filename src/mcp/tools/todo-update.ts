import { z } from 'zod';
import { TODO_PRIORITIES, TODO_STATUSES } from '../../core/index.js';
import { updateTodo, withHint } from '../../operations/index.js';
import { todoShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
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
  run(args, call) {
    const { todo: ref, session, ...patch } = args;
    const { todo, previousStatus } = withHint(
      () => updateTodo(call.ops, { projectId: call.deps.project.id, ref, patch, session }),
      'NOT_FOUND',
      "call todo_list with status 'all' to see every todo and its number",
    );
    const change = previousStatus === todo.status ? '' : ` (was ${previousStatus})`;
    return {
      text: `Updated ${todoLine(todo)}${change}`,
      data: { todo: toJson.todo(todo), previousStatus },
    };
  },
});
