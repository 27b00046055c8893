// Stores and vaults for the sync suites: real SQLite files in a temp folder, a real vault on the
// test server, an engine per store.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { SqliteStore } from '../../../store/index.js';
import { SyncEngine } from '../../sync-engine.js';
import type { SyncEngineOptions } from '../../sync-engine.js';
import type { SyncTarget } from '../../sync-target.js';
import { keyCheck } from '../../vault-crypto.js';
import { generateKey } from '../../vault-key.js';
import { PostgresSyncTarget } from '../postgres-sync-target.js';
import { createTestDatabase } from './test-database.js';
import type { TestDatabase } from './test-database.js';

export interface SyncFixture {
  /** The test database the vault is on. */
  url: string;
  dir: string;
  vault: string;
  key: Buffer;
  store(name: string): SqliteStore;
  target(): Promise<PostgresSyncTarget>;
  engine(
    store: SqliteStore,
    target: SyncTarget,
    options?: { key?: Buffer; batchSize?: number },
  ): SyncEngine;
  /** A store with a home folder of its own (chosen files, agents' configs) and its engine. */
  machine(name: string, options?: Partial<SyncEngineOptions>): Promise<HomeMachine>;
  close(): Promise<void>;
}

export interface HomeMachine {
  store: SqliteStore;
  home: string;
  engine: SyncEngine;
  /** The absolute path of `rel` in the home folder. */
  file(rel: string): string;
  /** Writes `text` at `rel` in the home folder, making its folders. */
  write(rel: string, text: string): void;
}

export async function syncFixture(url: string): Promise<SyncFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-sync-'));
  const vault = `v_${randomBytes(5).toString('hex')}`;
  const key = generateKey();
  const stores: SqliteStore[] = [];
  const targets: PostgresSyncTarget[] = [];
  const admin = await PostgresSyncTarget.connect(url, vault);
  await admin.createVault({ name: vault, keyCheck: keyCheck(key, vault), kdf: null });
  targets.push(admin);
  const fixture: SyncFixture = {
    url,
    dir,
    vault,
    key,
    store: (name) => {
      const s = SqliteStore.open({ path: join(dir, `${name}.db`) });
      stores.push(s);
      return s;
    },
    target: async () => {
      const t = await PostgresSyncTarget.connect(url, vault);
      targets.push(t);
      return t;
    },
    engine: (store, target, options = {}) =>
      new SyncEngine({
        store,
        target,
        key: options.key ?? key,
        vault,
        remoteName: `test/${vault}`,
        ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      }),
    machine: async (name, options = {}) => {
      const home = join(dir, `home-${name}`);
      mkdirSync(home, { recursive: true });
      const store = fixture.store(name);
      const engine = new SyncEngine({
        store,
        target: await fixture.target(),
        key,
        vault,
        remoteName: 'test',
        userHome: home,
        ...options,
      });
      const file = (rel: string) => join(home, rel);
      const write = (rel: string, text: string) => {
        mkdirSync(dirname(file(rel)), { recursive: true });
        writeFileSync(file(rel), text);
      };
      return { store, home, engine, file, write };
    },
    close: async () => {
      for (const s of stores) s.close();
      for (const t of targets) await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/**
 * For the calling `describe`: a database of its own on the test server (`server`; null when the
 * suite is skipped), dropped after the suite, and a fixture per test, closed after it.
 */
export function syncSuite(server: string | null): () => Promise<SyncFixture> {
  let db: TestDatabase | undefined;
  let fx: SyncFixture | undefined;
  beforeAll(async () => {
    if (server) db = await createTestDatabase(server);
  });
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });
  afterAll(async () => {
    await db?.drop();
  });
  return async () => {
    fx = await syncFixture(db!.url);
    return fx;
  };
}

/** A project, a session and `n` events in `store`; returns the session. */
export function seedSession(store: SqliteStore, n: number, text = (i: number) => `event ${i}`) {
  const project = store.projects.ensure({
    key: 'github.com/acme/app',
    root: `/work/${store.info.machineId}/app`,
    remoteUrl: 'git@github.com:acme/app.git',
    name: 'app',
  });
  const session = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  store.events.append(
    Array.from({ length: n }, (_, i) => ({
      sessionId: session.id,
      kind: 'note' as const,
      text: text(i),
      source: 'cli' as const,
    })),
  );
  return { project, session };
}
