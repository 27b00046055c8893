// The hooks an agent does not wait for, as `baton install` writes them, run by the real /bin/sh:
// the shell spools the payload itself (spool-command.ts) and the built launcher's
// worker stores it. Baton is reached through a wrapper that logs each start, so the tests count the
// Node processes: none for a prompt, a tool event or a turn's end, one worker for a session's end.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeHookSet } from '../claude-code/hook-entries.js';
import { codexHookSet, notifyArgv } from '../codex/hook-entries.js';
import { geminiHookSet } from '../gemini/hook-entries.js';
import { pendingPayloads, workBeforeBrief } from '../hooks/spool-pending.js';
import { openSpooled } from '../hooks/spool-crypt.js';
import { spoolState } from '../hooks/spool-drain.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
let dir: string;
let home: string;
let project: string;
let env: NodeJS.ProcessEnv;
let batonCommand: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-shell-spool-'));
  home = join(dir, 'home');
  project = join(dir, 'project');
  mkdirSync(project);
  // Far off, unless a test says otherwise: a turn's end starts no worker of its own meanwhile.
  // The agent here is the test process itself, which lives on: a session's end does not wait for
  // it to exit, unless a test says otherwise (see 'waits for the agent to exit').
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    BATON_HOME: home,
    BATON_SPOOL_DELAY: '600',
    BATON_EXIT_WAIT: '0',
  };
  const wrapper = join(dir, 'baton-wrapper');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${join(dir, 'starts.log')}'\nexec '${process.execPath}' '${BIN}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  batonCommand = `"${wrapper}"`;
});
afterEach(() => {
  baton(['hook', '--wait']);
  rmSync(dir, { recursive: true, force: true });
});

