// The world a command runs in, passed in rather than read from the process: only main.ts builds
// the real one.
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../core/index.js';

export interface World {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  clock: Clock;
  /** How an agent's hook should run this Baton (quoted node and script paths); see main.ts. */
  batonCommand?: string;
  /** The same as a program and its arguments, for configs that take them apart (MCP servers). */
  batonLaunch?: { command: string; args: string[] };
}
