// Runs the built CLI as a real process, the way a user or an agent's hook does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitForWorkers } from '../../src/capture/index.js';

export const BATON_BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'baton.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  home: string;
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

export function runBaton(args: string[], options: RunOptions): RunResult {
  const r = spawnSync(process.execPath, [BATON_BIN, ...args], {
    cwd: options.cwd ?? options.home,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: options.home,
      BATON_HOME: options.home,
      NO_COLOR: '1',
      ...options.env,
    },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A fresh folder to use as $HOME and $BATON_HOME; call the returned function to remove it — after
 * the background workers lifecycle hooks started there have finished writing into it.
 */
export function tempHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const cleanup = () => {
    waitForWorkers(home, 60_000);
    rmSync(home, { recursive: true, force: true, maxRetries: 5 });
  };
  return { home, cleanup };
}
