import { z } from 'zod';
import { TODO_PRIORITIES } from '../../core/index.js';
import { todoShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { addTodo } from '../../operations/index.js';
import { todoLine } from '../present.js';
import { sessionArg } from '../shapes.js';
import { ADDS, defineTool } from '../tool.js';

export const todoAddTool = defineTool({
  name: 'todo_add',
  title: 'Add a todo',
  description:
    "Adds a todo to the project so that it survives this session: the next session's brief lists it. Returns its number, which todo_update takes. Add one todo per call; start it right away with status 'in_progress'.",
  input: z
    .object({
      content: z
        .string()
        .trim()
        .min(1)
        .max(2000)
        .describe('what is to be done, imperative: "Write the migration test"'),
      status: z.enum(['pending', 'in_progress']).default('pending'),
      priority: z.enum(TODO_PRIORITIES).optional(),
      component: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('the part of the system it concerns'),
      activeForm: z
        .string()
        .min(1)
        .max(2000)
        .optional()
        .describe('how to say it while in progress: "Writing the migration test"'),
      session: sessionArg,
    })
    .strict(),
  output: z.object({ todo: todoShape }),
  annotations: ADDS,
  run(args, call) {
    const todo = addTodo(call.ops, { projectId: call.deps.project.id, ...args });
    return { text: `Added ${todoLine(todo)}`, data: { todo: toJson.todo(todo) } };
  },
});
