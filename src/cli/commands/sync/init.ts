// `baton sync init`: creates the vault on the server (schema, member role, policies) with a new
// key, or joins an existing one with a key already imported or a passphrase.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { BatonError } from '../../../core/index.js';
import {
  DEFAULT_KDF,
  PostgresSyncTarget,
  VAULT_NAME_RE,
  deriveKey,
  generateKey,
  keyCheck,
  memberRole,
  readKeyFile,
  redactUrl,
  verifyKey,
  writeKeyFile,
} from '../../../sync/index.js';
import type { VaultInfo } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { keyPath, saveConfig } from './sync-setup.js';

interface InitOpts {
  remote: string;
  vault: string;
  passphrase?: boolean;
  json?: boolean;
}

async function readPassphrase(ctx: CliContext): Promise<string> {
  const fromEnv = ctx.world.env.BATON_SYNC_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const chunks: Buffer[] = [];
  for await (const c of ctx.world.stdin) chunks.push(Buffer.from(c as Buffer));
  const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
  if (!line) {
    throw new BatonError('USAGE', 'no passphrase given', {
      hint: 'set BATON_SYNC_PASSPHRASE or pipe it on standard input',
    });
  }
  return line;
}

/** The key of an existing vault: from its passphrase, or the key file imported here. */
async function joinKey(ctx: CliContext, vault: string, info: VaultInfo): Promise<Buffer> {
  if (!info.kdf) return readKeyFile(keyPath(ctx, vault), vault);
  return deriveKey(await readPassphrase(ctx), Buffer.from(info.kdf.salt, 'base64'), info.kdf);
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
    if (!VAULT_NAME_RE.test(opts.vault)) {
      throw new BatonError('USAGE', `--vault must be 1–40 of a-z, 0-9 and _: ${opts.vault}`);
    }
    const target = await PostgresSyncTarget.connect(opts.remote, opts.vault);
    try {
      const existing = await target.vault();
      let key: Buffer;
      let created = false;
      if (existing) {
        key = await joinKey(ctx, opts.vault, existing);
        verifyKey(key, opts.vault, existing.keyCheck);
      } else {
        const salt = randomBytes(16);
        const path = keyPath(ctx, opts.vault);
        key = opts.passphrase
          ? await deriveKey(await readPassphrase(ctx), salt)
          : existsSync(path)
            ? readKeyFile(path, opts.vault)
            : generateKey();
        const kdf = opts.passphrase ? { salt: salt.toString('base64'), ...DEFAULT_KDF } : null;
        await target.createVault({ name: opts.vault, keyCheck: keyCheck(key, opts.vault), kdf });
        created = true;
      }
      writeKeyFile(keyPath(ctx, opts.vault), key);
      saveConfig(ctx, { remote: opts.remote, vault: opts.vault });
      ctx.store().audit('sync-init', opts.vault, { created, remote: redactUrl(opts.remote) });
      await target.audit(ctx.store().info.machineId, created ? 'create' : 'join', {});
      const result = { vault: opts.vault, created, memberRole: memberRole(opts.vault) };
      if (opts.json) return ctx.out.json(result);
      ctx.out.line(
        `${created ? 'created' : 'joined'} vault ${opts.vault} on ${redactUrl(opts.remote)}`,
      );
      ctx.out.line(`members: GRANT ${result.memberRole} TO <login role>  (see docs/sync.md)`);
      if (created && !opts.passphrase) {
        ctx.out.line('copy the key to your other machines: `baton sync key export`');
      }
    } finally {
      await target.close();
    }
  });
}
