// MCP server entries synced per agent through a real PostgreSQL vault, between two stores with
// two home folders: the receiving machine's config file gets the entry with its own paths (home
// folder and project roots), every other byte of the file stays as it was, removal and edits
// travel, Baton's own entry never does, and an entry changed on both machines is held as a
// conflict on each instead of being overwritten.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentMcpConfigs } from '../../src/capture/index.js';
import type { AgentMcpConfigs } from '../../src/capture/index.js';
import type { SqliteStore } from '../../src/store/index.js';
import {
  SyncEngine,
  listMcp,
  pathMap,
  removeMcp,
  resolveMcp,
  trackMcp,
} from '../../src/sync/index.js';
import type { SyncTarget } from '../../src/sync/index.js';
import {
  createTestDatabase,
  testServerUrl,
} from '../../src/sync/postgres/testing/test-database.js';
import type { TestDatabase } from '../../src/sync/postgres/testing/test-database.js';
import { syncFixture } from '../../src/sync/postgres/testing/sync-fixture.js';
import type { SyncFixture } from '../../src/sync/postgres/testing/sync-fixture.js';

const server = testServerUrl();

interface Machine {
  home: string;
  root: string;
  store: SqliteStore;
  configs: AgentMcpConfigs;
  engine: SyncEngine;
}

const B_CLAUDE = `{
    "numStartups": 12,
    "mcpServers": {
        "baton": {
            "command": "/opt/b/bin/baton",
            "args": ["mcp"]
        },
        "local-only": {"command": "uvx", "args": ["thing"]}
    },
    "tipsHistory": {"x": 1}
}
`;

const B_CODEX = `# my codex config
model = "o3"

[mcp_servers.baton]
command = "/opt/b/bin/baton"
args = ["mcp"]  # installed by baton
`;

