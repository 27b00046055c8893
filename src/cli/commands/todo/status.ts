// The subcommands that only move a todo to a status: start, done, cancel, and block (with why).
import type { Command } from 'commander';
import type { TodoStatus } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { withJson, withProject } from '../../options.js';
import { change } from './shared.js';
import type { TodoOpts } from './shared.js';

const MOVES: ReadonlyArray<readonly [name: string, description: string, TodoStatus, verb: string]> =
  [
    ['start', 'mark a todo in progress', 'in_progress', 'started'],
    ['done', 'mark a todo completed', 'completed', 'completed'],
    ['cancel', 'cancel a todo', 'cancelled', 'cancelled'],
  ];

export function registerTodoMoves(group: Command, ctx: CliContext): void {
  for (const [name, description, status, verb] of MOVES) {
    const cmd = group.command(name).description(description).argument('<ref>', 'number or id');
    withJson(withProject(cmd)).action((ref: string, opts: TodoOpts) =>
      change(ctx, ref, opts, { status }, verb),
    );
  }
}

export function registerTodoBlock(group: Command, ctx: CliContext): void {
  const block = group
    .command('block')
    .description('mark a todo blocked, with the reason')
    .argument('<ref>', 'number or id')
    .argument('[reason...]', 'what it waits for');
  withJson(withProject(block)).action((ref: string, reason: string[], opts: TodoOpts) =>
    change(
      ctx,
      ref,
      opts,
      { status: 'blocked', blockedReason: reason.length ? reason.join(' ') : null },
      'blocked',
    ),
  );
}
