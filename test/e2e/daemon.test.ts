// Pins the daemon as real processes of the built CLI: two starts make one daemon; SIGTERM with
// API writes in flight loses none that were acknowledged and reads every transcript line written
// before it; a kill -9 and a restart resume tailing with no duplicate and no gap, checked against
// an independent count of the lines written.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../src/store/index.js';
import { SESSION, jsonl, prompt, resetIds } from '../helpers/claude-records.js';
import { BIN, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let box: Sandbox;
const children: ChildProcess[] = [];

const env = () => ({
  ...process.env,
  BATON_HOME: box.home,
  HOME: box.home,
  NO_COLOR: '1',
  BATON_SESSION: '',
  BATON_DAEMON_PORT: '0',
  BATON_DAEMON_POLL_MS: '200',
});

beforeEach(() => {
  resetIds();
  box = sandbox();
});
afterEach(async () => {
  await run(process.execPath, [BIN, 'daemon', 'stop'], { env: env() }).catch(() => {});
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  box.dispose();
});

/** `baton daemon run` as our own child, resolved once it listens. */
async function daemonChild(): Promise<{
  child: ChildProcess;
  port: number;
  exit: Promise<number | null>;
}> {
  const child = spawn(process.execPath, [BIN, 'daemon', 'run'], { env: env(), stdio: 'ignore' });
  children.push(child);
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const pidFile = join(box.home, 'daemon.pid');
  for (let i = 0; i < 1500; i += 1) {
    if (existsSync(pidFile)) {
      // The daemon may be writing it right now: an empty or half-written file is read again.
      const info = readPidFile(pidFile);
      if (info && info.pid === child.pid) return { child, port: info.port, exit };
    }
    if (child.exitCode !== null) break;
    await sleep(20);
  }
  throw new Error('the daemon did not start');
}

function readPidFile(path: string): { pid: number; port: number } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { pid: number; port: number };
  } catch {
    return null;
  }
}

