// `baton sync …`: one memory across machines through a PostgreSQL vault, sealed here before it
// leaves (see docs/sync.md). One file per concern, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerSyncConflicts } from './conflicts.js';
import { registerSyncFiles } from './files.js';
import { registerSyncInit } from './init.js';
import { registerSyncKey } from './key.js';
import { registerSyncMcp } from './mcp.js';
import { registerSyncStatus } from './status.js';
import { registerSyncTransfer } from './transfer.js';

export function registerSync(program: Command, ctx: CliContext): void {
  const group = program
    .command('sync')
    .description('sync through your PostgreSQL, end-to-end encrypted: init, push, pull, conflicts');
  examples(group, [
    'baton sync init --remote postgres://me@db.example.com/baton --vault team',
    'baton sync push && baton sync pull',
    'baton sync status',
    'baton sync conflicts',
    'baton sync resolve 01JD3K --keep both',
    'baton sync key export',
    'baton sync files add ~/.claude/CLAUDE.md',
    'baton sync mcp add claude-code github',
  ]);
  for (const register of [
    registerSyncInit,
    registerSyncTransfer,
    registerSyncStatus,
    registerSyncConflicts,
    registerSyncKey,
    registerSyncFiles,
    registerSyncMcp,
  ]) {
    register(group, ctx);
  }
}