/** The Node starts of Baton through the installed commands so far (each one's arguments). */
const starts = () => {
  try {
    return readFileSync(join(dir, 'starts.log'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

function baton(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', cwd: project });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs an installed command as an agent does: `sh -c`, the payload on stdin. */
function sh(command: string, payload: string | Record<string, unknown>, extra: string[] = []) {
  const r = spawnSync('/bin/sh', ['-c', command, ...extra], {
    input: typeof payload === 'string' ? payload : JSON.stringify({ cwd: project, ...payload }),
    encoding: 'utf8',
    env,
    cwd: project,
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const spooled = () => {
  try {
    return readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.hook'));
  } catch {
    return [];
  }
};

const sessions = () =>
  JSON.parse(baton(['session', 'list', '--all-projects', '--json']).stdout) as {
    agentSessionId: string;
    status: string;
    endReason: string | null;
  }[];

const events = () =>
  baton(['export', '--format', 'events', '--all-projects'])
    .stdout.split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('{"record":'))
    .map((l) => JSON.parse(l) as { kind: string; text?: string; session: string });

async function until(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('hooks spooled by the shell', () => {
  it('Codex: prompt, Stop, notify and SessionEnd start no Node but the one worker, which stores them all', async () => {
    const hooks = codexHookSet(batonCommand, home);
    const command = (event: string) => hooks.handlerFor(event).command as string;
    const S = 'codex-thread-1';
    // SessionStart is not spooled by the shell: the Node hook, as installed.
    expect(
      sh(command('SessionStart'), {
        session_id: S,
        hook_event_name: 'SessionStart',
        source: 'startup',
      }).code,
    ).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    const before = starts().length;

    const prompt = sh(command('UserPromptSubmit'), {
      session_id: S,
      hook_event_name: 'UserPromptSubmit',
      turn_id: 't1',
      prompt: 'Rename the greeter "module" — and $HOME `too`',
    });
    expect(prompt).toMatchObject({ code: 0, stdout: '' });
    const stop = sh(command('Stop'), { session_id: S, hook_event_name: 'Stop', turn_id: 't1' });
    expect(stop).toMatchObject({ code: 0, stdout: '{}' });
    const notify = notifyArgv(batonCommand, home);
    const turn = JSON.stringify({
      type: 'agent-turn-complete',
      'thread-id': S,
      'turn-id': 't1',
      cwd: project,
      'last-assistant-message': 'Renamed.',
    });
    // Codex runs the argv with the JSON appended as its last argument, and no stdin to read.
    const ran = spawnSync(notify[0]!, [...notify.slice(1), turn], {
      env,
      cwd: project,
      encoding: 'utf8',
      input: '',
    });
    expect(ran.status).toBe(0);
    // Three payloads waiting, none read by a Node process: no worker, no hook process started.
    expect(starts().length).toBe(before);
    expect(spooled()).toHaveLength(3);
    // The brief's wait sees them as this project's pending work, the turn's ends included.
    const pending = pendingPayloads(home);
    expect(pending.map((p) => [p.agent, p.event, p.cwd])).toEqual([
      ['codex', 'UserPromptSubmit', project],
      ['codex', 'Stop', project],
      ['codex', 'unknown', project], // notify names its event in `type`
    ]);
    // A brief taken now in this project waits for all three (the last one ends the turn).
    const mine = (cwd: string) => cwd.startsWith(project);
    expect(workBeforeBrief(pending, '9999999999999', mine)).toEqual(pending.map((p) => p.name));
    expect(workBeforeBrief(pending, '9999999999999', () => false)).toEqual([]);
    const first = readFileSync(join(home, 'spool', spooled()[0]!), 'utf8');
    expect(openSpooled(home, first).payload).toMatchObject({
      prompt: 'Rename the greeter "module" — and $HOME `too`',
    });

    expect(
      sh(command('SessionEnd'), { session_id: S, hook_event_name: 'SessionEnd', reason: 'other' })
        .code,
    ).toBe(0);
    // The session's end started exactly one worker, detached, through Baton's launcher.
    // (It writes its line as it starts, after the shell has returned.)
    expect(await until(() => starts().length > before)).toBe(true);
    expect(starts().slice(before)).toEqual(['hook --background']);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    expect(spoolState(home).failed).toBe(0);
    expect(sessions().find((s) => s.agentSessionId === S)).toMatchObject({
      status: 'ended',
      endReason: 'other',
    });
    const texts = events().map((e) => e.text ?? '');
    expect(texts).toContain('Rename the greeter "module" — and $HOME `too`');
    expect(texts.some((t) => t.startsWith('turn complete: Renamed.'))).toBe(true);
  });

  it('Gemini: all but SessionStart spool in the shell; only SessionEnd starts a worker', async () => {
    const hooks = geminiHookSet(batonCommand, home);
    const command = (event: string) => hooks.handlerFor(event).command as string;
    const S = 'gemini-session-1';
    for (const [event, extra] of [
      ['BeforeAgent', { prompt: 'Add a --verbose flag' }],
      ['Notification', { message: 'waiting', notification_type: 'ToolPermission' }],
      ['AfterAgent', { prompt: 'Add a --verbose flag', prompt_response: 'Added.' }],
    ] as const) {
      const r = sh(command(event), { session_id: S, hook_event_name: event, ...extra });
      expect(r).toMatchObject({ code: 0, stdout: '' });
    }
    expect(starts()).toEqual([]);
    expect(spooled()).toHaveLength(3);
    expect(
      sh(command('SessionEnd'), { session_id: S, hook_event_name: 'SessionEnd', reason: 'exit' })
        .code,
    ).toBe(0);
    expect(await until(() => starts().length > 0)).toBe(true);
    expect(starts()).toEqual(['hook --background']);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    expect(sessions().find((s) => s.agentSessionId === S)).toMatchObject({
      status: 'ended',
      endReason: 'exit',
    });
    expect(events().map((e) => e.text)).toContain('Add a --verbose flag');
  });

  it('Claude Code: SessionEnd spools in the shell and starts the worker, which ends the session', async () => {
    const hooks = claudeHookSet(batonCommand, { mcp: true, home });
    const S = 'aaaaaaaa-0000-4000-8000-0000000000d1';
    const r = sh(hooks.handlerFor('SessionEnd').command as string, {
      session_id: S,
      hook_event_name: 'SessionEnd',
      reason: 'prompt_input_exit',
    });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(await until(() => starts().length > 0)).toBe(true);
    expect(starts()).toEqual(['hook --background']);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spooled()).toEqual([]);
    expect(spoolState(home).failed).toBe(0);
  });

  describe('a session’s end starts its worker once the agent has exited', () => {
    let sleeps: string;
    let go: string;
    beforeEach(() => {
      // Each look of the waiting shell at the agent is one `sleep`: logged, to count them.
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      sleeps = join(dir, 'sleeps.log');
      writeFileSync(
        join(bin, 'sleep'),
        `#!/bin/sh\nprintf 'x\\n' >> '${sleeps}'\nexec /bin/sleep "$@"\n`,
      );
      chmodSync(join(bin, 'sleep'), 0o755);
      env.PATH = `${bin}:${process.env.PATH}`;
      env.BATON_EXIT_WAIT = '60';
      go = join(dir, 'go');
    });
    const looks = () => {
      try {
        return readFileSync(sleeps, 'utf8').split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    };
    const workerNotes = () => {
      try {
        return readdirSync(join(home, 'spool', 'workers')).filter((n) => /^\d+$/.test(n));
      } catch {
        return [];
      }
    };
    /** An agent process that runs the hook command as its child, then lives until `go` exists. */
    function agent(command: string, payload: Record<string, unknown>) {
      const input = join(dir, `payload-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(input, JSON.stringify({ cwd: project, ...payload }));
      const child = spawn(
        '/bin/sh',
        [
          '-c',
          '/bin/sh -c "$1" <"$2"; while [ ! -e "$3" ]; do /bin/sleep 0.05; done',
          'agent',
          command,
          input,
          go,
        ],
        { env, cwd: project, stdio: 'ignore' },
      );
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      return { pid: child.pid!, exited };
    }

    it.each(['claude-code', 'codex', 'gemini'])(
      '%s: no Node process while the agent runs; the worker after it exits',
      async (name) => {
        const end =
          name === 'claude-code'
            ? claudeHookSet(batonCommand, { mcp: true, home }).handlerFor('SessionEnd')
            : name === 'codex'
              ? codexHookSet(batonCommand, home).handlerFor('SessionEnd')
              : geminiHookSet(batonCommand, home).handlerFor('SessionEnd');
        const S = `${name}-exit-1`;
        const a = agent(end.command as string, {
          session_id: S,
          hook_event_name: 'SessionEnd',
          reason: 'other',
        });
        // Spooled, and the waiting job noted as a worker: a brief or `hook --wait` sees it.
        expect(await until(() => spooled().length === 1 && workerNotes().length === 1)).toBe(true);
        // It looked at the agent three times, found it running, and started nothing.
        expect(await until(() => looks() >= 3)).toBe(true);
        expect(starts()).toEqual([]);
        writeFileSync(go, '');
        await a.exited;
        expect(await until(() => starts().length > 0)).toBe(true);
        expect(starts()).toEqual(['hook --background']);
        expect(baton(['hook', '--wait']).code).toBe(0);
        expect(spooled()).toEqual([]);
        expect(spoolState(home).failed).toBe(0);
        // (Claude Code's lone SessionEnd, with no transcript, records no session: `mcp list`.)
        if (name !== 'claude-code')
          expect(sessions().find((s) => s.agentSessionId === S)).toMatchObject({
            status: 'ended',
            endReason: 'other',
          });
      },
    );

    it('an agent that lives on: the worker starts after BATON_EXIT_WAIT seconds', async () => {
      env.BATON_EXIT_WAIT = '1';
      const end = codexHookSet(batonCommand, home).handlerFor('SessionEnd').command as string;
      const a = agent(end, { session_id: 'c-lives', hook_event_name: 'SessionEnd' });
      expect(await until(() => starts().length > 0)).toBe(true);
      // Ten looks of 0.1 s, the agent still running.
      expect(looks()).toBeGreaterThanOrEqual(10);
      expect(starts()).toEqual(['hook --background']);
      expect(baton(['hook', '--wait']).code).toBe(0);
      expect(sessions().map((s) => s.agentSessionId)).toContain('c-lives');
      writeFileSync(go, '');
      await a.exited;
    });

    it('`baton hook --wait` waits for the pending job (which runs the worker) rather than draining itself', async () => {
      env.BATON_EXIT_WAIT = '2';
      const end = geminiHookSet(batonCommand, home).handlerFor('SessionEnd').command as string;
      const a = agent(end, { session_id: 'g-wait', hook_event_name: 'SessionEnd' });
      expect(await until(() => spooled().length === 1 && workerNotes().length === 1)).toBe(true);
      // The agent is still running: `--wait` returns only once the job has become the worker and
      // drained (a worker `--wait` started itself would not go through the logging wrapper).
      expect(baton(['hook', '--wait']).code).toBe(0);
      expect(starts()).toEqual(['hook --background']);
      expect(spooled()).toEqual([]);
      expect(workerNotes()).toEqual([]);
      writeFileSync(go, '');
      await a.exited;
    });

    it('a payload drained meanwhile (a next SessionStart’s worker): the job ends, no worker', async () => {
      const end = codexHookSet(batonCommand, home).handlerFor('SessionEnd').command as string;
      const a = agent(end, { session_id: 'c-drained', hook_event_name: 'SessionEnd' });
      expect(await until(() => spooled().length === 1 && workerNotes().length === 1)).toBe(true);
      // The agent starts a new session while it runs (`/clear`, `/new`): that start's worker
      // drains the end with it.
      const start = spawnSync(process.execPath, [BIN, 'hook', 'codex'], {
        env,
        cwd: project,
        encoding: 'utf8',
        input: JSON.stringify({
          session_id: 'c-next',
          cwd: project,
          hook_event_name: 'SessionStart',
          source: 'startup',
        }),
      });
      expect(start.status).toBe(0);
      expect(await until(() => workerNotes().length === 0)).toBe(true);
      expect(starts()).toEqual([]);
      expect(sessions().find((s) => s.agentSessionId === 'c-drained')?.status).toBe('ended');
      writeFileSync(go, '');
      await a.exited;
    });
  });

  it('a turn’s end that nothing drains starts its worker itself after BATON_SPOOL_DELAY', async () => {
    env.BATON_SPOOL_DELAY = '1';
    const stop = codexHookSet(batonCommand, home).handlerFor('Stop').command as string;
    expect(sh(stop, { session_id: 'c-late', hook_event_name: 'Stop', turn_id: 't1' }).stdout).toBe(
      '{}',
    );
    expect(starts()).toEqual([]);
    expect(spooled()).toHaveLength(1);
    // Waited for, not timed: the sleeping shell wakes, finds the payload and starts one worker.
    expect(await until(() => spooled().length === 0 && starts().length === 1)).toBe(true);
    expect(starts()).toEqual(['hook --background']);
    // (A claimed file is no longer `.hook`: the worker may still be replaying it.)
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(sessions().map((s) => s.agentSessionId)).toContain('c-late');
  });

  it('BATON_HOOK_BACKGROUND=0 still hands the event to the Node hook, which stores it at once', () => {
    env.BATON_HOOK_BACKGROUND = '0';
    const hooks = codexHookSet(batonCommand, home);
    const prompt = sh(hooks.handlerFor('UserPromptSubmit').command as string, {
      session_id: 'c-direct',
      hook_event_name: 'UserPromptSubmit',
      prompt: 'stored at once',
    });
    expect(prompt).toMatchObject({ code: 0, stdout: '' });
    const stop = sh(hooks.handlerFor('Stop').command as string, {
      session_id: 'c-direct',
      hook_event_name: 'Stop',
    });
    expect(stop).toMatchObject({ code: 0, stdout: '{}' });
    const notify = notifyArgv(batonCommand, home);
    const turn = JSON.stringify({
      type: 'agent-turn-complete',
      'thread-id': 'c-direct',
      cwd: project,
    });
    const ran = spawnSync(notify[0]!, [...notify.slice(1), turn], { env, cwd: project, input: '' });
    expect(ran.status).toBe(0);
    expect(starts()).toEqual(['hook codex', 'hook codex', `hook codex ${turn}`]);
    expect(spooled()).toEqual([]);
    expect(events().map((e) => e.text)).toContain('stored at once');
  });

  it('a garbled payload is counted and kept (sealed), not dropped, and the rest is stored', () => {
    const hooks = codexHookSet(batonCommand, home);
    const truncated =
      '{"session_id":"c-bad","hook_event_name":"Stop","cwd":"/x","secret":"hunter2-tok';
    expect(sh(hooks.handlerFor('Stop').command as string, truncated)).toMatchObject({
      code: 0,
      stdout: '{}',
    });
    sh(hooks.handlerFor('UserPromptSubmit').command as string, {
      session_id: 'c-good',
      hook_event_name: 'UserPromptSubmit',
      prompt: 'still stored',
    });
    expect(readFileSync(join(home, 'spool', spooled()[0]!), 'utf8')).toContain('hunter2-tok');
    // `hook --wait` drains what the turn's end left; the garbled one goes to failed/.
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(spoolState(home)).toMatchObject({ waiting: 0, failed: 1 });
    const failed = readdirSync(join(home, 'spool', 'failed'));
    const kept = readFileSync(join(home, 'spool', 'failed', failed[0]!), 'utf8');
    // Sealed before it was kept: the secret no longer rests in plain text; still unreadable.
    expect(kept).not.toContain('hunter2-tok');
    expect(JSON.parse(kept.slice(0, kept.indexOf('\n')))).toMatchObject({
      agent: 'codex',
      cipher: 'chacha20',
    });
    expect(() => openSpooled(home, kept)).toThrow(/not JSON/);
    expect(readFileSync(join(home, 'logs', 'hooks.log'), 'utf8')).toMatch(/spool .*not JSON/);
    expect(events().map((e) => e.text)).toContain('still stored');
    // Doctor reports it.
    expect(baton(['doctor']).stdout).toMatch(/1 could not be replayed/);
  });

  it('a spool that cannot be written: the command exits 0 at once with its reply and says so in the log', () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'spool'), 'not a folder');
    const stop = codexHookSet(batonCommand, home).handlerFor('Stop').command as string;
    const r = sh(stop, { session_id: 'c-lost', hook_event_name: 'Stop' });
    expect(r).toMatchObject({ code: 0, stdout: '{}', stderr: '' });
    expect(starts()).toEqual([]);
    expect(readFileSync(join(home, 'logs', 'hooks.log'), 'utf8')).toMatch(
      /^\S+Z codex Stop the shell could not write the payload to the spool; dropped/,
    );
  });

  it('a full disk: the write fails, nothing half-written is left, the command still exits 0', () => {
    const end = codexHookSet(batonCommand, home).handlerFor('SessionEnd').command as string;
    mkdirSync(join(home, 'spool'), { recursive: true });
    // A file size limit of 0 makes every write fail (EFBIG), as ENOSPC would.
    const r = spawnSync(
      '/bin/sh',
      ['-c', `trap '' XFSZ; ulimit -f 0; exec /bin/sh -c "$1"`, 'sh', end],
      {
        input: JSON.stringify({
          session_id: 'c-full',
          hook_event_name: 'SessionEnd',
          cwd: project,
        }),
        encoding: 'utf8',
        env,
        timeout: 20_000,
      },
    );
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(join(home, 'spool'))).toEqual([]);
    expect(starts()).toEqual([]);
    expect(existsSync(join(home, 'spool', 'failed'))).toBe(false);
  });
});
