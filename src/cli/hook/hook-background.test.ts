// The lifecycle hooks the agent needs no answer from (a turn's or a session's end) run in the
// background, against the built launcher: the hook spools the payload, prints what the agent
// requires (Codex's `{}`), starts a detached worker and returns without opening the store; the
// worker replays it (the session ends with its reason, its checkpoint is taken), even when the
// hook's whole process group is killed as it returns; `baton hook --wait` waits for it, and the
// next SessionStart drains and briefs after it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseWorkerLock, takeWorkerLock } from '../../capture/index.js';
import { identifyProject } from '../../git/index.js';
import { SqliteStore, storePath } from '../../store/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-hook-bg-'));
  env = { PATH: process.env.PATH, HOME: dir, BATON_HOME: join(dir, 'home') };
});
afterEach(() => {
  spawnSync(process.execPath, [BIN, 'hook', '--wait'], { env, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the installed hook command with `payload` on stdin, recording what the process loaded. */
function hook(agent: string, payload: Record<string, unknown>) {
  const preload = join(dir, 'loaded.cjs');
  const out = join(dir, 'loaded.json');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, ` +
      `JSON.stringify(Object.keys(require.cache))));`,
  );
  const r = spawnSync(process.execPath, ['-r', preload, BIN, 'hook', agent], {
    input: JSON.stringify({ cwd: dir, ...payload }),
    encoding: 'utf8',
    env,
  });
  const files = (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((f) => f !== preload);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

function baton(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sessions = () =>
  JSON.parse(baton(['session', 'list', '--all-projects', '--json']).stdout) as {
    agentSessionId: string;
    status: string;
    endReason: string | null;
    eventCount: number;
  }[];

const spooled = () => {
  try {
    return readdirSync(join(dir, 'home', 'spool')).filter((f) => f.endsWith('.hook'));
  } catch {
    return [];
  }
};

const launcherOnly = [BIN, join(ROOT, 'dist', 'hook.cjs')];

describe('lifecycle hooks in the background', () => {
  it('Claude Code: Stop, SubagentStop and SessionEnd return at once; the worker ends the session with its reason and a checkpoint', () => {
    const S = 'aaaaaaaa-0000-4000-8000-0000000000b1';
    expect(
      hook('claude-code', { session_id: S, hook_event_name: 'SessionStart', source: 'startup' })
        .code,
    ).toBe(0);
    expect(
      hook('claude-code', {
        session_id: S,
        hook_event_name: 'UserPromptSubmit',
        prompt: 'Tidy the greeter',
      }).code,
    ).toBe(0);
    for (const step of [
      { hook_event_name: 'Stop', stop_hook_active: false },
      { hook_event_name: 'SubagentStop', agent_id: 'a1', stop_hook_active: false },
      { hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' },
    ]) {
      const r = hook('claude-code', { session_id: S, ...step });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      // Neither the full hook nor the store: a spool write and a worker started.
      expect(r.files, step.hook_event_name).toEqual(launcherOnly);
    }

    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    const s = sessions().find((x) => x.agentSessionId === S);
    expect(s).toMatchObject({ status: 'ended', endReason: 'prompt_input_exit' });
    const checkpoints = JSON.parse(
      baton(['checkpoint', 'list', '--all-projects', '--json']).stdout,
    ) as {
      trigger: string;
    }[];
    expect(checkpoints.map((c) => c.trigger)).toContain('session-end');
  });

  it('survives the hook’s process group being killed as the hook returns', () => {
    const S = 'aaaaaaaa-0000-4000-8000-0000000000b2';
    expect(
      hook('claude-code', { session_id: S, hook_event_name: 'SessionStart', source: 'startup' })
        .code,
    ).toBe(0);
    // The hook in a process group of its own, killed whole (SIGKILL) right after it returns, as
    // an agent tearing down its hooks would.
    const payload = JSON.stringify({
      cwd: dir,
      session_id: S,
      hook_event_name: 'SessionEnd',
      reason: 'other',
    });
    const script = `printf '%s' "$P" | "$NODE" "$BIN" hook claude-code; kill -9 -$$`;
    const r = spawnSync('setsid', ['-w', 'sh', '-c', script], {
      env: { ...env, P: payload, NODE: process.execPath, BIN },
      encoding: 'utf8',
    });
    expect(r.signal).toBe('SIGKILL');

    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(sessions().find((x) => x.agentSessionId === S)).toMatchObject({
      status: 'ended',
      endReason: 'other',
    });
  });

  it('Gemini: an automatic PreCompress is not even spooled; Codex: Stop still answers {} at once', () => {
    const pre = hook('gemini', {
      session_id: 'g1',
      hook_event_name: 'PreCompress',
      trigger: 'auto',
    });
    expect(pre.code).toBe(0);
    expect(pre.stdout).toBe('');
    expect(pre.files).toEqual(launcherOnly);
    expect(spooled()).toEqual([]);
    expect(baton(['hook', '--wait']).code).toBe(0);
    // No store was opened (on Node 24 not even BATON_HOME is made: no code cache goes there).
    expect(existsSync(join(dir, 'home', 'baton.db'))).toBe(false);

    const stop = hook('codex', { session_id: 'c1', hook_event_name: 'Stop', turn_id: 't1' });
    expect(stop.code).toBe(0);
    expect(stop.stdout).toBe('{}');
    expect(stop.files).toEqual(launcherOnly);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    expect(sessions().find((x) => x.agentSessionId === 'c1')).toBeDefined();
  });

  it('Codex: its `notify` program (the payload an argument) is left to the worker too', () => {
    const thread = 'c2';
    expect(
      hook('codex', { session_id: thread, hook_event_name: 'SessionStart', source: 'startup' })
        .code,
    ).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    const before = sessions().find((x) => x.agentSessionId === thread)!.eventCount;
    const preload = join(dir, 'loaded.cjs');
    const out = join(dir, 'loaded.json');
    const payload = JSON.stringify({
      type: 'agent-turn-complete',
      'thread-id': thread,
      'turn-id': 't1',
      cwd: dir,
      'last-assistant-message': 'Done.',
    });
    const r = spawnSync(process.execPath, ['-r', preload, BIN, 'hook', 'codex', payload], {
      input: '',
      encoding: 'utf8',
      env,
    });
    expect(r.status).toBe(0);
    // Only the launcher and the hot entry were loaded: no store opened, no sweep waited for.
    const files = (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((f) => f !== preload);
    expect(files).toEqual(launcherOnly);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    expect(sessions().find((x) => x.agentSessionId === thread)!.eventCount).toBe(before + 1);
  });

  it('the next SessionStart waits for the worker, so its brief names the session the worker ended', () => {
    env.BATON_HOOK_WAIT_MS = '120000'; // However slow the worker is on a loaded machine.
    const A = 'aaaaaaaa-0000-4000-8000-0000000000b3';
    const B = 'aaaaaaaa-0000-4000-8000-0000000000b4';
    hook('claude-code', { session_id: A, hook_event_name: 'SessionStart', source: 'startup' });
    hook('claude-code', {
      session_id: A,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'Rename the greeter module',
    });
    hook('claude-code', {
      session_id: A,
      hook_event_name: 'SessionEnd',
      reason: 'prompt_input_exit',
    });
    const next = hook('claude-code', {
      session_id: B,
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    const brief = (JSON.parse(next.stdout) as { hookSpecificOutput: { additionalContext: string } })
      .hookSpecificOutput.additionalContext;
    expect(brief).toContain('Rename the greeter module');
    expect(brief).toContain('ended (prompt_input_exit)');
  });

  it('a SessionStart taken while the previous turn’s Stop waits in the spool briefs after it', async () => {
    const A = 'aaaaaaaa-0000-4000-8000-0000000000b5';
    const B = 'aaaaaaaa-0000-4000-8000-0000000000b6';
    hook('claude-code', { session_id: A, hook_event_name: 'SessionStart', source: 'startup' });
    expect(baton(['hook', '--wait']).code).toBe(0);
    // The drain lock held by this live process: the workers the next hooks start find it taken
    // and leave their payloads in the spool, as a worker still busy elsewhere would.
    const home = join(dir, 'home');
    expect(takeWorkerLock(home, process.pid)).toBe(true);
    hook('claude-code', {
      session_id: A,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'Move the retry loop into the client',
    });
    hook('claude-code', { session_id: A, hook_event_name: 'Stop', stop_hook_active: false });
    expect(spooled()).toHaveLength(2);

    const child = spawn(process.execPath, [BIN, 'hook', 'claude-code'], {
      env: { ...env, BATON_HOOK_WAIT_MS: '120000' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    child.stdin.end(
      JSON.stringify({
        cwd: dir,
        session_id: B,
        hook_event_name: 'SessionStart',
        source: 'startup',
      }),
    );
    // B's start spooled: the hook now waits for A's prompt and Stop to be replayed.
    while (spooled().length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(stdout).toBe('');
    releaseWorkerLock(home);
    expect(baton(['hook', '--background']).code).toBe(0);
    expect(await exited).toBe(0);
    const brief = (JSON.parse(stdout) as { hookSpecificOutput: { additionalContext: string } })
      .hookSpecificOutput.additionalContext;
    expect(brief).toContain('Move the retry loop into the client');
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(sessions().find((x) => x.agentSessionId === B)).toBeDefined();
  });

  it('a SessionStart after a session that died briefs it as crashed (the worker marks it first)', () => {
    env.BATON_HOOK_WAIT_MS = '120000'; // However slow the worker is on a loaded machine.
    const started = Date.now() - 3 * 3_600_000;
    const store = SqliteStore.open({ path: storePath(join(dir, 'home')) });
    try {
      const projectId = store.projects.ensure(identifyProject(dir)).id;
      store.sessions.ensure({
        agent: 'claude-code',
        agentSessionId: 'aaaaaaaa-0000-4000-8000-0000000000b7',
        projectId,
        cwd: dir,
        gitBranch: null,
        gitHeadStart: null,
        startedAt: started,
        parentId: null,
        parentKind: null,
        meta: {},
      });
    } finally {
      store.close();
    }
    const next = hook('claude-code', {
      session_id: 'aaaaaaaa-0000-4000-8000-0000000000b8',
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    const brief = (JSON.parse(next.stdout) as { hookSpecificOutput: { additionalContext: string } })
      .hookSpecificOutput.additionalContext;
    expect(brief).toContain('The last session crashed');
  });

  it('`baton hook --wait` returns at once when no worker runs, and forgets a worker that died', () => {
    const workers = join(dir, 'home', 'spool', 'workers');
    spawnSync('mkdir', ['-p', workers]);
    // A pid no process has (beyond the kernel's default pid_max).
    writeFileSync(join(workers, '4999999'), '');
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(readdirSync(workers)).toEqual([]);
  });
});
