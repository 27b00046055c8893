// `baton sync files add|list|remove`: chosen files and folders of your home (agent memory files,
// skills, settings) carried to your other machines as sealed, content-addressed blobs by push and
// pull. A file arrives only on machines that track its path too.
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import {
  CONFLICT_MARK,
  fileStates,
  isTracked,
  portablePath,
  remoteFiles,
  setTrackedPaths,
  trackedFiles,
  trackedPaths,
} from '../../../sync/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';

function userHome(ctx: CliContext): string {
  const home = ctx.world.env.HOME;
  if (!home)
    throw new BatonError('USAGE', 'HOME is not set: chosen files live in your home folder');
  return home;
}

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
  add.action((paths: string[], opts: { json?: boolean }) => {
    const store = ctx.store();
    const home = userHome(ctx);
    const added = paths.map((p) => portablePath(p, home, ctx.world.cwd));
    setTrackedPaths(store, [...trackedPaths(store), ...added]);
    store.audit('sync-files-add', null, { paths: added });
    if (opts.json) return ctx.out.json({ tracked: trackedPaths(store) });
    for (const p of added) ctx.out.line(`tracking ${p}`);
    ctx.out.line('`baton sync push` sends them; machines that track the same paths receive them');
  });

  const remove = files
    .command('remove <paths...>')
    .description('stop syncing these paths (the files themselves stay where they are)');
  withJson(remove);
  remove.action((paths: string[], opts: { json?: boolean }) => {
    const store = ctx.store();
    const home = userHome(ctx);
    const gone = new Set(paths.map((p) => portablePath(p, home, ctx.world.cwd)));
    const before = trackedPaths(store);
    const missing = [...gone].filter((p) => !before.includes(p));
    if (missing.length > 0) {
      throw new BatonError('NOT_FOUND', `not tracked: ${missing.join(', ')}`, {
        hint: 'see `baton sync files list`',
      });
    }
    setTrackedPaths(
      store,
      before.filter((p) => !gone.has(p)),
    );
    store.audit('sync-files-remove', null, { paths: [...gone] });
    if (opts.json) return ctx.out.json({ tracked: trackedPaths(store) });
    for (const p of gone) ctx.out.line(`no longer tracking ${p}`);
  });

  const list = files
    .command('list')
    .description('tracked paths, their files, versions kept side by side, and what others offer');
  withJson(list);
  list.action((opts: { json?: boolean }) => {
    const store = ctx.store();
    const tracked = trackedPaths(store);
    const states = fileStates(store);
    const remote = remoteFiles(store);
    const here = trackedFiles(tracked, userHome(ctx));
    const out = {
      tracked,
      files: here.map((path) => ({ path, synced: states[path] !== undefined })),
      keptBeside: Object.keys(states).filter((p) => (states[p]?.kept.length ?? 0) > 0),
      offered: Object.keys(remote).filter((p) => !isTracked(p, tracked)),
    };
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
