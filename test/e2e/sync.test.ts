// Pins `baton sync` as real processes against a real PostgreSQL: init, key export and import,
// a push and a pull killed with SIGKILL part-way, then run again, ending with every event on
// both sides exactly once; conflicts, MCP server entries and chosen files from the command line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../src/store/index.js';
import {
  createTestDatabase,
  testServerUrl,
} from '../../src/sync/postgres/testing/test-database.js';
import type { TestDatabase } from '../../src/sync/postgres/testing/test-database.js';
import { seedSession } from '../../src/sync/postgres/testing/sync-fixture.js';
import { BIN, baton, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

const server = testServerUrl();
const EVENTS = 3000;

/**
 * Runs `baton args` and kills it with SIGKILL once it has reported `batches` batches. A batch is
 * `batch` rows: 50 events a batch on push, which pushes them as one row each, so a pull takes few.
 */
function killAfter(
  box: Sandbox,
  args: string[],
  batches: number,
  batch = '50',
): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: box.project,
      env: { ...process.env, BATON_HOME: box.home, HOME: box.home, BATON_SYNC_BATCH: batch },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seen = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/^(push-events|pull): /gm) ?? []).length;
      if (seen >= batches) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe.skipIf(!server)('baton sync as a process', () => {
  let db: TestDatabase;
  const a = sandbox();
  const b = sandbox();

  beforeAll(async () => {
    db = await createTestDatabase(server!);
  });
  afterAll(async () => {
    a.dispose();
    b.dispose();
    await db.drop();
  });

  it('converges after a push and a pull killed part-way', async () => {
    const store = SqliteStore.open({ path: storePath(a.home) });
    const { session } = seedSession(store, EVENTS);
    store.close();
    const vault = `v_${Date.now().toString(36)}`;

    expect(baton(a, ['sync', 'init', '--remote', db.url, '--vault', vault]).code).toBe(0);
    const exported = baton(a, ['sync', 'key', 'export']);
    expect(exported.code).toBe(0);
    expect(
      baton(b, ['sync', 'key', 'import', '--remote', db.url], { input: exported.stdout }).code,
    ).toBe(0);
    expect(baton(b, ['sync', 'init', '--remote', db.url, '--vault', vault]).code).toBe(0);

    expect(await killAfter(a, ['sync', 'push'], 3)).toBe('SIGKILL');
    const push = baton(a, ['sync', 'push', '--json']);
    expect(push.code).toBe(0);

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const n = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM baton.records, unnest(ids) WHERE vault = $1 AND kind = 'events'",
      [vault],
    );
    await c.end();
    expect(n.rows[0]?.n).toBe(EVENTS);

    expect(await killAfter(b, ['sync', 'pull'], 3, '2')).toBe('SIGKILL');
    const pull = baton(b, ['sync', 'pull', '--json']);
    expect(pull.code).toBe(0);
    const bs = SqliteStore.open({ path: storePath(b.home), readonly: true });
    expect(bs.events.count({ sessionId: session.id })).toBe(EVENTS);
    expect(bs.sessions.get(session.id)?.eventCount).toBe(EVENTS);
    bs.close();

    const status = baton(b, ['sync', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ remoteChanges: 0, openConflicts: 0 });
  });

  it('resolves a conflict from the command line, and the choice reaches the other machine', () => {
    const sa = SqliteStore.open({ path: storePath(a.home) });
    const pa = sa.projects.get('github.com/acme/app')!;
    const todo = sa.todos.add({ projectId: pa.id, content: 'plan the release' });
    sa.close();
    expect(baton(a, ['sync', 'push']).code).toBe(0);
    expect(baton(b, ['sync', 'pull']).code).toBe(0);

    const edit = (box: Sandbox, content: string) => {
      const s = SqliteStore.open({ path: storePath(box.home) });
      s.todos.update(todo.id, { content });
      s.close();
    };
    edit(a, 'plan the release for Monday');
    edit(b, 'plan the release with QA');
    expect(baton(a, ['sync', 'push']).code).toBe(0);
    expect(baton(b, ['sync', 'push']).code).toBe(0);
    expect(baton(b, ['sync', 'pull']).code).toBe(0);

    const listed = baton(b, ['sync', 'conflicts', '--json']);
    const conflicts = JSON.parse(listed.stdout) as { id: string; field: string }[];
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.field).toBe('content');
    const resolved = baton(b, ['sync', 'resolve', conflicts[0]!.id, '--keep', 'both']);
    expect(resolved.code).toBe(0);
    expect(JSON.parse(baton(b, ['sync', 'conflicts', '--json']).stdout)).toEqual([]);
    expect(baton(b, ['sync', 'push']).code).toBe(0);
    expect(baton(a, ['sync', 'pull']).code).toBe(0);

    const both = 'plan the release with QA\n\nplan the release for Monday';
    const alt = 'plan the release for Monday\n\nplan the release with QA';
    const s = SqliteStore.open({ path: storePath(a.home), readonly: true });
    const content = s.todos.get(pa.id, todo.id)?.content;
    s.close();
    expect([both, alt]).toContain(content);
  });

  it('carries an MCP server entry from the command line, with the other home folder', () => {
    const claude = (box: Sandbox) => join(box.home, '.claude.json');
    writeFileSync(
      claude(a),
      JSON.stringify({ mcpServers: { docs: { command: `${a.home}/bin/docs`, args: [] } } }),
    );
    const bText = '{\n  "theme": "dark"\n}\n';
    writeFileSync(claude(b), bText);
    expect(baton(a, ['sync', 'mcp', 'add', 'claude-code', 'baton']).code).toBe(2);
    expect(baton(a, ['sync', 'mcp', 'add', 'claude-code', 'docs']).code).toBe(0);
    expect(baton(a, ['sync', 'push']).code).toBe(0);
    const pulled = baton(b, ['sync', 'pull']);
    expect(pulled.stdout).toMatch(/MCP servers: 1 written/);
    expect(JSON.parse(readFileSync(claude(b), 'utf8'))).toEqual({
      theme: 'dark',
      mcpServers: { docs: { command: `${b.home}/bin/docs`, args: [] } },
    });
    const listed = JSON.parse(baton(b, ['sync', 'mcp', 'list', '--json']).stdout) as {
      entries: unknown[];
    };
    expect(listed.entries).toEqual([
      { agent: 'claude-code', name: 'docs', removed: false, synced: true },
    ]);
    expect(baton(b, ['sync', 'mcp', 'remove', 'claude-code', 'docs']).code).toBe(0);
    expect(readFileSync(claude(b), 'utf8')).toBe(bText);
    expect(baton(b, ['sync', 'push']).code).toBe(0);
    expect(baton(a, ['sync', 'pull']).code).toBe(0);
    expect(JSON.parse(readFileSync(claude(a), 'utf8'))).toEqual({});
  });

  it('carries a chosen file from the command line, and refuses one outside the home folder', () => {
    const claude = (box: Sandbox) => join(box.home, '.claude', 'CLAUDE.md');
    mkdirSync(dirname(claude(a)), { recursive: true });
    writeFileSync(claude(a), 'run the linter first\n');
    const added = baton(a, ['sync', 'files', 'add', '~/.claude/CLAUDE.md']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^tracking ~\/\.claude\/CLAUDE\.md$/m);
    // The command runs in the project folder, which is outside the sandbox's home folder.
    const outside = baton(a, ['sync', 'files', 'add', 'notes.md']);
    expect(outside.code).toBe(2);
    expect(outside.stderr.trim().split('\n')[0]).toMatch(/only files in your home folder/);
    expect(baton(a, ['sync', 'push']).code).toBe(0);

    expect(baton(b, ['sync', 'pull']).code).toBe(0);
    const list = (box: Sandbox) =>
      JSON.parse(baton(box, ['sync', 'files', 'list', '--json']).stdout) as {
        tracked: string[];
        files: { path: string; synced: boolean }[];
        offered: string[];
      };
    expect(list(b).offered).toEqual(['~/.claude/CLAUDE.md']);
    expect(baton(b, ['sync', 'files', 'add', '~/.claude/CLAUDE.md', '--json']).code).toBe(0);
    expect(baton(b, ['sync', 'pull']).code).toBe(0);
    expect(readFileSync(claude(b), 'utf8')).toBe('run the linter first\n');
    expect(list(b)).toMatchObject({
      tracked: ['~/.claude/CLAUDE.md'],
      files: [{ path: '~/.claude/CLAUDE.md', synced: true }],
      offered: [],
    });
    const removed = baton(b, ['sync', 'files', 'remove', '~/.claude/CLAUDE.md']);
    expect(removed.stdout).toMatch(/no longer tracking ~\/\.claude\/CLAUDE\.md/);
    expect(baton(b, ['sync', 'files', 'remove', '~/.claude/CLAUDE.md']).code).toBe(3);
    expect(existsSync(claude(b))).toBe(true);
  });

  it('makes and opens a vault from a passphrase, and refuses a wrong one', () => {
    const vault = `p_${Date.now().toString(36)}`;
    const first = sandbox();
    const second = sandbox();
    const init = (box: Sandbox, passphrase: string) =>
      baton(box, ['sync', 'init', '--remote', db.url, '--vault', vault, '--passphrase'], {
        env: { BATON_SYNC_PASSPHRASE: passphrase },
      });
    expect(init(first, 'a long shared passphrase').stdout).toMatch(/created vault/);
    const wrong = init(second, 'another passphrase entirely');
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/does not open vault/);
    expect(init(second, 'a long shared passphrase').stdout).toMatch(/joined vault/);
    const fp = (box: Sandbox) =>
      (JSON.parse(baton(box, ['sync', 'key', 'show', '--json']).stdout) as { fingerprint: string })
        .fingerprint;
    expect(fp(first)).toBe(fp(second));
    first.dispose();
    second.dispose();
  });

  it('says in one line what is wrong with a bad key line or a missing setup', () => {
    const bad = baton(a, ['sync', 'key', 'import', 'nonsense']);
    expect(bad.code).toBe(4);
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/not a key from `baton sync key export`/);
    const none = sandbox();
    const r = baton(none, ['sync', 'push']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sync is not set up/);
    none.dispose();
  });
});
