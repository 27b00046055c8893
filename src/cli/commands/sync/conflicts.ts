// `baton sync conflicts` and `baton sync resolve`: the concurrent edits a merge kept aside, and the
// user's choice, written as a new edit so every machine takes it.
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import type { JsonValue } from '../../../core/index.js';
import type { SyncConflict } from '../../../store/index.js';
import type { CliContext } from '../../context.js';
import { choice, examples, withJson } from '../../options.js';
import { oneLine } from '../../output.js';
import { loadConfig } from './sync-setup.js';

const KEEP = ['mine', 'theirs', 'both'] as const;
type Keep = (typeof KEEP)[number];

const show = (v: JsonValue) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Both values of a text field, one after the other; other fields have no "both". */
export function keepBoth(c: SyncConflict): JsonValue {
  if (typeof c.mine !== 'string' || typeof c.theirs !== 'string') {
    throw new BatonError('INVALID_INPUT', `--keep both needs a text field; ${c.field} is not one`, {
      hint: 'choose --keep mine or --keep theirs',
    });
  }
  return `${c.mine}\n\n${c.theirs}`;
}

function findConflict(list: SyncConflict[], ref: string): SyncConflict {
  const hits = list.filter((c) => c.id === ref.toUpperCase() || c.id.startsWith(ref.toUpperCase()));
  if (hits.length === 1) return hits[0]!;
  throw new BatonError(
    'NOT_FOUND',
    `no open conflict ${ref}${hits.length > 1 ? ' (ambiguous)' : ''}`,
    {
      hint: 'see `baton sync conflicts`',
    },
  );
}

export function registerSyncConflicts(group: Command, ctx: CliContext): void {
  const list = group
    .command('conflicts')
    .description('fields two machines changed at once: both values, kept until you choose')
    .option('-a, --all', 'resolved ones too');
  withJson(list);
  examples(list, ['baton sync conflicts', 'baton sync conflicts --json']);
  list.action((opts: { all?: boolean; json?: boolean }) => {
    const found = ctx.store().sync.conflicts({ open: !opts.all });
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
    .requiredOption('--keep <which>', 'mine | theirs | both', choice(KEEP));
  withJson(resolve);
  examples(resolve, [
    'baton sync resolve 01JD3K --keep theirs',
    'baton sync resolve 01JD3K --keep both',
  ]);
  resolve.action((id: string, opts: { keep: Keep; json?: boolean }) => {
    const store = ctx.store();
    const c = findConflict(store.sync.conflicts({ open: true }), id);
    const value = opts.keep === 'mine' ? c.mine : opts.keep === 'theirs' ? c.theirs : keepBoth(c);
    store.transaction(() => {
      store.sync.writeField(c.kind, c.recordId, c.field, value);
      store.sync.settleConflict(c.id, opts.keep);
      store.audit('sync-resolve', c.id, { kind: c.kind, field: c.field, keep: opts.keep });
    });
    const vault = (() => {
      try {
        return loadConfig(ctx).vault;
      } catch {
        return null;
      }
    })();
    if (opts.json) return ctx.out.json({ id: c.id, keep: opts.keep, value });
    ctx.out.line(
      `kept ${opts.keep} for ${c.kind} ${c.field}${vault ? '; `baton sync push` sends it' : ''}`,
    );
  });
}
