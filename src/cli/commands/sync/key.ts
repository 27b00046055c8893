// `baton sync key show|export|import`: the vault key, moved between machines as one line.
import type { Command } from 'commander';
import { exportSyncKey, importSyncKey, showSyncKey } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { readStdin, syncWorld } from './sync-setup.js';

export function registerSyncKey(group: Command, ctx: CliContext): void {
  const key = group
    .command('key')
    .description('the vault key: show its fingerprint, export, import');
  examples(key, [
    'baton sync key show',
    'baton sync key export > vault.key   # then, on the other machine:',
    'baton sync key import < vault.key',
  ]);

  const show = key.command('show').description('the vault, its key file and the key’s fingerprint');
  withJson(show);
  show.action(async (opts: { json?: boolean }) => {
    const out = await showSyncKey(syncWorld(ctx));
    if (opts.json) return ctx.out.json(out);
    ctx.out.line(`vault ${out.vault} · key ${out.fingerprint} · ${out.keyFile}`);
  });

  key
    .command('export')
    .description('print the key as one line, to carry to another machine (keep it secret)')
    .action(async () => {
      const { line } = await exportSyncKey(syncWorld(ctx));
      ctx.out.error('baton: this line opens everything in the vault; move it privately');
      ctx.out.line(line);
    });

  key
    .command('import [line]')
    .description('keep a key from `baton sync key export` (the line, or standard input)')
    .option('--remote <url>', 'check it against this server (default: the configured one)')
    .action(async (line: string | undefined, opts: { remote?: string }) => {
      const r = await importSyncKey(syncWorld(ctx), {
        line: line ?? (await readStdin(ctx)),
        remote: opts.remote,
      });
      ctx.out.line(`key for vault ${r.vault} kept (${r.fingerprint})`);
      if (!r.checked) ctx.out.line(`next: baton sync init --remote URL --vault ${r.vault}`);
    });
}
