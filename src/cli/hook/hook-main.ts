// The full hook's composition root (dist/hook-full.cjs): the hot entry (hook-entry.ts) loads it for
// anything it does not spool itself, passing the payload it already read. It reads the real
// process once and always exits 0 (a hook never breaks the agent). An argument after the agent is
// the payload itself (Codex's `notify` passes its JSON that way).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { systemClock } from '../../core/index.js';
import { outputError, stdioText } from '../stdio-text.js';
import { runHookCommand } from './hook-command.js';
import type { World } from '../world.js';

/**
 * The payload, read straight from fd 0: creating process.stdin (and stdout, stderr) loads Node's
 * net and tty machinery. A non-blocking stdin (EAGAIN) falls back to the stream.
 */
function stdin(): Readable {
  try {
    return Readable.from([readFileSync(0)]);
  } catch {
    return process.stdin;
  }
}

/**
 * Runs `baton hook <agent>`; `payloadText` is the payload when the caller has read it already,
 * `spooled` its spooled name when the hot entry spooled it and only the brief is left to print.
 */
export async function runHookMain(
  payloadText: string | undefined,
  spooled?: string,
): Promise<void> {
  let stdout: World['stdout'] | undefined;
  let stderr: World['stderr'] | undefined;
  const world: World = {
    env: process.env,
    cwd: process.cwd(),
    clock: systemClock,
    get stdin() {
      return stdin();
    },
    // A hook writes its reply (a brief, a decision) and a failure's one line, nothing else: by
    // descriptor, without Node's stdio streams (stdio-text.ts), made lazily as before. A hook
    // never fails the agent: an output it cannot write is only said on stderr.
    get stdout() {
      return (stdout ??= stdioText(1, { failed: hookOutputFailed }));
    },
    get stderr() {
      return (stderr ??= stdioText(2, { failed: () => {} }));
    },
  };
  process.exitCode = await runHookCommand(
    process.argv[3],
    world,
    process.pid,
    payloadText ?? process.argv[4],
    process.argv[1],
    spooled,
  );
}

function hookOutputFailed(error: unknown): void {
  try {
    process.stderr.write(`baton hook: ${outputError(error).message}\n`);
  } catch {
    // Nowhere left to say it.
  }
}
