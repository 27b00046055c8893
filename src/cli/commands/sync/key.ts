// `baton sync key show|export|import`: the vault key, moved between machines as one line.
import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import {
  PostgresSyncTarget,
  exportKey,
  parseExportedKey,
  readKeyFile,
  verifyKey,
  writeKeyFile,
} from '../../../sync/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { keyPath, loadConfig } from './sync-setup.js';

/** A short fingerprint to compare keys across machines without showing them. */
const fingerprint = (key: Buffer) =>
  createHash('sha256')
    .update(key)
    .digest('hex')
    .slice(0, 16)
    .replace(/(.{4})(?!$)/g, '$1-');

async function readAll(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.world.stdin) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

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
  show.action((opts: { json?: boolean }) => {
    const { vault } = loadConfig(ctx);
    const path = keyPath(ctx, vault);
    const out = { vault, keyFile: path, fingerprint: fingerprint(readKeyFile(path, vault)) };
    if (opts.json) return ctx.out.json(out);
    ctx.out.line(`vault ${out.vault} · key ${out.fingerprint} · ${out.keyFile}`);
  });

  key
    .command('export')
    .description('print the key as one line, to carry to another machine (keep it secret)')
    .action(() => {
      const { vault } = loadConfig(ctx);
      const line = exportKey(vault, readKeyFile(keyPath(ctx, vault), vault));
      ctx.store().audit('sync-key-export', vault);
      ctx.out.error('baton: this line opens everything in the vault; move it privately');
      ctx.out.line(line);
    });

  key
    .command('import [line]')
    .description('keep a key from `baton sync key export` (the line, or standard input)')
    .option('--remote <url>', 'check it against this server (default: the configured one)')
    .action(async (line: string | undefined, opts: { remote?: string }) => {
      const parsed = parseExportedKey(line ?? (await readAll(ctx)));
      const remote = opts.remote ?? tryRemote(ctx);
      if (remote) {
        const target = await PostgresSyncTarget.connect(remote, parsed.vault);
        try {
          const info = await target.vault();
          if (!info) throw new BatonError('NOT_FOUND', `no vault ${parsed.vault} on that server`);
          verifyKey(parsed.key, parsed.vault, info.keyCheck);
          await target.audit(ctx.store().info.machineId, 'key-import', {});
        } finally {
          await target.close();
        }
      }
      writeKeyFile(keyPath(ctx, parsed.vault), parsed.key);
      ctx.store().audit('sync-key-import', parsed.vault, { checked: remote !== null });
      ctx.out.line(`key for vault ${parsed.vault} kept (${fingerprint(parsed.key)})`);
      if (!remote) ctx.out.line(`next: baton sync init --remote URL --vault ${parsed.vault}`);
    });
}

function tryRemote(ctx: CliContext): string | null {
  try {
    return loadConfig(ctx).remote;
  } catch {
    return null;
  }
}