const transcript = () => {
  const dir = join(box.home, '.claude', 'projects', '-p');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${SESSION}.jsonl`);
};

function storedTexts(): string[] {
  const store = SqliteStore.open({ path: storePath(box.home) });
  try {
    const session = store.sessions.get(SESSION);
    if (!session) return [];
    return store.events.list({ sessionId: session.id, order: 'asc' }).map((e) => e.text ?? '');
  } finally {
    store.close();
  }
}

describe('baton daemon', () => {
  it('makes one daemon of two starts, and stops it', async () => {
    const start = () => run(process.execPath, [BIN, 'daemon', 'start', '--json'], { env: env() });
    const [a, b] = await Promise.all([start(), start()]);
    const pa = (JSON.parse(a.stdout) as { pid: number }).pid;
    const pb = (JSON.parse(b.stdout) as { pid: number }).pid;
    expect(pa).toBe(pb);
    const status = await run(process.execPath, [BIN, 'daemon', 'status', '--json'], { env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid: pa });
    const again = await start();
    expect(JSON.parse(again.stdout)).toMatchObject({ started: false, pid: pa });
    const stop = await run(process.execPath, [BIN, 'daemon', 'stop', '--json'], { env: env() });
    expect(JSON.parse(stop.stdout)).toEqual({ stopped: true, pid: pa });
    const after = await run(process.execPath, [BIN, 'daemon', 'status', '--json'], { env: env() });
    expect(JSON.parse(after.stdout)).toMatchObject({ running: false });
    expect(readFileSync(join(box.home, 'logs', 'daemon.log'), 'utf8')).toContain('stopped');
  });

  it('on SIGTERM finishes writes in flight and loses nothing acknowledged or written', async () => {
    const { child, port, exit } = await daemonChild();
    const token = readFileSync(join(box.home, 'daemon.token'), 'utf8').trim();
    const batch = (n: number) =>
      Array.from({ length: 200 }, (_, i) =>
        JSON.stringify({
          session: 'api-session',
          agent: 'cli',
          ts: '2026-03-01T10:00:00Z',
          kind: 'note',
          text: `b${n} l${i}`,
          ref: `b${n}-${i}`,
        }),
      ).join('\n');
    let firstAck: () => void = () => {};
    const acked = new Promise<void>((r) => (firstAck = r));
    const posts = Array.from({ length: 12 }, (_, n) =>
      fetch(`http://127.0.0.1:${port}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: batch(n),
      }).then(async (r) => {
        firstAck();
        return { n, status: r.status, body: (await r.json()) as { imported: number } };
      }),
    );
    const lines = Array.from({ length: 100 }, (_, i) => prompt(`written ${i}`));
    appendFileSync(transcript(), jsonl(lines));
    await acked;
    child.kill('SIGTERM');
    const settled = await Promise.allSettled(posts);
    expect(await exit).toBe(0);
    const ok = settled.flatMap((s) =>
      s.status === 'fulfilled' && s.value.status === 200 ? [s.value] : [],
    );
    expect(ok.length).toBeGreaterThan(0);
    const store = SqliteStore.open({ path: storePath(box.home) });
    try {
      const session = store.sessions.get('api-session')!;
      const stored = new Set(store.events.list({ sessionId: session.id }).map((e) => e.text));
      for (const { n } of ok)
        for (let i = 0; i < 200; i += 1) expect(stored.has(`b${n} l${i}`)).toBe(true);
    } finally {
      store.close();
    }
    expect(storedTexts()).toEqual(lines.map((_, i) => `written ${i}`));
  });

  it('after kill -9 and a restart resumes tailing with no duplicate and no gap', async () => {
    const path = transcript();
    const written: string[] = [];
    const write = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        const text = `line ${written.length}`;
        appendFileSync(path, jsonl([prompt(text)]));
        written.push(text);
        if (i % 10 === 0) await sleep(15);
      }
    };
    const first = await daemonChild();
    await write(60);
    for (let i = 0; i < 500 && storedTexts().length === 0; i += 1) await sleep(20);
    first.child.kill('SIGKILL');
    await first.exit;
    await write(40);
    const second = await daemonChild();
    await write(60);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(storedTexts()).toEqual(written);
  });

  it('daemon install writes the service file into HOME and uninstall takes it away again', async () => {
    const baton = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, [BIN, ...args], { env: env() })).stdout) as {
        path: string;
        change: string;
      };
    const installed = await baton('daemon', 'install', '--json');
    expect(installed.change).toBe('created');
    expect(installed.path.startsWith(box.home)).toBe(true);
    const text = readFileSync(installed.path, 'utf8');
    expect(text).toContain(BIN);
    expect(text).toContain(box.home);
    expect(await baton('daemon', 'install', '--json')).toMatchObject({ change: 'unchanged' });
    expect(await baton('daemon', 'uninstall', '--json')).toMatchObject({ change: 'removed' });
    expect(existsSync(installed.path)).toBe(false);
  });

  it('keeps a transcript the agent deleted after the daemon read it, and says so', async () => {
    const { child, exit } = await daemonChild();
    const path = transcript();
    const written = ['first words', 'second words', 'last words'];
    appendFileSync(path, jsonl(written.map((t) => prompt(t))));
    for (let i = 0; i < 1500 && storedTexts().length < written.length; i += 1) await sleep(20);
    rmSync(path);
    const status = await run(process.execPath, [BIN, 'daemon', 'status', '--json'], { env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: true,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      keptOnlyByBaton: { transcripts: 1, sessions: 1 },
    });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(storedTexts()).toEqual(written);
    const doctor = await run(process.execPath, [BIN, 'doctor', '--json'], { env: env() });
    const kept = (JSON.parse(doctor.stdout) as { checks: { id: string; data: unknown }[] }).checks;
    expect(kept.find((c) => c.id === 'history:kept')?.data).toEqual({
      deletedTranscripts: 1,
      sessions: 1,
    });
  });

  it('with daemon.autostart, a session-start hook starts the daemon without waiting for it', async () => {
    const status = async () =>
      JSON.parse(
        (await run(process.execPath, [BIN, 'daemon', 'status', '--json'], { env: env() })).stdout,
      ) as {
        running: boolean;
        port: number | null;
      };
    await run(process.execPath, [BIN, 'config', 'set', 'daemon.autostart', 'true'], { env: env() });
    expect(await status()).toMatchObject({ running: false });
    const payload = {
      session_id: SESSION,
      transcript_path: transcript(),
      cwd: box.project,
      hook_event_name: 'SessionStart',
      source: 'startup',
    };
    const hook = spawn(process.execPath, [BIN, 'hook', 'claude-code'], {
      env: env(),
      cwd: box.project,
    });
    hook.stdin.end(JSON.stringify(payload));
    expect(await new Promise((r) => hook.once('exit', r))).toBe(0);
    const pidFile = join(box.home, 'daemon.pid');
    for (let i = 0; i < 1500 && !existsSync(pidFile); i += 1) await sleep(20);
    const now = await status();
    expect(now).toMatchObject({ running: true });
    expect(now.port).not.toBeNull();
  });
});
