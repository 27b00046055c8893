// `baton hook <agent>`: what an agent runs (installed by `baton install`), listed here for help.
// bin/baton.js sends `hook` straight to the small hook bundle; this path serves `node dist/cli.js`.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { runHookCommand } from '../hook/hook-command.js';
import { examples } from '../options.js';

export function registerHook(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('hook')
    .description('run by an agent on its events: reads the payload on stdin, never fails the agent')
    .argument('[agent]', 'claude-code, codex or gemini')
    .argument('[payload]', "the payload as an argument instead of stdin (Codex's notify)")
    .option('--wait', 'wait (up to 60 s) for the background work hooks started, then exit')
    .allowExcessArguments(true);
  examples(cmd, [
    'baton install claude-code       # registers `baton hook claude-code` (codex, gemini alike)',
    'baton hook --wait               # wait for the work hooks left in the background',
    'tail ~/.local/share/baton/logs/hooks.log   # what a hook could not do, and why (default home)',
  ]);
  cmd.action(
    async (agent: string | undefined, payload: string | undefined, opts: { wait?: boolean }) => {
      // A person typing `baton hook` would otherwise wait on a payload from the terminal.
      if (agent === undefined && !opts.wait) return void cmd.outputHelp();
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
