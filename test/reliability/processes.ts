// Runs the built CLI as many real processes at once, the way several agents and a user do.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
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

export interface StartOptions {
  home: string;
  cwd?: string;
  /** Standard input: a string, or a stream piped in as it produces (ended when it ends). */
  input?: string | Readable;
  env?: NodeJS.ProcessEnv;
}

/** Starts `node ARGV` with HOME and BATON_HOME set to `home`, `input` on its stdin. */
export function startNode(argv: string[], options: StartOptions): Started {
  const child = spawn(process.execPath, argv, {
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
  if (typeof options.input === 'object') options.input.pipe(child.stdin);
  else child.stdin.end(options.input ?? '');
  const done = new Promise<ProcessResult>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  return { pid: child.pid!, kill: (s) => child.kill(s), done };
}

/** Starts `baton ARGS` with HOME and BATON_HOME set to `home`, `input` on its stdin. */
export function startBaton(args: string[], options: StartOptions): Started {
  return startNode([BATON_BIN, ...args], options);
}

export function runBatonAsync(args: string[], options: StartOptions): Promise<ProcessResult> {
  return startBaton(args, options).done;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
