// SessionStart served by the shell from a brief the background worker prepared
// (capture/hooks/prepared-brief.ts, capture/install/prepared-start.ts), against the built launcher
// and a real /bin/sh: the shell prints exactly what the Node hook prints at that moment, for each
// agent, and falls back to the Node hook on every change the brief depends on. The start it serves
// is spooled by the shell itself (no Node process starts) and stored by the next drain exactly as
// the Node hook's start is.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  utimesSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareBriefs, preparedPath, spoolHook } from '../../capture/index.js';
import { SqliteStore, storePath } from '../../store/index.js';
// eslint-disable-next-line no-restricted-imports -- the command under test, not a door's export
import { preparedStartCommand } from '../../capture/install/prepared-start.js';
// eslint-disable-next-line no-restricted-imports -- the rule the installed command is given
import { CODEX_PROCESS } from '../../capture/codex/agent-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
const hookCommand = (agent: string) => `"${process.execPath}" "${BIN}" hook ${agent}`;

let dir: string;
let project: string;
let home: string;
let env: NodeJS.ProcessEnv;
/** A hook command printing FALLBACK instead of running Baton: tells which path the shell took. */
let stub: string;

const git = (...args: string[]) =>
  spawnSync('git', args, { cwd: project, encoding: 'utf8', env }).stdout;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-prepared-'));
  project = join(dir, 'project');
  home = join(dir, 'home');
  mkdirSync(project);
  writeFileSync(join(dir, 'fallback.sh'), 'cat >/dev/null; printf FALLBACK\n');
  stub = `sh '${join(dir, 'fallback.sh')}' hook claude-code`;
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    BATON_HOME: home,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@e',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@e',
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(join(project, 'a.txt'), 'one\n');
  git('add', 'a.txt');
  git('commit', '-q', '-m', 'first');
  // A file dirty before the session: the brief says whether it was edited after the session.
  writeFileSync(join(project, 'a.txt'), 'two\n');
});
afterEach(() => {
  spawnSync(process.execPath, [BIN, 'hook', '--wait'], { env, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
});

function baton(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env,
    encoding: 'utf8',
    cwd: project,
    ...(input !== undefined && { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const payload = (sid: string, more: Record<string, unknown> = {}) =>
  JSON.stringify({
    session_id: sid,
    transcript_path: join(dir, `${sid}.jsonl`),
    cwd: project,
    hook_event_name: 'SessionStart',
    source: 'startup',
    ...more,
  });

/** Runs `command` as the agent does: through /bin/sh, in the project, the payload on stdin. */
function sh(command: string, input: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd: project,
    env: { ...env, PWD: project, ...extraEnv },
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const notes = () => {
  try {
    return readdirSync(join(home, 'spool', 'workers')).filter((n) => n.startsWith('hook-'));
  } catch {
    return [];
  }
};

/** The starts the shell spooled itself (`<ms>-0-<pid>-sh.hook`). */
const shellStarts = () => {
  try {
    return readdirSync(join(home, 'spool')).filter((n) => /^\d+-0-\d+-sh\.hook$/.test(n));
  } catch {
    return [];
  }
};

/**
 * The prepared-start script around the stub; the stub's job (done at once), or the start the
 * shell spooled, is forgotten after.
 */
function stubbed(input: string, extraEnv: NodeJS.ProcessEnv = {}): string {
  const before = new Set([...notes(), ...shellStarts()]);
  const out = sh(
    preparedStartCommand(stub, home, { agent: 'claude-code' }),
    input,
    extraEnv,
  ).stdout;
  for (const n of notes())
    if (!before.has(n)) rmSync(join(home, 'spool', 'workers', n), { force: true });
  for (const n of shellStarts()) if (!before.has(n)) rmSync(join(home, 'spool', n));
  return out;
}

/** A hook command through a wrapper that logs each start of Baton (a Node process). */
function logged(agent: string): { command: string; starts: () => string[] } {
  const wrapper = join(dir, `baton-${agent}`);
  const log = join(dir, `starts-${agent}.log`);
  writeFileSync(
    wrapper,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${process.execPath}' '${BIN}' "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return {
    command: `'${wrapper}' hook ${agent}`,
    starts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}

/** The session of `sid` as stored, without what differs between two runs (ids, times). */
function storedStart(batonHome: string, agent: string, sid: string) {
  const store = SqliteStore.open({ path: storePath(batonHome), readonly: true });
  try {
    const s = store.sessions.findByAgentId(agent, sid);
    if (!s) return null;
    // Ids, times and clock stamps differ between two runs; everything else must not.
    const { id: _i, handle: _h, startedAt: _s, lastActivityAt: _l, hlc: _c, ...rest } = s;
    return rest;
  } finally {
    store.close();
  }
}

/** A first session that ends: its end's replay prepares the next brief. */
function firstSession(agent = 'claude-code', sid = 'aaaaaaaa-0000-4000-8000-000000000001') {
  expect(baton(['hook', agent], payload(sid)).code).toBe(0);
  const prompt = agent === 'gemini' ? 'BeforeAgent' : 'UserPromptSubmit';
  expect(
    baton(
      ['hook', agent],
      JSON.stringify({ session_id: sid, cwd: project, hook_event_name: prompt, prompt: 'Tidy up' }),
    ).code,
  ).toBe(0);
  expect(
    baton(
      ['hook', agent],
      JSON.stringify({
        session_id: sid,
        cwd: project,
        hook_event_name: 'SessionEnd',
        reason: 'other',
      }),
    ).code,
  ).toBe(0);
  expect(baton(['hook', '--wait']).code).toBe(0);
  awaitWindow();
  return sid;
}

/**
 * Waits for the first second the prepared brief is served in (`b_from`). The shell reads whole
 * seconds, and when the brief at the start of the second it was prepared in would read otherwise,
 * it is served from the next second on: a SessionStart started at once after the preparation
 * (as these tests start it) fell back to the Node hook about one time in three.
 */
function awaitWindow(): void {
  const path = preparedPath(home, project);
  if (!existsSync(path)) return;
  const from = Number(/^b_from=(\d+)$/m.exec(readFileSync(path, 'utf8'))?.[1]);
  while (Number.isFinite(from) && Date.now() < from * 1000) Atomics.wait(PAUSE, 0, 0, 20);
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** The copy of Baton's home the last nodeBrief ran in (the Node hook's start is stored there). */
let lastCopy = '';

/** What the Node hook prints now, read from a copy of Baton's home (so nothing changes here). */
function nodeBrief(agent: string, input: string): string {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}`);
  lastCopy = copy;
  cpSync(home, copy, { recursive: true });
  rmSync(join(copy, 'brief'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [BIN, 'hook', agent], {
    cwd: project,
    env: { ...env, BATON_HOME: copy },
    input,
    encoding: 'utf8',
  });
  spawnSync(process.execPath, [BIN, 'hook', '--wait'], {
    env: { ...env, BATON_HOME: copy },
    encoding: 'utf8',
  });
  return r.stdout;
}

/**
 * For the two tests that need the shell to serve the start, not only to print the same brief:
 * besides the window awaitWindow() waits for, a full suite's load has made the shell fall back to
 * the Node hook once more (correct behaviour: the same brief, printed later; see docs/agents.md for
 * every reason it falls back). Such a run is tried again in a fresh home; a test whose assertions
 * fail every time still fails.
 */
const SERVED = { retry: 2 } as const;

describe('SessionStart from a prepared brief', () => {
  it('Claude Code as installed: the shell prints what the Node hook prints, and the start is still recorded', () => {
    expect(baton(['install', 'claude-code']).code).toBe(0);
    const settings = JSON.parse(readFileSync(join(dir, '.claude', 'settings.json'), 'utf8')) as {
      hooks: Record<string, { hooks: { command?: string }[] }[]>;
    };
    const command = settings.hooks.SessionStart![0]!.hooks[0]!.command!;
    expect(command).toContain('hook claude-code');
    firstSession();
    expect(existsSync(preparedPath(home, project))).toBe(true);

    const next = payload('aaaaaaaa-0000-4000-8000-000000000002');
    const expected = nodeBrief('claude-code', next);
    expect(expected).toContain('Tidy up');
    // Served by the shell, not by the hook command behind it.
    expect(stubbed(next)).toBe(expected);
    const served = sh(command, next);
    expect(served.code).toBe(0);
    expect(served.stdout).toBe(expected);
    // The shell spooled the start itself: the payload exactly as sent, behind the shell's header;
    // no detached hook job, no worker.
    expect(notes()).toEqual([]);
    expect(shellStarts()).toHaveLength(1);
    const file = join(home, 'spool', shellStarts()[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text.slice(text.indexOf('\n') + 1)).toBe(next);
    expect(JSON.parse(text.slice(0, text.indexOf('\n')))).toMatchObject({
      agent: 'claude-code',
      from: 'sh',
    });
    expect(readdirSync(join(home, 'spool', 'workers')).filter((n) => n !== '.')).toEqual([]);
    // The next drain (here `hook --wait`'s) stores it as the Node hook stored its own.
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(storedStart(home, 'claude-code', 'aaaaaaaa-0000-4000-8000-000000000002')).toEqual(
      storedStart(lastCopy, 'claude-code', 'aaaaaaaa-0000-4000-8000-000000000002'),
    );
    const sessions = JSON.parse(baton(['session', 'list', '--json']).stdout) as {
      agentSessionId: string;
      status: string;
    }[];
    expect(sessions.find((s) => s.agentSessionId.endsWith('02'))).toMatchObject({
      status: 'active',
    });
    // That write (and the active session) leaves nothing to serve: the Node hook answers.
    expect(stubbed(payload('x3'))).toBe('FALLBACK');
  });

  it.each(['codex', 'gemini'])('%s: the shell prints what the Node hook prints', (agent) => {
    firstSession(agent, `${agent}-first`);
    const next = payload(`${agent}-second`);
    const expected = nodeBrief(agent, next);
    expect(expected).toContain('Tidy up');
    const copy = lastCopy;
    expect(stubbed(next)).toBe(expected);
    // Through a wrapper that logs every start of Baton: none while serving.
    const { command, starts } = logged(agent);
    expect(sh(preparedStartCommand(command, home, { agent }), next).stdout).toBe(expected);
    expect(starts()).toEqual([]);
    expect(notes()).toEqual([]);
    expect(shellStarts()).toHaveLength(1);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(shellStarts()).toEqual([]);
    expect(storedStart(home, agent, `${agent}-second`)).toEqual(
      storedStart(copy, agent, `${agent}-second`),
    );
  });

  it(
    'the start the shell spooled sorts before a payload spooled later in the same millisecond',
    SERVED,
    () => {
      firstSession('gemini', 'gemini-first');
      const next = payload('gemini-second');
      expect(
        sh(preparedStartCommand(hookCommand('gemini'), home, { agent: 'gemini' }), next).stdout,
      ).toContain('Tidy up');
      const [start] = shellStarts();
      const ms = Number(start!.split('-')[0]);
      // The prompt's hook spools in the same millisecond, from a process whose pid sorts low.
      const prompt = spoolHook(
        home,
        'gemini',
        JSON.stringify({
          session_id: 'gemini-second',
          cwd: project,
          hook_event_name: 'BeforeAgent',
          prompt: 'Same millisecond',
        }),
        ms,
        1,
      );
      const names = readdirSync(join(home, 'spool'))
        .filter((n) => n.endsWith('.hook'))
        .sort();
      expect(names).toEqual([start, prompt.slice(prompt.lastIndexOf('/') + 1)]);
      expect(baton(['hook', '--wait']).code).toBe(0);
      const events = baton(['export', '--format', 'events'])
        .stdout.split('\n')
        .filter((l) => l.includes('"gemini-second"'))
        .map((l) => (JSON.parse(l) as { kind: string }).kind);
      expect(events).toEqual(['system', 'user_message']);
    },
  );

  /**
   * Serves `input` from a process named `codex` with `args` (as `codex exec` or the TUI's
   * `codex app-server` run hooks), which waits for any detached hook job and then writes its own
   * /proc stat line to `stat`.
   */
  function asCodex(command: string, input: string, args: string[]) {
    const stat = join(dir, `stat-${Math.random().toString(36).slice(2)}`);
    const r = spawnSync(
      '/bin/sh',
      [
        '-c',
        `/bin/sh -c "$CMD"; i=0; while [ $i -lt 200 ]; do busy=; for x in "$W"/hook-*; do ` +
          `[ -e "$x" ] && kill -0 "\${x##*-}" 2>/dev/null && busy=1; done; [ -z "$busy" ] && break; ` +
          `sleep 0.05; i=$((i+1)); done; cat /proc/$$/stat >"$STAT"`,
        ...args,
      ],
      {
        argv0: 'codex',
        cwd: project,
        env: {
          ...env,
          PWD: project,
          CMD: command,
          W: join(home, 'spool', 'workers'),
          STAT: stat,
        },
        input,
        encoding: 'utf8',
      },
    );
    const line = readFileSync(stat, 'utf8');
    return { ...r, start: line.slice(line.lastIndexOf(')') + 2).split(' ')[19] };
  }

  const agentProcessOf = (sid: string) => {
    const store = SqliteStore.open({ path: storePath(home), readonly: true });
    try {
      return (store.sessions.findByAgentId('codex', sid)?.meta as { agentProcess?: unknown })
        .agentProcess;
    } finally {
      store.close();
    }
  };

  it('Codex (`codex exec`): the shell notes the client that ran the hook, as the Node hook does, with no Node start', () => {
    firstSession('codex', 'codex-first');
    const next = payload('codex-second');
    const expected = nodeBrief('codex', next);
    const { command, starts } = logged('codex');
    const r = asCodex(
      preparedStartCommand(command, home, { agent: 'codex', agentProcess: CODEX_PROCESS }),
      next,
      ['exec'],
    );
    expect(r.stdout).toBe(expected);
    expect(starts()).toEqual([]);
    expect(notes()).toEqual([]);
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const noted = { pid: r.pid, start: r.start, boot };
    const text = readFileSync(join(home, 'spool', shellStarts()[0]!), 'utf8');
    expect(JSON.parse(text.slice(0, text.indexOf('\n')))).toMatchObject({
      agent: 'codex',
      from: 'sh',
      note: { agentProcess: noted },
    });
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(agentProcessOf('codex-second')).toEqual(noted);
  });

  it('Codex (the TUI’s app-server runs the hook): the start goes to the Node hook, detached, which looks past it', () => {
    firstSession('codex', 'codex-first');
    const next = payload('codex-second');
    const expected = nodeBrief('codex', next);
    const { command, starts } = logged('codex');
    const r = asCodex(
      preparedStartCommand(command, home, { agent: 'codex', agentProcess: CODEX_PROCESS }),
      next,
      ['app-server'],
    );
    expect(r.stdout).toBe(expected);
    expect(starts()).toEqual(['hook codex']);
    expect(shellStarts()).toEqual([]);
    expect(notes()).toHaveLength(1);
    expect(baton(['hook', '--wait']).code).toBe(0);
    // Past the app-server is this test's Node process, no Codex client: nothing recorded.
    expect(agentProcessOf('codex-second')).toBeNull();
  });

  it(
    'a start the shell spooled is in the next brief, and its agent gone mid-turn before any drain is marked crashed',
    SERVED,
    () => {
      firstSession('codex', 'codex-first');
      const second = payload('codex-second');
      const cmd = preparedStartCommand(hookCommand('codex'), home, {
        agent: 'codex',
        agentProcess: CODEX_PROCESS,
      });
      expect(asCodex(cmd, second, ['exec']).stdout).toContain('Tidy up');
      // A prompt, then the client is gone (killed) before anything drained the spool.
      expect(
        baton(
          ['hook', 'codex'],
          JSON.stringify({
            session_id: 'codex-second',
            cwd: project,
            hook_event_name: 'UserPromptSubmit',
            prompt: 'Rename the greeter',
          }),
        ).code,
      ).toBe(0);
      expect(shellStarts()).toHaveLength(1);
      // The next start falls back to the Node hook (the spool holds payloads) and waits for the
      // spooled start's replay: its brief is what it is once everything was drained first.
      const third = payload('codex-third');
      const copy = join(dir, 'drained-copy');
      cpSync(home, copy, { recursive: true });
      const inCopy = { ...env, BATON_HOME: copy };
      spawnSync(process.execPath, [BIN, 'hook', '--wait'], { env: inCopy, encoding: 'utf8' });
      const drainedFirst = spawnSync(process.execPath, [BIN, 'hook', 'codex'], {
        cwd: project,
        env: inCopy,
        input: third,
        encoding: 'utf8',
      }).stdout;
      const brief = baton(['hook', 'codex'], third).stdout;
      expect(brief).toBe(drainedFirst);
      expect(brief).toContain('Rename the greeter');
      expect(baton(['hook', '--wait']).code).toBe(0);
      const sessions = JSON.parse(baton(['session', 'list', '--json']).stdout) as {
        agentSessionId: string;
        status: string;
      }[];
      expect(sessions.find((s) => s.agentSessionId === 'codex-second')?.status).toBe('crashed');
    },
  );

  it('a preparation from an older read leaves a newer prepared brief in place', async () => {
    firstSession();
    // A session of the project is active now: a preparation from this read prepares nothing.
    expect(
      baton(['hook', 'claude-code'], payload('cccccccc-0000-4000-8000-000000000003')).code,
    ).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    const path = preparedPath(home, project);
    const prepareNow = () =>
      prepareBriefs(home, [project], {
        openSnapshot: () => SqliteStore.open({ path: storePath(home), readonly: true }),
        briefAt: () => {
          throw new Error('nothing is rendered while a session is active');
        },
        storePath: storePath(home),
        env,
      });
    // Another worker's file, prepared from a later read (its time is after this one's).
    writeFileSync(path, 'b_v=0\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    await prepareNow();
    expect(readFileSync(path, 'utf8')).toBe('b_v=0\n');
    // An older file is this preparation's to replace: with the session active, it is removed.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(path, earlier, earlier);
    await prepareNow();
    expect(existsSync(path)).toBe(false);
  });

  describe('falls back to the Node hook', () => {
    let served: string;
    const run = (input = payload('bbbbbbbb-0000-4000-8000-000000000002'), e = {}) =>
      stubbed(input, e);
    beforeEach(() => {
      firstSession();
      served = run();
      // On a loaded machine the worker's preparation may still be finishing: wait for it once more.
      for (let i = 0; i < 5 && served === 'FALLBACK'; i++) {
        expect(baton(['hook', '--wait']).code).toBe(0);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        served = run();
      }
      expect(served).toContain('Tidy up');
    });

    it('after a store write', () => {
      expect(baton(['todo', 'add', 'Write the docs']).code).toBe(0);
      expect(run()).toBe('FALLBACK');
    });

    it('after a commit, a new file, or an edit of a file that was already dirty', () => {
      writeFileSync(join(project, 'b.txt'), 'new\n');
      expect(run()).toBe('FALLBACK');
      rmSync(join(project, 'b.txt'));
      expect(run()).toBe(served);
      // Same git status, but the file is now edited after the session stopped.
      appendFileSync(join(project, 'a.txt'), 'three\n');
      expect(run()).toBe('FALLBACK');
    });

    it('after a commit', () => {
      git('commit', '-q', '-am', 'second');
      expect(run()).toBe('FALLBACK');
    });

    it('when the time is past the window the brief was checked for, or before it', () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      const fake = (seconds: number) => {
        writeFileSync(join(bin, 'date'), `#!/bin/sh\necho ${seconds}\n`);
        chmodSync(join(bin, 'date'), 0o755);
      };
      const text = readFileSync(preparedPath(home, project), 'utf8');
      const until = Number(/^b_until=(\d+)$/m.exec(text)![1]);
      const from = Number(/^b_from=(\d+)$/m.exec(text)![1]);
      const path = { PATH: `${bin}:${process.env.PATH}` };
      fake(until - 1);
      expect(run(undefined, path)).toBe(served);
      fake(until);
      expect(run(undefined, path)).toBe('FALLBACK');
      fake(from - 1);
      expect(run(undefined, path)).toBe('FALLBACK');
    });

    it('while a payload waits in the spool or a worker or detached hook runs', () => {
      writeFileSync(join(home, 'spool', '0000000000001-1-1-abc.hook'), '');
      expect(run()).toBe('FALLBACK');
      rmSync(join(home, 'spool', '0000000000001-1-1-abc.hook'));
      expect(run()).toBe(served);
      mkdirSync(join(home, 'spool', 'workers'), { recursive: true });
      const note = join(home, 'spool', 'workers', `hook-${process.pid}`);
      writeFileSync(note, project);
      expect(run()).toBe('FALLBACK');
      rmSync(note);
      // A worker's note.
      writeFileSync(join(home, 'spool', 'workers', String(process.pid)), '');
      expect(run()).toBe('FALLBACK');
      rmSync(join(home, 'spool', 'workers', String(process.pid)));
      // The note of a job that has ended (Node removes it when it looks) is no reason to wait.
      const gone = [4_194_301, 4_194_271, 4_194_203].find((pid) => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      });
      writeFileSync(join(home, 'spool', 'workers', `hook-${gone}`), project);
      expect(run()).toBe(served);
      rmSync(join(home, 'spool', 'workers', `hook-${gone}`));
    });

    it('for a resumed or compacted session, another folder, or the session the brief describes', () => {
      expect(run(payload('c2', { source: 'resume' }))).toBe('FALLBACK');
      expect(run(payload('c2', { source: 'compact' }))).toBe('FALLBACK');
      expect(run(payload('c2', { cwd: dir }))).toBe('FALLBACK');
      // Claude Code's session ids: the first session's would be left out of its own brief.
      expect(run(payload('aaaaaaaa-0000-4000-8000-000000000001', { source: 'clear' }))).toBe(
        'FALLBACK',
      );
      expect(run(payload('c2', { source: 'clear' }))).toBe(served);
      expect(run(payload('c2', { hook_event_name: 'Other' }))).toBe('FALLBACK');
    });
  });

  it('outside a repository: served, and falls back once the folder becomes one', () => {
    rmSync(join(project, '.git'), { recursive: true, force: true });
    firstSession();
    const next = payload('eeeeeeee-0000-4000-8000-000000000002');
    const expected = nodeBrief('claude-code', next);
    expect(expected).toContain('Tidy up');
    expect(stubbed(next)).toBe(expected);
    git('init', '-q', '-b', 'main');
    expect(stubbed(next)).toBe('FALLBACK');
  });

  it('prepares nothing while a session of the project is active, or with the daemon on autostart', () => {
    const sid = 'dddddddd-0000-4000-8000-000000000001';
    expect(baton(['hook', 'claude-code'], payload(sid)).code).toBe(0);
    expect(
      baton(
        ['hook', 'claude-code'],
        JSON.stringify({ session_id: sid, cwd: project, hook_event_name: 'Stop' }),
      ).code,
    ).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(existsSync(preparedPath(home, project))).toBe(false);
    // Ended: prepared, unless the daemon is to be started by the hook.
    const end = JSON.stringify({
      session_id: sid,
      cwd: project,
      hook_event_name: 'SessionEnd',
      reason: 'other',
    });
    expect(baton(['config', 'set', 'daemon.autostart', 'true']).code).toBe(0);
    expect(baton(['hook', 'claude-code'], end).code).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(existsSync(preparedPath(home, project))).toBe(false);
    expect(baton(['config', 'set', 'daemon.autostart', 'false']).code).toBe(0);
    expect(baton(['hook', 'claude-code'], end).code).toBe(0);
    expect(baton(['hook', '--wait']).code).toBe(0);
    expect(existsSync(preparedPath(home, project))).toBe(true);
  });
});
