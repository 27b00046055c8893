// Runs the built CLI as many real processes at once, the way several agents and a user do.
import { spawn } from 'node:child_process';
import { BATON_BIN } from '../e2e/run-baton.js';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  pid: number;
  kill(signal: NodeJS.Signals): void;
  done: Promise<ProcessResult>;
}

/** Starts `baton ARGS` with HOME and BATON_HOME set to `home`, `input` on its stdin. */
export function startBaton(
  args: string[],
  options: { home: string; cwd?: string; input?: string; env?: NodeJS.ProcessEnv },
): Started {
  const child = spawn(process.execPath, [BATON_BIN, ...args], {
    cwd: options.cwd ?? options.home,
    env: {
      PATH: process.env.PATH,
      HOME: options.home,
      BATON_HOME: options.home,
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.on('error', () => undefined); // A process killed before reading its input.
  child.stdin.end(options.input ?? '');
  const done = new Promise<ProcessResult>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  return { pid: child.pid!, kill: (s) => child.kill(s), done };
}

export function runBatonAsync(
  args: string[],
  options: { home: string; cwd?: string; input?: string; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return startBaton(args, options).done;
}
