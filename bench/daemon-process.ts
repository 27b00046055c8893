// A real daemon for the daemon benchmark: `bin/baton.js daemon run` in a temporary home, its
// address and token, its resident memory, and a live stream of its events to wait on.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DAEMON_ENV, daemonArgs } from '../src/daemon/daemon-paths.js';

export const BIN = resolve('bin/baton.js');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchDaemon {
  child: ChildProcess;
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDaemon(env: NodeJS.ProcessEnv): Promise<BenchDaemon> {
  const home = env.BATON_HOME!;
  // As `baton daemon start` runs it: with the daemon's node flags and environment.
  const child = spawn(process.execPath, daemonArgs({ command: process.execPath, args: [BIN] }), {
    env: { ...DAEMON_ENV, ...env },
    stdio: 'ignore',
  });
  const pidFile = join(home, 'daemon.pid');
  for (let i = 0; i < 1000; i++) {
    if (existsSync(pidFile)) {
      const info = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; port: number };
      if (info.pid === child.pid) {
        const token = readFileSync(join(home, 'daemon.token'), 'utf8').trim();
        return {
          child,
          url: `http://127.0.0.1:${info.port}`,
          headers: { authorization: `Bearer ${token}` },
          stop: async () => {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          },
        };
      }
    }
    if (child.exitCode !== null) break;
    await sleep(20);
  }
  child.kill('SIGKILL');
  throw new Error('the daemon did not start');
}

/** Resident memory of a process, in MB (ps works on Linux and macOS). */
export function rssMb(pid: number): number {
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }));
  return kb / 1024;
}

/** The highest resident memory of `pid` while `work` runs, sampled every 100 ms. */
export async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  try {
    return [await work(), Math.max(peak, rssMb(pid))];
  } finally {
    clearInterval(timer);
  }
}

/** Reads the daemon's live stream and resolves `waitFor(marker)` when an event holding it arrives. */
export async function openStream(d: BenchDaemon) {
  const r = await fetch(`${d.url}/v1/events/stream`, { headers: d.headers });
  const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
  const waiting = new Map<string, (at: number) => void>();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += value;
      const cut = buffer.lastIndexOf('\n\n');
      if (cut < 0) continue;
      const chunk = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const [marker, resolve] of waiting) {
        if (chunk.includes(marker)) {
          waiting.delete(marker);
          resolve(at);
        }
      }
    }
  })();
  return {
    waitFor: (marker: string) => new Promise<number>((r) => waiting.set(marker, r)),
    close: () => reader.cancel(),
  };
}
