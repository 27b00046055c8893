// Todos: add, change, list and remove, with their rules — a todo is found by number or id in its
// project, a change must change something, and completing a todo (a status that becomes
// `completed`, not one that already was) takes an automatic checkpoint of the session at work.
import { BatonError, TODO_STATUSES } from '../core/index.js';
import type { Todo, TodoPriority, TodoStatus } from '../core/index.js';
import type { TodoPatch } from '../store/index.js';
import { checkpointAfterWrite } from './checkpoint-triggers.js';
import { requireText } from './validate.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Statuses of the todos still to do, in the order lists show them. */
export const OPEN_TODO_STATUSES: readonly TodoStatus[] = ['in_progress', 'blocked', 'pending'];

export interface AddTodoInput {
  projectId: string;
  content: string;
  status?: 'pending' | 'in_progress' | undefined;
  priority?: TodoPriority | null | undefined;
  component?: string | null | undefined;
  activeForm?: string | null | undefined;
  /** The session it came from; default: the one the environment names, else none. */
  session?: string | undefined;
}

export function addTodo(world: OpsWorld, input: AddTodoInput): Todo {
  const session = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    fallback: 'none',
  });
  return world.store.todos.add({
    projectId: input.projectId,
    content: requireText(input.content, 'a todo'),
    ...(input.status !== undefined && { status: input.status }),
    priority: input.priority ?? null,
    component: input.component ?? null,
    activeForm: input.activeForm ?? null,
    originSessionId: session?.id ?? null,
  });
}

/** A todo of the project by number or id. */
export function findTodo(world: OpsWorld, projectId: string, ref: string | number): Todo {
  const todo = world.store.todos.get(projectId, String(ref));
  if (!todo) throw new BatonError('NOT_FOUND', `no todo "${ref}" in this project`);
  return todo;
}

export interface ListTodosInput {
  projectId: string;
  /** Default: the open ones. */
  statuses?: readonly TodoStatus[] | 'all' | undefined;
}

export function listTodos(world: OpsWorld, input: ListTodosInput): Todo[] {
  const statuses =
    input.statuses === 'all' ? [...TODO_STATUSES] : [...(input.statuses ?? OPEN_TODO_STATUSES)];
  return world.store.todos.list({ projectId: input.projectId, statuses });
}

export interface UpdateTodoInput {
  projectId: string;
  ref: string | number;
  /** The fields to change; absent or undefined ones stay as they are. */
  patch: Loose<TodoPatch>;
  /** The session at work, for the checkpoint; default: the environment's, else the active one. */
  session?: string | undefined;
}

export interface TodoChange {
  todo: Todo;
  previousStatus: TodoStatus;
}

export function updateTodo(world: OpsWorld, input: UpdateTodoInput): TodoChange {
  const patch = Object.fromEntries(
    Object.entries(input.patch).filter(([, v]) => v !== undefined),
  ) as TodoPatch;
  if (Object.keys(patch).length === 0) {
    throw new BatonError('USAGE', 'nothing to change', {
      hint: 'give at least one of status, blocked reason, content, active form, priority, component',
    });
  }
  const found = findTodo(world, input.projectId, input.ref);
  // The session is resolved first: a session named by mistake must not leave a half-done change.
  const session = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    fallback: 'active',
  });
  const todo = world.store.todos.update(found.id, patch);
  if (todo.status === 'completed' && found.status !== 'completed') {
    checkpointAfterWrite(world, session?.id ?? null, 'todo-completed');
  }
  return { todo, previousStatus: found.status };
}

export function removeTodo(world: OpsWorld, input: { projectId: string; ref: string }): Todo {
  const todo = findTodo(world, input.projectId, input.ref);
  world.store.todos.remove(todo.id);
  return todo;
}
