// The full `baton mcp` (dist/mcp-full.js), loaded by the small entry (mcp-entry.ts) at the first
// message it does not answer itself: the CLI's own `mcp` command on the streams the entry gives,
// so options, the store, the project and the exit code are exactly `baton mcp`'s. It reads the
// real process for the rest of the world, as main.ts does for every other command.
import type { Readable, Writable } from 'node:stream';
import { systemClock } from '../../core/index.js';
import { runCli } from '../index.js';

export { mcpListing } from './listing.js';
export { mcpShellScript } from './mcp-sh.js';

export function serveMcp(args: string[], stdin: Readable, stdout: Writable): Promise<number> {
  return runCli(['mcp', ...args], {
    env: process.env,
    cwd: process.cwd(),
    stdin,
    stdout,
    stderr: process.stderr,
    clock: systemClock,
  });
}
