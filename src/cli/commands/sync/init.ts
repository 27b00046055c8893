// `baton sync init`: creates the vault on the server (schema, member role, policies) with a new
// key, or joins an existing one with a key already imported or a passphrase.
import type { Command } from 'commander';
import { initSync } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { readStdin, syncWorld } from './sync-setup.js';

interface InitOpts {
  remote: string;
  vault: string;
  passphrase?: boolean;
  json?: boolean;
}

export function registerSyncInit(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('init')
    .description('create a vault on a PostgreSQL server, or join one, and keep its key here')
    .requiredOption('--remote <url>', 'postgres://USER@HOST:PORT/DATABASE (password: PGPASSWORD)')
    .option('--vault <name>', 'the vault: a-z, 0-9 and _', 'default')
    .option('--passphrase', 'derive the key from a passphrase (BATON_SYNC_PASSPHRASE or stdin)');
  withJson(cmd);
  examples(cmd, [
    'baton sync init --remote postgres://me@db.example.com/baton --vault team',
    'BATON_SYNC_PASSPHRASE=… baton sync init --remote postgres://me@db/baton --vault home --passphrase',
  ]);
  cmd.action(async (opts: InitOpts) => {
    const r = await initSync(syncWorld(ctx), {
      remote: opts.remote,
      vault: opts.vault,
      passphrase: opts.passphrase === true,
      // The first line of standard input.
      askPassphrase: async () => (await readStdin(ctx)).split('\n')[0] ?? '',
    });
    if (opts.json)
      return ctx.out.json({ vault: r.vault, created: r.created, memberRole: r.memberRole });
    ctx.out.line(`${r.created ? 'created' : 'joined'} vault ${r.vault} on ${r.remote}`);
    ctx.out.line(`members: GRANT ${r.memberRole} TO <login role>  (see docs/sync.md)`);
    if (r.created && !opts.passphrase) {
      ctx.out.line('copy the key to your other machines: `baton sync key export`');
    }
  });
}