describe.skipIf(!server)('MCP server entries through PostgreSQL', () => {
  let db: TestDatabase;
  let fx: SyncFixture;

  beforeAll(async () => {
    db = await createTestDatabase(server!);
  });
  afterEach(async () => {
    await fx.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function machine(name: string, root: (home: string) => string): Promise<Machine> {
    const home = join(fx.dir, `${name}-home`);
    mkdirSync(home, { recursive: true });
    const store = fx.store(name);
    store.projects.ensure({
      key: 'github.com/acme/app',
      root: root(home),
      remoteUrl: 'git@github.com:acme/app.git',
      name: 'app',
    });
    const configs = agentMcpConfigs({ HOME: home });
    const target: SyncTarget = await fx.target();
    const engine = new SyncEngine({
      store,
      target,
      key: fx.key,
      vault: fx.vault,
      remoteName: `test/${fx.vault}`,
      userHome: home,
      mcpConfigs: configs,
    });
    return { home, root: root(home), store, configs, engine };
  }

  const docsEntry = (home: string, root: string, extra: string[] = []) => ({
    type: 'stdio',
    command: `${home}/.local/bin/docs-mcp`,
    args: ['--root', `${root}/docs`, '--cache', `${home}/.cache/docs`, ...extra],
    env: { DOCS_INDEX: `${root}/.index` },
  });

  it('carries an entry to the other machine with its own paths, and nothing else', async () => {
    fx = await syncFixture(db.url);
    // A's project is inside its home folder; B's is elsewhere: the project's root wins.
    const a = await machine('a', (home) => `${home}/code/app`);
    const b = await machine('b', () => join(fx.dir, 'srv', 'app'));
    writeFileSync(
      join(a.home, '.claude.json'),
      JSON.stringify(
        {
          mcpServers: {
            baton: { command: `${a.home}/bin/baton`, args: ['mcp'] },
            docs: docsEntry(a.home, a.root),
          },
        },
        null,
        2,
      ),
    );
    mkdirSync(join(a.home, '.codex'));
    writeFileSync(
      join(a.home, '.codex', 'config.toml'),
      `[mcp_servers.search]\ncommand = "${a.home}/bin/search"\nargs = ["--db", "${a.root}/search.db"]\n`,
    );
    writeFileSync(join(b.home, '.claude.json'), B_CLAUDE);
    mkdirSync(join(b.home, '.codex'));
    writeFileSync(join(b.home, '.codex', 'config.toml'), B_CODEX);

    expect(() => trackMcp(a.store, a.configs, 'claude-code', 'baton')).toThrow(/not synced/);
    expect(() => trackMcp(a.store, a.configs, 'claude-code', 'nope')).toThrow(/no MCP server/);
    trackMcp(a.store, a.configs, 'claude-code', 'docs');
    trackMcp(a.store, a.configs, 'codex', 'search');
    expect(await a.engine.push()).toMatchObject({ mcp: 2 });
    expect(await b.engine.pull()).toMatchObject({ mcp: { written: 2, conflicts: 0 } });

    expect(b.configs.read('claude-code')).toEqual({
      baton: { command: '/opt/b/bin/baton', args: ['mcp'] },
      'local-only': { command: 'uvx', args: ['thing'] },
      docs: docsEntry(b.home, b.root),
    });
    expect(b.configs.read('codex').search).toEqual({
      command: `${b.home}/bin/search`,
      args: ['--db', `${b.root}/search.db`],
    });
    // Every other byte of B's files is as it was: taking the entry out gives them back.
    const claudeB = readFileSync(join(b.home, '.claude.json'), 'utf8');
    expect(claudeB).toContain('        "local-only": {"command": "uvx", "args": ["thing"]}');
    expect(claudeB).not.toContain(a.home);
    b.configs.write('claude-code', 'docs', null);
    expect(readFileSync(join(b.home, '.claude.json'), 'utf8')).toBe(B_CLAUDE);
    b.configs.write('claude-code', 'docs', docsEntry(b.home, b.root));
    const codexB = readFileSync(join(b.home, '.codex', 'config.toml'), 'utf8');
    expect(codexB.startsWith(B_CODEX)).toBe(true);

    // The server holds ciphertext only, and no row of Baton's own entry.
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const rows = await c.query<{ ciphertext: Buffer }>(
      "SELECT ciphertext FROM baton.records WHERE vault = $1 AND kind = 'mcp'",
      [fx.vault],
    );
    await c.end();
    expect(rows.rows).toHaveLength(2);
    for (const r of rows.rows) expect(r.ciphertext.toString('latin1')).not.toMatch(/docs|search/);

    // An edit on B travels back with A's paths; a pull with nothing new writes nothing.
    expect(await b.engine.push()).toMatchObject({ mcp: 0 });
    b.configs.write('claude-code', 'docs', docsEntry(b.home, b.root, ['--verbose']));
    expect(await b.engine.push()).toMatchObject({ mcp: 1 });
    expect(await a.engine.pull()).toMatchObject({ mcp: { written: 1, conflicts: 0 } });
    expect(a.configs.read('claude-code').docs).toEqual(docsEntry(a.home, a.root, ['--verbose']));
    expect(await a.engine.push()).toMatchObject({ mcp: 0 });

    // Removed on A: removed on B, whose file is then its own again.
    removeMcp(a.store, a.configs, 'claude-code', 'docs');
    expect(a.configs.read('claude-code').docs).toBeUndefined();
    expect(await a.engine.push()).toMatchObject({ mcp: 1 });
    expect(await b.engine.pull()).toMatchObject({ mcp: { removed: 1 } });
    expect(readFileSync(join(b.home, '.claude.json'), 'utf8')).toBe(B_CLAUDE);
    expect(listMcp(b.store).entries).toContainEqual(
      expect.objectContaining({ agent: 'claude-code', name: 'docs', removed: true }),
    );
  });

  it('holds an entry changed on both machines as a conflict, until one side chooses', async () => {
    fx = await syncFixture(db.url);
    const a = await machine('a', (home) => `${home}/code/app`);
    const b = await machine('b', (home) => `${home}/work/app`);
    writeFileSync(
      join(a.home, '.claude.json'),
      JSON.stringify({ mcpServers: { docs: docsEntry(a.home, a.root) } }, null, 2),
    );
    trackMcp(a.store, a.configs, 'claude-code', 'docs');
    await a.engine.push();
    await b.engine.pull();
    expect(b.configs.read('claude-code').docs).toEqual(docsEntry(b.home, b.root));

    a.configs.write('claude-code', 'docs', docsEntry(a.home, a.root, ['--from-a']));
    b.configs.write('claude-code', 'docs', docsEntry(b.home, b.root, ['--from-b']));
    await a.engine.push();
    await b.engine.push();
    expect(await a.engine.pull()).toMatchObject({ mcp: { written: 0, conflicts: 1 } });
    expect(await b.engine.pull()).toMatchObject({ mcp: { written: 0, conflicts: 1 } });
    // Neither side was overwritten; each holds the other's version.
    expect(a.configs.read('claude-code').docs).toEqual(docsEntry(a.home, a.root, ['--from-a']));
    expect(b.configs.read('claude-code').docs).toEqual(docsEntry(b.home, b.root, ['--from-b']));
    const [held] = listMcp(a.store).conflicts;
    expect(held).toMatchObject({ agent: 'claude-code', name: 'docs' });
    expect(JSON.stringify(held!.theirs)).toContain('--from-b');
    // Pulling again changes nothing while it is held.
    expect(await a.engine.pull()).toMatchObject({ mcp: { written: 0, conflicts: 0 } });

    // A takes B's version; its push settles the conflict on B too.
    resolveMcp(
      { store: a.store, configs: a.configs, paths: pathsOf(a) },
      'claude-code',
      'docs',
      'theirs',
    );
    expect(a.configs.read('claude-code').docs).toEqual(docsEntry(a.home, a.root, ['--from-b']));
    expect(await a.engine.push()).toMatchObject({ mcp: 1 });
    await b.engine.pull();
    expect(listMcp(a.store).conflicts).toEqual([]);
    expect(listMcp(b.store).conflicts).toEqual([]);
    expect(b.configs.read('claude-code').docs).toEqual(docsEntry(b.home, b.root, ['--from-b']));
    expect(await b.engine.push()).toMatchObject({ mcp: 0 });
  });

  it('leaves an entry naming a project this machine lacks until it has it', async () => {
    fx = await syncFixture(db.url);
    const a = await machine('a', (home) => `${home}/code/app`);
    const b = await machine('b', (home) => `${home}/work/app`);
    a.store.projects.ensure({
      key: 'github.com/acme/other',
      root: `${a.home}/code/other`,
      remoteUrl: null,
      name: 'other',
    });
    writeFileSync(
      join(a.home, '.claude.json'),
      JSON.stringify({ mcpServers: { o: { command: `${a.home}/code/other/run` } } }),
    );
    trackMcp(a.store, a.configs, 'claude-code', 'o');
    await a.engine.push();
    const pulled = await b.engine.pull();
    expect(pulled.mcp.waiting).toEqual(['claude-code/o: github.com/acme/other']);
    expect(b.configs.read('claude-code')).toEqual({});
    // Once the project is here too (a clone elsewhere), the entry arrives with its folder.
    b.store.projects.ensure({
      key: 'github.com/acme/other',
      root: `${b.home}/src/other`,
      remoteUrl: null,
      name: 'other',
    });
    expect(await b.engine.pull()).toMatchObject({ mcp: { written: 1, waiting: [] } });
    expect(b.configs.read('claude-code')).toEqual({ o: { command: `${b.home}/src/other/run` } });
  });
});

const pathsOf = (m: Machine) => pathMap(m.home, m.store.projects.folders());
