// What every `baton sync` command shares: the vault this store syncs with (kept in the store's
// settings), the key file that opens it, and an engine connected to it.
import { BatonError } from '../../../core/index.js';
import { agentMcpConfigs } from '../../../capture/index.js';
import {
  PostgresSyncTarget,
  SYNC_SETTING,
  SyncEngine,
  readKeyFile,
  readSyncConfig,
  remoteName,
  syncKeyPath,
} from '../../../sync/index.js';
import type { SyncConfig, SyncProgress } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';

export type { SyncConfig };

export function saveConfig(ctx: CliContext, config: SyncConfig): void {
  ctx.store().setSetting(SYNC_SETTING, { ...config });
}

/** The configured vault; BATON_SYNC_URL overrides the remote (to keep a password out of files). */
export function loadConfig(ctx: CliContext): SyncConfig {
  const config = readSyncConfig(ctx.store(), ctx.world.env);
  if (!config) {
    throw new BatonError('NOT_FOUND', 'sync is not set up for this store', {
      hint: 'run `baton sync init --remote postgres://USER@HOST/DB --vault NAME`',
    });
  }
  return config;
}

export function keyPath(ctx: CliContext, vault: string): string {
  return syncKeyPath(ctx.home, vault);
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
      ...(ctx.world.env.HOME && {
        userHome: ctx.world.env.HOME,
        mcpConfigs: agentMcpConfigs(ctx.world.env),
      }),
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
