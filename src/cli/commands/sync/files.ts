// `baton sync files add|list|remove`: chosen files and folders of your home (agent memory files,
// skills, settings) carried to your other machines as sealed, content-addressed blobs by push and
// pull. A file arrives only on machines that track its path too.
import type { Command } from 'commander';
import { addSyncFiles, listSyncFiles, removeSyncFiles } from '../../../operations/index.js';
import type { SyncFilesWorld } from '../../../operations/index.js';
import { CONFLICT_MARK } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';

const world = (ctx: CliContext): SyncFilesWorld => ({
  store: ctx.store(),
  env: ctx.world.env,
  cwd: ctx.world.cwd,
});

export function registerSyncFiles(group: Command, ctx: CliContext): void {
  const files = group
    .command('files')
    .description(
      'chosen files and folders (CLAUDE.md, skills, settings) carried to your other machines',
    );
  examples(files, [
    'baton sync files add ~/.claude/CLAUDE.md ~/.claude/skills',
    'baton sync files list',
    'baton sync files remove ~/.claude/skills',
  ]);

  const add = files
    .command('add <paths...>')
    .description('sync these files or folders (in your home folder) from now on');
  withJson(add);
  add.action(async (paths: string[], opts: { json?: boolean }) => {
    const { added, tracked } = await addSyncFiles(world(ctx), paths);
    if (opts.json) return ctx.out.json({ tracked });
    for (const p of added) ctx.out.line(`tracking ${p}`);
    ctx.out.line('`baton sync push` sends them; machines that track the same paths receive them');
  });

  const remove = files
    .command('remove <paths...>')
    .description('stop syncing these paths (the files themselves stay where they are)');
  withJson(remove);
  remove.action(async (paths: string[], opts: { json?: boolean }) => {
    const { removed, tracked } = await removeSyncFiles(world(ctx), paths);
    if (opts.json) return ctx.out.json({ tracked });
    for (const p of removed) ctx.out.line(`no longer tracking ${p}`);
  });

  const list = files
    .command('list')
    .description('tracked paths, their files, versions kept side by side, and what others offer');
  withJson(list);
  list.action(async (opts: { json?: boolean }) => {
    const out = await listSyncFiles(world(ctx));
    const { tracked } = out;
    if (opts.json) return ctx.out.json(out);
    if (tracked.length === 0 && out.offered.length === 0) {
      return ctx.out.line('no files tracked; add some with `baton sync files add PATH`');
    }
    for (const t of tracked) ctx.out.line(`tracked  ${t}`);
    for (const f of out.files) ctx.out.line(`  ${f.synced ? 'synced ' : 'pending'} ${f.path}`);
    for (const p of out.keptBeside) {
      ctx.out.line(
        `  changed on two machines at once: ${p} — the other version is ${p}${CONFLICT_MARK}…`,
      );
    }
    for (const p of out.offered)
      ctx.out.line(`offered  ${p}  (another machine syncs it: add it here to take it)`);
  });
}
