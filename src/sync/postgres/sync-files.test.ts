// Pins chosen files through a real PostgreSQL: a tracked file and folder reach the other machine
// (into its own home folder), sealed on the server; a path the other machine does not track is
// not written there; a file changed on two machines at once ends the same on both, with the other
// version kept beside it on both; a later edit made from the settled file is taken plainly.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTrackedPaths } from '../files/file-sync.js';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { syncFixture } from './testing/sync-fixture.js';
import type { SyncFixture } from './testing/sync-fixture.js';

const server = testServerUrl();

describe.skipIf(!server)('chosen files through PostgreSQL', () => {
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

  const machine = async (name: string, tracked: string[]) => {
    const m = await fx.machine(name);
    setTrackedPaths(m.store, tracked);
    const read = (rel: string) =>
      existsSync(m.file(rel)) ? readFileSync(m.file(rel), 'utf8') : null;
    return { ...m, read };
  };
  const both = ['~/.claude/CLAUDE.md', '~/.claude/skills'];

  it('carries tracked files and folders, sealed, only where they are tracked', async () => {
    fx = await syncFixture(db.url);
    const a = await machine('a', [...both, '~/.ssh/config']);
    const b = await machine('b', both);
    a.write('.claude/CLAUDE.md', 'Always run the linter before committing.\n');
    a.write('.claude/skills/review/SKILL.md', 'Review the diff line by line.\n');
    a.write('.ssh/config', 'Host quokka\n');
    expect(await a.engine.push()).toMatchObject({ files: 3 });
    expect(await b.engine.pull()).toMatchObject({ files: 2, keptBeside: [] });
    expect(b.read('.claude/CLAUDE.md')).toBe('Always run the linter before committing.\n');
    expect(b.read('.claude/skills/review/SKILL.md')).toBe('Review the diff line by line.\n');
    expect(b.read('.ssh/config')).toBeNull();
    // Nothing moves the second time.
    expect(await a.engine.push()).toMatchObject({ files: 0 });
    expect(await b.engine.pull()).toMatchObject({ files: 0 });

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const rows = await c.query<{ ciphertext: Buffer; id: string }>(
      'SELECT id, ciphertext FROM baton.records WHERE vault = $1',
      [fx.vault],
    );
    await c.end();
    for (const r of rows.rows) {
      expect(r.ciphertext.includes(Buffer.from('linter'))).toBe(false);
      expect(r.ciphertext.includes(Buffer.from('quokka'))).toBe(false);
      expect(r.id).not.toMatch(/CLAUDE|skills|ssh/);
    }
  });

  it('keeps both versions side by side when a file changed on two machines at once', async () => {
    fx = await syncFixture(db.url);
    const a = await machine('a', both);
    const b = await machine('b', both);
    a.write('.claude/CLAUDE.md', 'base\n');
    await a.engine.push();
    await b.engine.pull();
    a.write('.claude/CLAUDE.md', 'edited on a\n');
    b.write('.claude/CLAUDE.md', 'edited on b\n');
    await a.engine.push();
    await b.engine.push();
    const pa = await a.engine.pull();
    const pb = await b.engine.pull();
    expect(a.read('.claude/CLAUDE.md')).toBe(b.read('.claude/CLAUDE.md'));
    const winner = a.read('.claude/CLAUDE.md')!;
    const loser = winner === 'edited on a\n' ? 'edited on b\n' : 'edited on a\n';
    for (const m of [a, b]) {
      const beside = readdirSync(join(m.home, '.claude')).filter((f) => f.includes('conflict'));
      expect(beside).toHaveLength(1);
      expect(m.read(`.claude/${beside[0]}`)).toBe(loser);
    }
    expect([...pa.keptBeside, ...pb.keptBeside]).toHaveLength(2);

    // An edit made from the settled file is taken plainly, with no new version beside it.
    const editor = winner === 'edited on a\n' ? b : a;
    const other = editor === a ? b : a;
    await editor.engine.push();
    await other.engine.pull();
    editor.write('.claude/CLAUDE.md', 'settled and edited again\n');
    await editor.engine.push();
    expect(await other.engine.pull()).toMatchObject({ files: 1, keptBeside: [] });
    expect(other.read('.claude/CLAUDE.md')).toBe('settled and edited again\n');
  });
});
