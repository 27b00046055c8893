// The composition root: the only place that reads the real process (argv, env, clock, streams).
import { realpathSync } from 'node:fs';
import { systemClock } from '../core/index.js';
import { runCli } from './index.js';

/** The command an agent's hook config runs: absolute paths, so it works whatever the hook's PATH. */
function batonCommand(): string | undefined {
  const script = process.argv[1];
  if (!script) return undefined;
  try {
    return `"${process.execPath}" "${realpathSync(script)}"`;
  } catch {
    return undefined;
  }
}

const command = batonCommand();
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: systemClock,
  ...(command !== undefined && { batonCommand: command }),
});
process.exitCode = code;
