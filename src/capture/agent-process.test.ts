// Pins how a hook finds the agent process it runs for: past shells and Codex's app-server daemon to
// the Codex client that started it, never when another client of the same Codex home runs (the
// shared daemon's parent may be that other client), never through an unexpected process (a hook
// replayed by a background worker), and nothing without /proc. A /proc laid out in a temporary
// folder in the kernel's own formats, and the real /proc for this very process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentProcessMeta, findAgentProcess } from './agent-process.js';
import { codexAgentProcess } from './codex/agent-process.js';

let proc: string;
beforeEach(() => {
  proc = mkdtempSync(join(tmpdir(), 'baton-proc-'));
  mkdirSync(join(proc, 'sys', 'kernel', 'random'), { recursive: true });
  writeFileSync(join(proc, 'sys', 'kernel', 'random', 'boot_id'), 'boot-1\n');
});
afterEach(() => rmSync(proc, { recursive: true, force: true }));

/** One process as /proc shows it: stat (the name in parentheses may hold spaces), cmdline, environ. */
function addProcess(pid: number, ppid: number, argv: string[], env: Record<string, string> = {}) {
  const dir = join(proc, String(pid));
  mkdirSync(dir);
  const name = (argv[0] ?? '').split('/').pop()!.slice(0, 15);
  // Fields 3.. : state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
  // stime cutime cstime priority nice num_threads itrealvalue starttime …
  const rest = ['S', ppid, pid, pid, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0, 1000 + pid, 0];
  writeFileSync(join(dir, 'stat'), `${pid} (${name}) ${rest.join(' ')}\n`);
  writeFileSync(join(dir, 'cmdline'), argv.map((a) => `${a}\0`).join(''));
  writeFileSync(
    join(dir, 'environ'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\0`)
      .join(''),
  );
}

const HOME = { CODEX_HOME: '/home/u/.codex' };
const TUI = ['/opt/codex/bin/codex', '--dangerously-bypass-approvals-and-sandbox'];
const DAEMON = ['/home/u/.codex/packages/bin/codex', 'app-server', '--listen', 'unix://'];

describe('codexAgentProcess', () => {
  it('looks past the app-server daemon to the TUI that started it', () => {
    addProcess(100, 1, ['/usr/bin/node', '/opt/codex/bin/codex.js'], HOME);
    addProcess(101, 100, TUI, HOME);
    addProcess(200, 101, DAEMON, HOME);
    addProcess(201, 1, [DAEMON[0]!, 'app-server', 'daemon', 'pid-update-loop'], HOME);
    expect(codexAgentProcess(200, HOME, proc)).toEqual({ pid: 101, start: '1101', boot: 'boot-1' });
  });

  it('takes the codex exec process that runs the hook itself, past a shell', () => {
    addProcess(101, 1, ['codex', 'exec', 'hi'], HOME);
    addProcess(150, 101, ['/bin/sh', '-c', 'baton hook codex'], HOME);
    expect(codexAgentProcess(150, HOME, proc)?.pid).toBe(101);
  });

  it('records nothing while another client of the same Codex home runs: the daemon is shared', () => {
    addProcess(101, 1, TUI, HOME);
    addProcess(200, 101, DAEMON, HOME);
    addProcess(300, 1, TUI, HOME); // A second TUI, whose threads run in 101's daemon.
    expect(codexAgentProcess(200, HOME, proc)).toBeNull();
  });

  it("ignores the clients of another Codex home (another user's, another sandbox's)", () => {
    addProcess(101, 1, TUI, HOME);
    addProcess(200, 101, DAEMON, HOME);
    addProcess(300, 1, TUI, { CODEX_HOME: '/elsewhere/.codex' });
    addProcess(301, 1, TUI, { HOME: '/home/v' });
    expect(codexAgentProcess(200, HOME, proc)?.pid).toBe(101);
    // HOME/.codex is the default Codex home.
    expect(codexAgentProcess(200, { HOME: '/home/v' }, proc)).toBeNull();
  });

  it('records nothing from a daemon whose TUI has gone, or through an unexpected process', () => {
    addProcess(200, 1, DAEMON, HOME); // Reparented to init: its TUI exited.
    expect(codexAgentProcess(200, HOME, proc)).toBeNull();
    addProcess(400, 1, ['/usr/bin/node', '/x/bin/baton.js', 'hook', 'codex'], HOME);
    expect(codexAgentProcess(400, HOME, proc)).toBeNull();
    expect(codexAgentProcess(999, HOME, proc)).toBeNull(); // Not there.
  });

  it('records nothing without /proc', () => {
    expect(codexAgentProcess(200, HOME, join(proc, 'none'))).toBeNull();
    expect(agentProcessMeta(null)).toEqual({ agentProcess: null });
  });
});

describe.skipIf(process.platform !== 'linux')('findAgentProcess on the real /proc', () => {
  it('finds this process with the start time and boot id the kernel shows', () => {
    const found = findAgentProcess(process.pid, { between: () => false, isAgent: () => true });
    const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    expect(found).toEqual({
      pid: process.pid,
      start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19],
      boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    });
  });
});
