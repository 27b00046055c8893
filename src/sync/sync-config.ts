// Where a store's sync is configured: the vault and server kept in the store's settings (written
// by `baton sync init`), the key file beside the store, and the name its positions go under. The
// CLI and the daemon's auto-sync read it the same way.
import { join } from 'node:path';
import type { JsonObject } from '../core/index.js';
import { keyFilePath } from './vault-key.js';

export interface SyncConfig {
  remote: string;
  vault: string;
}

export const SYNC_SETTING = 'sync';

interface Settings {
  getSetting(key: string): unknown;
}

/** The configured vault, or null; BATON_SYNC_URL overrides the remote (a password stays out). */
export function readSyncConfig(store: Settings, env: NodeJS.ProcessEnv): SyncConfig | null {
  const saved = store.getSetting(SYNC_SETTING) as JsonObject | undefined;
  if (!saved || typeof saved.vault !== 'string' || typeof saved.remote !== 'string') return null;
  return { remote: env.BATON_SYNC_URL || saved.remote, vault: saved.vault };
}

export function syncKeyPath(home: string, vault: string): string {
  return keyFilePath(join(home, 'keys'), vault);
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
