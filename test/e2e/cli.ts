// Drives the built CLI as a real process (`node bin/baton.js …`) in a given folder and home.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'baton.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function baton(
  args: string[],
  opts: { cwd: string; home: string; env?: NodeJS.ProcessEnv },
): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', BATON_HOME: opts.home, BATON_SESSION: '', ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs and insists on success, returning stdout. */
export function ok(
  args: string[],
  opts: { cwd: string; home: string; env?: NodeJS.ProcessEnv },
): string {
  const r = baton(args, opts);
  if (r.code !== 0) throw new Error(`baton ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
