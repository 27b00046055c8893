// `baton sync init|push|pull|status|diff|key`: the vault on the user's PostgreSQL this store syncs
// with (kept in the store's settings), the key file that opens it, and the transfers through it.
// The sync part, its PostgreSQL driver and the agents' config editors are loaded on the first call,
// so faces that load the operations never pay for them.
import { randomBytes, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { BatonError } from '../core/index.js';
import type {
  PostgresSyncTarget,
  PullReport,
  PushReport,
  SyncConfig,
  SyncEngine,
  SyncProgress,
  SyncStatus,
  VaultInfo,
} from '../sync/index.js';
import type { OpsWorld } from './world.js';

export type SyncWorld = Pick<OpsWorld, 'store'> & {
  env: Record<string, string | undefined>;
  /** Baton's home folder: the vault keys are kept there. */
  home: string;
};

const sync = () => import('../sync/index.js');

/** The configured vault; BATON_SYNC_URL overrides the remote (to keep a password out of files). */
export async function syncConfig(world: Pick<SyncWorld, 'store' | 'env'>): Promise<SyncConfig> {
  const { readSyncConfig } = await sync();
  const config = readSyncConfig(world.store, world.env);
  if (!config) {
    throw new BatonError('NOT_FOUND', 'sync is not set up for this store', {
      hint: 'run `baton sync init --remote postgres://USER@HOST/DB --vault NAME`',
    });
  }
  return config;
}

/** The configured vault, or null when sync is not set up (or its setting cannot be read). */
export async function syncConfigOrNull(
  world: Pick<SyncWorld, 'store' | 'env'>,
): Promise<SyncConfig | null> {
  try {
    return await syncConfig(world);
  } catch {
    return null;
  }
}

interface Connected {
  engine: SyncEngine;
  target: PostgresSyncTarget;
  config: SyncConfig;
}

/** An engine on the configured vault for `fn`; the connection is closed after it. */
async function withEngine<T>(
  world: SyncWorld,
  fn: (c: Connected) => Promise<T>,
  onProgress?: (p: SyncProgress) => void,
): Promise<T> {
  const config = await syncConfig(world);
  const { PostgresSyncTarget, SyncEngine, readKeyFile, remoteName, syncKeyPath } = await sync();
  const key = readKeyFile(syncKeyPath(world.home, config.vault), config.vault);
  const mcpConfigs = world.env.HOME
    ? (await import('../capture/index.js')).agentMcpConfigs(world.env)
    : undefined;
  const target = await PostgresSyncTarget.connect(config.remote, config.vault);
  const batch = Number(world.env.BATON_SYNC_BATCH);
  try {
    const engine = new SyncEngine({
      store: world.store,
      target,
      key,
      vault: config.vault,
      remoteName: remoteName(config.remote, config.vault),
      ...(batch > 0 && { batchSize: batch }),
      ...(world.env.HOME && mcpConfigs && { userHome: world.env.HOME, mcpConfigs }),
      ...(onProgress && { onProgress }),
    });
    return await fn({ engine, target, config });
  } finally {
    await target.close();
  }
}

// ---- init ----

export interface InitSyncInput {
  /** postgres://USER@HOST:PORT/DATABASE (the password from PGPASSWORD). */
  remote: string;
  vault: string;
  /** A new vault's key derived from a passphrase instead of a random key. */
  passphrase?: boolean;
  /**
   * Asks the user for the passphrase when BATON_SYNC_PASSPHRASE is not set (the CLI reads
   * standard input); called only when a passphrase is needed.
   */
  askPassphrase: () => Promise<string>;
}

export interface InitSyncResult {
  vault: string;
  created: boolean;
  /** The role to grant the other members' logins. */
  memberRole: string;
  /** The server, its password removed. */
  remote: string;
}

async function passphraseOf(world: SyncWorld, input: InitSyncInput): Promise<string> {
  const fromEnv = world.env.BATON_SYNC_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const asked = (await input.askPassphrase()).trim();
  if (!asked) {
    throw new BatonError('USAGE', 'no passphrase given', {
      hint: 'set BATON_SYNC_PASSPHRASE or pipe it on standard input',
    });
  }
  return asked;
}

/**
 * Creates the vault on the server (schema, member role, policies) with a new key, or joins an
 * existing one with the key already imported here or its passphrase; then keeps the key and the
 * vault's address in this store.
 */
export async function initSync(world: SyncWorld, input: InitSyncInput): Promise<InitSyncResult> {
  const s = await sync();
  if (!s.VAULT_NAME_RE.test(input.vault)) {
    throw new BatonError('USAGE', `--vault must be 1–40 of a-z, 0-9 and _: ${input.vault}`);
  }
  const path = s.syncKeyPath(world.home, input.vault);
  const target = await s.PostgresSyncTarget.connect(input.remote, input.vault);
  try {
    const existing = await target.vault();
    let key: Buffer;
    let created = false;
    if (existing) {
      key = await joinKey(world, input, existing, path);
      s.verifyKey(key, input.vault, existing.keyCheck);
    } else {
      const salt = randomBytes(16);
      key = input.passphrase
        ? await s.deriveKey(await passphraseOf(world, input), salt)
        : existsSync(path)
          ? s.readKeyFile(path, input.vault)
          : s.generateKey();
      const kdf = input.passphrase ? { salt: salt.toString('base64'), ...s.DEFAULT_KDF } : null;
      await target.createVault({
        name: input.vault,
        keyCheck: s.keyCheck(key, input.vault),
        kdf,
      });
      created = true;
    }
    s.writeKeyFile(path, key);
    world.store.setSetting(s.SYNC_SETTING, { remote: input.remote, vault: input.vault });
    const remote = s.redactUrl(input.remote);
    world.store.audit('sync-init', input.vault, { created, remote });
    await target.audit(world.store.info.machineId, created ? 'create' : 'join', {});
    return { vault: input.vault, created, memberRole: s.memberRole(input.vault), remote };
  } finally {
    await target.close();
  }
}

/** The key of an existing vault: from its passphrase, or the key file imported here. */
async function joinKey(
  world: SyncWorld,
  input: InitSyncInput,
  info: VaultInfo,
  path: string,
): Promise<Buffer> {
  const { deriveKey, readKeyFile } = await sync();
  if (!info.kdf) return readKeyFile(path, input.vault);
  return deriveKey(
    await passphraseOf(world, input),
    Buffer.from(info.kdf.salt, 'base64'),
    info.kdf,
  );
}

// ---- push, pull, status, diff ----

/** Sends this machine's changes to the vault, sealed, in batches (resumes where it stopped). */
export const pushSync = (
  world: SyncWorld,
  onProgress?: (p: SyncProgress) => void,
): Promise<PushReport> => withEngine(world, ({ engine }) => engine.push(), onProgress);

/** Brings the vault's changes here and merges them, in batches (resumes where it stopped). */
export const pullSync = (
  world: SyncWorld,
  onProgress?: (p: SyncProgress) => void,
): Promise<PullReport> => withEngine(world, ({ engine }) => engine.pull(), onProgress);

export type SyncStatusReport = { vault: string; remote: string } & SyncStatus;

/** The vault, and what waits to go each way. */
export async function syncStatus(world: SyncWorld): Promise<SyncStatusReport> {
  const { redactUrl } = await sync();
  return withEngine(world, async ({ engine, config }) => ({
    vault: config.vault,
    remote: redactUrl(config.remote),
    ...(await engine.status()),
  }));
}

export interface SyncDiff {
  /** The local records a push would send, counted by kind, and the events. */
  push: { records: Record<string, number>; events: number };
  pull: { changes: number };
  records: { kind: string; id: string; hlc: string; deleted: boolean }[];
}

/** The local records a push would send, by kind, and the changes waiting to pull. */
export async function syncDiff(world: SyncWorld): Promise<SyncDiff> {
  const { local, status } = await withEngine(world, async ({ engine }) => ({
    local: engine.pendingRecords(),
    status: await engine.status(),
  }));
  const byKind: Record<string, number> = {};
  for (const e of local) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    push: { records: byKind, events: status.pendingEvents },
    pull: { changes: status.remoteChanges },
    records: local.map((e) => ({
      kind: e.kind,
      id: e.id,
      hlc: e.state.hlc,
      deleted: e.state.deleted,
    })),
  };
}

