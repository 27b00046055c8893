// `baton sync conflicts` and `baton sync resolve`: the concurrent edits a merge kept aside, and the
// user's choice, written as a new edit so every machine takes it.
import type { Command } from 'commander';
import type { JsonValue } from '../../../core/index.js';
import {
  SYNC_CONFLICT_KEEP,
  listSyncConflicts,
  resolveSyncConflict,
} from '../../../operations/index.js';
import type { SyncConflictKeep } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { choice, examples, withJson } from '../../options.js';
import { oneLine } from '../../output.js';

const show = (v: JsonValue) => (typeof v === 'string' ? v : JSON.stringify(v));

export function registerSyncConflicts(group: Command, ctx: CliContext): void {
  const list = group
    .command('conflicts')
    .description('fields two machines changed at once: both values, kept until you choose')
    .option('-a, --all', 'resolved ones too');
  withJson(list);
  examples(list, ['baton sync conflicts', 'baton sync conflicts --json']);
  list.action((opts: { all?: boolean; json?: boolean }) => {
    const found = listSyncConflicts({ store: ctx.store() }, { all: opts.all });
    if (opts.json) return ctx.out.json(found);
    if (found.length === 0) return ctx.out.line('no conflicts');
    ctx.out.table(
      ['ID', 'RECORD', 'FIELD', 'MINE', 'THEIRS'],
      found.map((c) => [
        c.id,
        `${c.kind} ${oneLine(c.recordId, 30)}`,
        c.field,
        oneLine(show(c.mine), 30),
        oneLine(show(c.theirs), 30),
      ]),
    );
    ctx.out.line('resolve with `baton sync resolve ID --keep mine|theirs|both`, then push');
  });

  const resolve = group
    .command('resolve <id>')
    .description('settle a conflict: keep my value, theirs, or both (text fields)')
    .requiredOption('--keep <which>', 'mine | theirs | both', choice(SYNC_CONFLICT_KEEP));
  withJson(resolve);
  examples(resolve, [
    'baton sync resolve 01JD3K --keep theirs',
    'baton sync resolve 01JD3K --keep both',
  ]);
  resolve.action(async (id: string, opts: { keep: SyncConflictKeep; json?: boolean }) => {
    const r = await resolveSyncConflict(
      { store: ctx.store(), env: ctx.world.env },
      {
        id,
        keep: opts.keep,
      },
    );
    if (opts.json) return ctx.out.json({ id: r.id, keep: r.keep, value: r.value });
    ctx.out.line(
      `kept ${r.keep} for ${r.kind} ${r.field}${r.vault ? '; `baton sync push` sends it' : ''}`,
    );
  });
}
