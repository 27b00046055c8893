// What `baton daemon start|stop|status` do from another process: start launches `baton daemon
// run` detached, its output appended to the daemon log, and waits only until it listens (or says
// another daemon already does); stop sends SIGTERM and waits for the exit, which comes after the
// daemon's last writes. The lock file names the one running daemon; the pid file adds its port.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BatonError } from '../core/index.js';
import { DAEMON_ENV, daemonArgs, daemonPaths } from './daemon-paths.js';
import { lockOwner, processAlive } from './instance-lock.js';

export interface DaemonStatus {
  running: boolean;
  pid: number | null;
  port: number | null;
  startedAt: number | null;
  /** The running daemon's Baton version (null: not running, or written by an older daemon). */
  version: string | null;
  /** Files a daemon that is gone left behind (its lock, its pid file); the next start takes them over. */
  stale: string[];
  log: string;
}

export interface Launch {
  command: string;
  args: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function daemonStatus(home: string): DaemonStatus {
  const paths = daemonPaths(home);
  const pid = lockOwner(paths.lock);
  const info = readPidFile(paths.pid);
  const listening = pid !== null && info?.pid === pid;
  const stale = [];
  if (pid === null && existsSync(paths.lock)) stale.push(paths.lock);
  if (info && !listening) stale.push(paths.pid);
  return {
    running: pid !== null,
    pid,
    port: listening ? info.port : null,
    startedAt: listening ? info.startedAt : null,
    version: listening ? (info.version ?? null) : null,
    stale,
    log: paths.log,
  };
}

/** What the daemon writes to daemon.pid once it listens. */
export interface PidFile {
  pid: number;
  port: number;
  startedAt: number;
  version?: string;
}

function readPidFile(path: string): PidFile | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PidFile;
  } catch {
    return null;
  }
}

export async function startDaemon(
  home: string,
  env: NodeJS.ProcessEnv,
  launch: Launch,
  waitMs = 10_000,
): Promise<DaemonStatus & { started: boolean }> {
  const before = daemonStatus(home);
  if (before.running && before.port !== null) return { ...before, started: false };
  const paths = daemonPaths(home);
  mkdirSync(dirname(paths.log), { recursive: true, mode: 0o700 });
  const out = openSync(paths.log, 'a', 0o600);
  const child = spawn(launch.command, daemonArgs(launch), {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...DAEMON_ENV, ...env, BATON_HOME: home },
  });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const now = daemonStatus(home);
    if (now.running && now.port !== null) return { ...now, started: now.pid === child.pid };
    if (exited && !now.running) break;
    await sleep(15);
  }
  throw new BatonError('IO', `the daemon did not start; see ${paths.log}`);
}

export async function stopDaemon(home: string, waitMs = 60_000): Promise<{ pid: number | null }> {
  const { pid } = daemonStatus(home);
  if (pid === null) return { pid: null };
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return { pid };
    await sleep(20);
  }
  throw new BatonError('IO', `the daemon (pid ${pid}) did not stop within ${waitMs / 1000}s`);
}

/** The newest `lines` lines of the daemon log. */
export function daemonLogTail(home: string, lines = 50): string[] {
  try {
    const text = readFileSync(daemonPaths(home).log, 'utf8');
    return text.split('\n').filter(Boolean).slice(-lines);
  } catch {
    return [];
  }
}