// ---- the key ----

/** A short fingerprint to compare keys across machines without showing them. */
const fingerprint = (key: Buffer) =>
  createHash('sha256')
    .update(key)
    .digest('hex')
    .slice(0, 16)
    .replace(/(.{4})(?!$)/g, '$1-');

export interface SyncKeyInfo {
  vault: string;
  keyFile: string;
  fingerprint: string;
}

/** The vault, its key file and the key's fingerprint. */
export async function showSyncKey(world: SyncWorld): Promise<SyncKeyInfo> {
  const { vault } = await syncConfig(world);
  const { readKeyFile, syncKeyPath } = await sync();
  const keyFile = syncKeyPath(world.home, vault);
  return { vault, keyFile, fingerprint: fingerprint(readKeyFile(keyFile, vault)) };
}

/** The key as one line, to carry to another machine (it opens everything in the vault). Audited. */
export async function exportSyncKey(world: SyncWorld): Promise<{ vault: string; line: string }> {
  const { vault } = await syncConfig(world);
  const { exportKey, readKeyFile, syncKeyPath } = await sync();
  const line = exportKey(vault, readKeyFile(syncKeyPath(world.home, vault), vault));
  world.store.audit('sync-key-export', vault);
  return { vault, line };
}

export interface ImportSyncKeyResult {
  vault: string;
  fingerprint: string;
  /** Whether the key was checked against the vault on a server. */
  checked: boolean;
}

/**
 * Keeps a key from `exportSyncKey`, checked first against the vault on `remote` (default: the
 * configured server, when sync is set up).
 */
export async function importSyncKey(
  world: SyncWorld,
  input: { line: string; remote?: string | undefined },
): Promise<ImportSyncKeyResult> {
  const s = await sync();
  const parsed = s.parseExportedKey(input.line);
  const remote = input.remote ?? (await syncConfigOrNull(world))?.remote ?? null;
  if (remote) {
    const target = await s.PostgresSyncTarget.connect(remote, parsed.vault);
    try {
      const info = await target.vault();
      if (!info) throw new BatonError('NOT_FOUND', `no vault ${parsed.vault} on that server`);
      s.verifyKey(parsed.key, parsed.vault, info.keyCheck);
      await target.audit(world.store.info.machineId, 'key-import', {});
    } finally {
      await target.close();
    }
  }
  s.writeKeyFile(s.syncKeyPath(world.home, parsed.vault), parsed.key);
  world.store.audit('sync-key-import', parsed.vault, { checked: remote !== null });
  return { vault: parsed.vault, fingerprint: fingerprint(parsed.key), checked: remote !== null };
}
