// What every `baton sync` command shares: the vault this store syncs with (kept in the store's
// settings), the key file that opens it, and an engine connected to it.
import { join } from 'node:path';
import { BatonError } from '../../../core/index.js';
import type { JsonObject } from '../../../core/index.js';
import { PostgresSyncTarget, SyncEngine, keyFilePath, readKeyFile } from '../../../sync/index.js';
import type { SyncProgress } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';

export interface SyncConfig {
  remote: string;
  vault: string;
}

const SETTING = 'sync';

export function saveConfig(ctx: CliContext, config: SyncConfig): void {
  ctx.store().setSetting(SETTING, { ...config });
}

/** The configured vault; BATON_SYNC_URL overrides the remote (to keep a password out of files). */
export function loadConfig(ctx: CliContext): SyncConfig {
  const saved = ctx.store().getSetting(SETTING) as JsonObject | undefined;
  if (!saved || typeof saved.vault !== 'string' || typeof saved.remote !== 'string') {
    throw new BatonError('NOT_FOUND', 'sync is not set up for this store', {
      hint: 'run `baton sync init --remote postgres://USER@HOST/DB --vault NAME`',
    });
  }
  return { remote: ctx.world.env.BATON_SYNC_URL || saved.remote, vault: saved.vault };
}

export function keyPath(ctx: CliContext, vault: string): string {
  return keyFilePath(join(ctx.home, 'keys'), vault);
}

/** Where this store's positions for a vault are kept: the server and database, not the login. */
export function remoteName(remote: string, vault: string): string {
  try {
    const u = new URL(remote);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}#${vault}`;
  } catch {
    return `#${vault}`;
  }
}

export interface Connected {
  engine: SyncEngine;
  target: PostgresSyncTarget;
  config: SyncConfig;
}

export async function withEngine<T>(
  ctx: CliContext,
  fn: (c: Connected) => Promise<T>,
  onProgress?: (p: SyncProgress) => void,
): Promise<T> {
  const config = loadConfig(ctx);
  const key = readKeyFile(keyPath(ctx, config.vault), config.vault);
  const target = await PostgresSyncTarget.connect(config.remote, config.vault);
  const batch = Number(ctx.world.env.BATON_SYNC_BATCH);
  try {
    const engine = new SyncEngine({
      store: ctx.store(),
      target,
      key,
      vault: config.vault,
      remoteName: remoteName(config.remote, config.vault),
      ...(batch > 0 && { batchSize: batch }),
      ...(onProgress && { onProgress }),
    });
    return await fn({ engine, target, config });
  } finally {
    await target.close();
  }
}

/** Progress on stderr, one line per batch, so a long push or pull shows it is moving. */
export function progressLine(ctx: CliContext): (p: SyncProgress) => void {
  if (ctx.world.env.BATON_QUIET) return () => undefined;
  return (p) => void ctx.world.stderr.write(`${p.phase}: ${p.done}\n`);
}
