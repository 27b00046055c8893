// `baton checkpoint …`: one file per subcommand, registered on one group here.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerCheckpointCreate } from './create.js';
import { registerCheckpointDiff } from './diff.js';
import { registerCheckpointList } from './list.js';
import { registerCheckpointPrune } from './prune.js';
import { registerCheckpointRestore } from './restore.js';
import { registerCheckpointShow } from './show.js';

export function registerCheckpoint(program: Command, ctx: CliContext): void {
  const group = program
    .command('checkpoint')
    .description(
      'snapshots to resume from: create, list, show, diff, restore (with rollback), prune',
    );
  examples(group, [
    'baton checkpoint create --label "before the refactor"',
    'baton checkpoint list',
    'baton checkpoint show RECOVERY-SESSION-261123-001-174012',
    'baton checkpoint diff RECOVERY-SESSION-261123-001-174012 RECOVERY-SESSION-261123-001-180344',
    'baton checkpoint restore RECOVERY-SESSION-261123-001-174012 --rollback',
    'baton checkpoint prune --dry-run',
  ]);
  for (const register of [
    registerCheckpointCreate,
    registerCheckpointList,
    registerCheckpointShow,
    registerCheckpointDiff,
    registerCheckpointRestore,
    registerCheckpointPrune,
  ]) {
    register(group, ctx);
  }
}
