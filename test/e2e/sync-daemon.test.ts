// Pins auto-sync in the daemon as real processes: two machines (two homes) joined to one vault on
// a real PostgreSQL, each running `baton daemon run`. A transcript line an agent writes on the
// first reaches the second's store with no sync command run, and so does a todo added with the
// CLI; SIGTERM stops both daemons cleanly.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../src/store/index.js';
import {
  createTestDatabase,
  testServerUrl,
} from '../../src/sync/postgres/testing/test-database.js';
import type { TestDatabase } from '../../src/sync/postgres/testing/test-database.js';
import { SESSION, jsonl, prompt, resetIds } from '../helpers/claude-records.js';
import { BIN, baton, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

const server = testServerUrl();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const daemonEnv = (box: Sandbox) => ({
  ...process.env,
  BATON_HOME: box.home,
  HOME: box.home,
  NO_COLOR: '1',
  BATON_SESSION: '',
  BATON_DAEMON_PORT: '0',
  BATON_DAEMON_POLL_MS: '200',
});

async function daemon(box: Sandbox): Promise<{ child: ChildProcess; exit: Promise<number> }> {
  const child = spawn(process.execPath, [BIN, 'daemon', 'run'], {
    env: daemonEnv(box),
    stdio: 'ignore',
  });
  const exit = new Promise<number>((r) => child.once('exit', (code) => r(code ?? -1)));
  const pidFile = join(box.home, 'daemon.pid');
  for (let i = 0; i < 1500 && child.exitCode === null; i += 1) {
    if (existsSync(pidFile) && readFileSync(pidFile, 'utf8').includes(`"pid":${child.pid}`)) {
      return { child, exit };
    }
    await sleep(20);
  }
  child.kill('SIGKILL');
  throw new Error('the daemon did not start');
}

/** Reads the sandbox's store until `check` holds; a guard of 30 s, not a timing assertion. */
async function eventually<T>(box: Sandbox, read: (s: SqliteStore) => T, check: (v: T) => boolean) {
  const until = Date.now() + 30_000;
  for (;;) {
    const s = SqliteStore.open({ path: storePath(box.home), readonly: true });
    const value = (() => {
      try {
        return read(s);
      } finally {
        s.close();
      }
    })();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`never happened; last seen ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

describe.skipIf(!server)('auto-sync in the daemon', () => {
  let db: TestDatabase;
  const a = sandbox();
  const b = sandbox();
  const running: { child: ChildProcess; exit: Promise<number> }[] = [];

  beforeAll(async () => {
    resetIds();
    db = await createTestDatabase(server!);
  });
  afterAll(async () => {
    for (const d of running) if (d.child.exitCode === null) d.child.kill('SIGKILL');
    a.dispose();
    b.dispose();
    await db.drop();
  });

  it('carries an agent’s transcript and a CLI todo to the other machine, unasked', async () => {
    const vault = `d_${Date.now().toString(36)}`;
    expect(baton(a, ['sync', 'init', '--remote', db.url, '--vault', vault]).code).toBe(0);
    const key = baton(a, ['sync', 'key', 'export']).stdout;
    expect(baton(b, ['sync', 'key', 'import', '--remote', db.url], { input: key }).code).toBe(0);
    expect(baton(b, ['sync', 'init', '--remote', db.url, '--vault', vault]).code).toBe(0);
    running.push(await daemon(a), await daemon(b));

    const dir = join(a.home, '.claude', 'projects', '-p');
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, `${SESSION}.jsonl`), jsonl([prompt('one'), prompt('two')]));
    const texts = await eventually(
      b,
      (s) => {
        const session = s.sessions.get(SESSION);
        return session ? s.events.list({ sessionId: session.id }).map((e) => e.text) : [];
      },
      (t) => t.length === 2,
    );
    expect(texts.sort()).toEqual(['one', 'two']);

    expect(baton(a, ['todo', 'add', 'written on the first machine']).code).toBe(0);
    await eventually(
      b,
      (s) => s.query<{ content: string }>('SELECT content FROM todos').map((t) => t.content),
      (t) => t.includes('written on the first machine'),
    );

    for (const d of running) d.child.kill('SIGTERM');
    expect(await Promise.all(running.map((d) => d.exit))).toEqual([0, 0]);
  });
});
