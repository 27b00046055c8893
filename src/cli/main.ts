// The composition root: the only place that reads the real process (argv, env, clock, streams).
import { systemClock } from '../core/index.js';
import { runCli } from './index.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: systemClock,
});
process.exitCode = code;
