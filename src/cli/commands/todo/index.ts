// `baton todo …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerTodoAdd } from './add.js';
import { registerTodoList } from './list.js';
import { registerTodoRm } from './rm.js';
import { registerTodoBlock, registerTodoMoves } from './status.js';
import { registerTodoUpdate } from './update.js';

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
  for (const register of [
    registerTodoAdd,
    registerTodoList,
    registerTodoMoves,
    registerTodoBlock,
    registerTodoUpdate,
    registerTodoRm,
  ]) {
    register(group, ctx);
  }
}
