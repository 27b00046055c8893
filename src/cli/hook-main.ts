// The hook's composition root: `bin/baton.js hook <agent>` loads this small bundle (dist/hook.js)
// instead of the CLI, so the hot path never loads commander or zod. It reads the real process
// once and always exits 0 (a hook never breaks the agent). An argument after the agent is the
// payload itself (Codex's `notify` passes its JSON that way).
import { systemClock } from '../core/index.js';
import { runHookCommand } from './hook-command.js';

process.exitCode = await runHookCommand(
  process.argv[3],
  {
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: systemClock,
  },
  process.pid,
  process.argv[4],
);
