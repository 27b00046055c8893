// cli: the `baton` command. runCli is the one top-level catch of the CLI: a usage error is
// commander's, anything else is reported by report.ts (a BatonError as one line on stderr and its
// documented exit code; anything else as an internal error).
import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { isInteractive } from './confirm.js';
import { CliContext } from './context.js';
import { buildProgram } from './program.js';
import { endCommand, reportError } from './report.js';
import type { World } from './world.js';

export async function runCli(args: string[], world: World): Promise<number> {
  const ctx = new CliContext(world);
  const program = await buildProgram(ctx, args);
  // Every command at every depth (`todo add`, `session list`): commander's own default for a
  // usage error is process.exit(1), where Baton's documented code is 2.
  const output = {
    writeOut: (s: string) => void world.stdout.write(s),
    writeErr: (s: string) => void world.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(s.replace(/^error: /, 'baton: ')),
  };
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput(output);
    cmd.commands.forEach(override);
  };
  override(program);
  try {
    if (args.length === 0) {
      // On a terminal, the recovery menu; anywhere else, help rather than waiting for input.
      if (isInteractive(ctx) && world.env.TERM !== 'dumb')
        return await (await import('./menu/index.js')).runMenu(ctx);
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    return report(ctx, error, world);
  } finally {
    await endCommand(ctx);
  }
}

function report(ctx: CliContext, error: unknown, world: World): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2;
  }
  return reportError(ctx, error, world);
}
