import { z } from 'zod';
import { TODO_STATUSES } from '../../core/index.js';
import type { TodoStatus } from '../../core/index.js';
import { todoShape } from '../../schemas/index.js';
import { toJson } from '../../wire/index.js';
import { lines, pageSentence, todoLine } from '../present.js';
import { limitArg, offsetArg, pageShape, paginate } from '../shapes.js';
import { READ_ONLY, defineTool } from '../tool.js';

const OPEN: TodoStatus[] = ['in_progress', 'blocked', 'pending'];
const FILTERS = ['open', 'all', ...TODO_STATUSES] as const;

export const todoListTool = defineTool({
  name: 'todo_list',
  title: 'List todos',
  description:
    "The project's todos, carried from one session to the next. By default the open ones (in progress, blocked, pending) in number order, 20 at a time; status chooses others ('completed', 'all', …); page with offset. Each todo has a number: pass it to todo_update to start, finish or block it.",
  input: z
    .object({
      status: z
        .enum(FILTERS)
        .default('open')
        .describe(
          "which todos: 'open' (default: in_progress, blocked, pending), 'all', or one status",
        ),
      limit: limitArg(20, 200),
      offset: offsetArg,
    })
    .strict(),
  output: z.object({
    todos: z.array(todoShape),
    counts: z
      .record(z.enum(TODO_STATUSES), z.number().int())
      .describe('todos per status, whole project'),
    page: pageShape,
  }),
  annotations: READ_ONLY,
  run({ status, limit, offset }, { deps }) {
    const all = deps.store.todos.list({ projectId: deps.project.id });
    const wanted = status === 'all' ? null : status === 'open' ? OPEN : [status];
    const chosen = wanted ? all.filter((t) => wanted.includes(t.status)) : all;
    const { items, page } = paginate(chosen.slice(offset), offset, limit);
    const counts = Object.fromEntries(TODO_STATUSES.map((s) => [s, 0])) as Record<
      TodoStatus,
      number
    >;
    for (const t of all) counts[t.status] += 1;
    const summary = `${counts.completed} of ${all.length - counts.cancelled} done; ${counts.in_progress} in progress, ${counts.blocked} blocked, ${counts.pending} pending.`;
    return {
      text: lines(
        items.length ? items.map(todoLine) : `No ${status} todos. Add one with todo_add.`,
        summary,
        pageSentence('todo_list', page, { status }),
      ),
      data: { todos: items.map(toJson.todo), counts, page },
    };
  },
});
