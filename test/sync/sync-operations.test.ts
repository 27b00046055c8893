// The operations behind `baton sync files` and `baton sync mcp`, between two real SQLite stores
// with two home folders through a real PostgreSQL vault: paths are tracked in their portable form
// (relative ones from the caller's folder), a path outside the home folder or a missing HOME is
// refused and changes nothing, a listing shows what other machines offer and what was kept beside,
// an MCP entry is added, held as a conflict, settled and removed, and every change is audited.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addSyncFiles,
  addSyncMcp,
  listSyncFiles,
  listSyncMcp,
  removeSyncFiles,
  removeSyncMcp,
  resolveSyncMcp,
} from '../../src/operations/index.js';
import type { SyncMcpKeep } from '../../src/operations/index.js';
import { agentMcpConfigs } from '../../src/capture/index.js';
import { testServerUrl } from '../../src/sync/postgres/testing/test-database.js';
import { syncSuite } from '../../src/sync/postgres/testing/sync-fixture.js';
import type { SyncFixture } from '../../src/sync/postgres/testing/sync-fixture.js';

const server = testServerUrl();

describe.skipIf(!server)('the sync files and sync mcp operations', () => {
  const fixture = syncSuite(server);
  let fx: SyncFixture;

  const machine = async (name: string) => {
    const env = { HOME: join(fx.dir, `home-${name}`) };
    const m = await fx.machine(name, { mcpConfigs: agentMcpConfigs(env) });
    const audit = () =>
      m.store
        .query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'sync-%-%'")
        .map((r) => r.action);
    return { ...m, env, audit, world: { store: m.store, env, cwd: m.home } };
  };

  it('tracks, lists and stops tracking chosen files', async () => {
    fx = await fixture();
    const a = await machine('a');
    const b = await machine('b');
    a.write('.claude/CLAUDE.md', 'lint first\n');
    a.write('notes/today.md', 'ship it\n');

    // A relative path is taken from the caller's folder; what is tracked is its portable name.
    const fromClaude = { ...a.world, cwd: a.file('.claude') };
    expect(await addSyncFiles(fromClaude, ['CLAUDE.md'])).toEqual({
      added: ['~/.claude/CLAUDE.md'],
      tracked: ['~/.claude/CLAUDE.md'],
    });
    await expect(addSyncFiles(a.world, ['~/notes', '/etc/hosts'])).rejects.toMatchObject({
      code: 'USAGE',
      message: 'only files in your home folder can be synced: /etc/hosts',
    });
    await expect(addSyncFiles({ ...a.world, env: {} }, ['~/notes'])).rejects.toMatchObject({
      code: 'USAGE',
      message: 'HOME is not set: chosen files live in your home folder',
    });
    expect((await listSyncFiles(a.world)).tracked).toEqual(['~/.claude/CLAUDE.md']);
    await addSyncFiles(a.world, ['~/notes']);
    expect(await listSyncFiles(a.world)).toEqual({
      tracked: ['~/.claude/CLAUDE.md', '~/notes'],
      files: [
        { path: '~/.claude/CLAUDE.md', synced: false },
        { path: '~/notes/today.md', synced: false },
      ],
      keptBeside: [],
      offered: [],
    });
    expect(await a.engine.push()).toMatchObject({ files: 2 });
    expect((await listSyncFiles(a.world)).files.every((f) => f.synced)).toBe(true);

    // B tracks nothing yet: it is offered A's files, and takes the one it adds.
    await b.engine.pull();
    expect(await listSyncFiles(b.world)).toMatchObject({
      tracked: [],
      offered: ['~/.claude/CLAUDE.md', '~/notes/today.md'],
    });
    await addSyncFiles(b.world, ['~/.claude/CLAUDE.md']);
    expect(await b.engine.pull()).toMatchObject({ files: 1 });
    expect(readFileSync(b.file('.claude/CLAUDE.md'), 'utf8')).toBe('lint first\n');
    expect(await listSyncFiles(b.world)).toEqual({
      tracked: ['~/.claude/CLAUDE.md'],
      files: [{ path: '~/.claude/CLAUDE.md', synced: true }],
      keptBeside: [],
      offered: ['~/notes/today.md'],
    });

    // Changed on both at once: the listing names the file whose other version is kept beside.
    a.write('.claude/CLAUDE.md', 'lint first, on a\n');
    b.write('.claude/CLAUDE.md', 'lint first, on b\n');
    await a.engine.push();
    await b.engine.push();
    await a.engine.pull();
    await b.engine.pull();
    expect((await listSyncFiles(a.world)).keptBeside).toEqual(['~/.claude/CLAUDE.md']);
    expect((await listSyncFiles(b.world)).keptBeside).toEqual(['~/.claude/CLAUDE.md']);

    // Only tracked paths can be dropped; dropping one leaves the file where it is.
    await expect(removeSyncFiles(b.world, ['~/notes'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'not tracked: ~/notes',
    });
    expect(await removeSyncFiles(b.world, ['~/.claude/CLAUDE.md'])).toEqual({
      removed: ['~/.claude/CLAUDE.md'],
      tracked: [],
    });
    expect(existsSync(b.file('.claude/CLAUDE.md'))).toBe(true);
    expect(b.audit()).toEqual(['sync-files-add', 'sync-files-remove']);
    expect(a.audit()).toEqual(['sync-files-add', 'sync-files-add']);
  });

  it('adds an MCP server entry, holds a change made on both machines, settles and removes it', async () => {
    fx = await fixture();
    const a = await machine('a');
    const b = await machine('b');
    const docs = (home: string, flag: string) => ({ command: `${home}/bin/docs`, args: [flag] });
    writeFileSync(
      a.file('.claude.json'),
      JSON.stringify({ mcpServers: { docs: docs(a.home, '-q') } }),
    );
    writeFileSync(b.file('.claude.json'), '{}\n');

    await expect(
      addSyncMcp({ ...a.world, env: {} }, { agent: 'claude-code', name: 'docs' }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: 'HOME is not set: the agents keep their MCP servers there',
    });
    await expect(
      addSyncMcp(a.world, { agent: 'claude-code', name: 'baton' }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(await addSyncMcp(a.world, { agent: 'claude-code', name: 'docs' })).toEqual({
      file: a.file('.claude.json'),
      listing: {
        entries: [{ agent: 'claude-code', name: 'docs', removed: false, synced: false }],
        conflicts: [],
      },
    });
    await a.engine.push();
    await b.engine.pull();
    const claudeB = () =>
      JSON.parse(readFileSync(b.file('.claude.json'), 'utf8')) as {
        mcpServers?: Record<string, unknown>;
      };
    expect(claudeB().mcpServers?.docs).toEqual(docs(b.home, '-q'));

    // Both change it: held on B until B chooses.
    const configsA = agentMcpConfigs(a.env);
    const configsB = agentMcpConfigs(b.env);
    configsA.write('claude-code', 'docs', docs(a.home, '--from-a'));
    configsB.write('claude-code', 'docs', docs(b.home, '--from-b'));
    await a.engine.push();
    await b.engine.push();
    expect(await b.engine.pull()).toMatchObject({ mcp: { conflicts: 1 } });
    const held = await listSyncMcp({ store: b.store });
    expect(held.conflicts).toHaveLength(1);
    expect(held.conflicts[0]).toMatchObject({ agent: 'claude-code', name: 'docs' });

    await expect(
      resolveSyncMcp(b.world, {
        agent: 'claude-code',
        name: 'docs',
        keep: 'both' as unknown as SyncMcpKeep,
      }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    const settled = await resolveSyncMcp(b.world, {
      agent: 'claude-code',
      name: 'docs',
      keep: 'theirs',
    });
    expect(settled.conflicts).toEqual([]);
    expect(claudeB().mcpServers?.docs).toEqual(docs(b.home, '--from-a'));
    await expect(
      resolveSyncMcp(b.world, { agent: 'claude-code', name: 'docs', keep: 'mine' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Removed on B: gone from its file now, and from A's after a push and a pull.
    const removed = await removeSyncMcp(b.world, { agent: 'claude-code', name: 'docs' });
    expect(removed.file).toBe(b.file('.claude.json'));
    expect(claudeB().mcpServers?.docs).toBeUndefined();
    await b.engine.push();
    await a.engine.pull();
    expect(configsA.read('claude-code').docs).toBeUndefined();
    expect(b.audit()).toEqual(['sync-mcp-resolve', 'sync-mcp-remove']);
    expect(a.audit()).toEqual(['sync-mcp-add']);
  });
});
