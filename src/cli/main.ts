// The composition root: the only place that reads the real process (argv, env, clock, streams).
import { realpathSync } from 'node:fs';
import { systemClock } from '../core/index.js';
import { runCli } from './index.js';
import { failOutput } from './stdio-text.js';

/** How an agent runs this Baton: node and the script by absolute path, whatever the agent's PATH. */
function batonLaunch(): { command: string; args: string[] } | undefined {
  const script = process.argv[1];
  if (!script) return undefined;
  try {
    return { command: process.execPath, args: [realpathSync(script)] };
  } catch {
    return undefined;
  }
}

// A reader that stops early (`baton export … | head`) closes the pipe: that ends the output, it is
// not an error, so leave quietly instead of crashing on EPIPE. Any other failure to write (a full
// disk) is one line and the file system's exit code, as `baton search` says it.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  failOutput(error);
});

const launch = batonLaunch();
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: systemClock,
  ...(launch !== undefined && {
    batonLaunch: launch,
    batonCommand: [launch.command, ...launch.args].map((w) => `"${w}"`).join(' '),
  }),
});
process.exitCode = code;
