// The hook's composition root: `bin/baton.js hook <agent>` loads this small bundle (dist/hook.js)
// instead of the CLI, so the hot path never loads commander or zod. It reads the real process
// once and always exits 0 (a hook never breaks the agent). An argument after the agent is the
// payload itself (Codex's `notify` passes its JSON that way).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { systemClock } from '../core/index.js';
import { runHookCommand } from './hook-command.js';
import type { World } from './world.js';

/**
 * The payload, read straight from fd 0: creating process.stdin (and stdout, stderr) loads Node's
 * net and tty machinery, a large share of a spooled tool hook's time. A non-blocking stdin
 * (EAGAIN) falls back to the stream.
 */
function stdin(): Readable {
  try {
    return Readable.from([readFileSync(0)]);
  } catch {
    return process.stdin;
  }
}

const world: World = {
  env: process.env,
  cwd: process.cwd(),
  clock: systemClock,
  get stdin() {
    return stdin();
  },
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
};

process.exitCode = await runHookCommand(process.argv[3], world, process.pid, process.argv[4]);
