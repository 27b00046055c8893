// `baton hook <agent>`: what an agent runs (installed by `baton install`), listed here for help.
// bin/baton.js sends `hook` straight to the small hook bundle; this path serves `node dist/cli.js`.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { runHookCommand } from '../hook/hook-command.js';

export function registerHook(program: Command, ctx: CliContext): void {
  program
    .command('hook')
    .description('run by an agent on its events: reads the payload on stdin, never fails the agent')
    .argument('[agent]', 'claude-code, codex or gemini')
    .argument('[payload]', "the payload as an argument instead of stdin (Codex's notify)")
    .option('--wait', 'wait (up to 60 s) for the background work hooks started, then exit')
    .allowExcessArguments(true)
    .action(
      async (agent: string | undefined, payload: string | undefined, opts: { wait?: boolean }) => {
        process.exitCode = await runHookCommand(
          opts.wait ? '--wait' : agent,
          ctx.world,
          process.pid,
          payload,
          process.argv[1],
        );
      },
    );
}
