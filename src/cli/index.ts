// cli: the `baton` command. runCli is the one top-level catch of the CLI: a BatonError
// becomes one line on stderr and its documented exit code; anything else is an internal error.
import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { BatonError, classifyError } from '../core/index.js';
import { isInteractive } from './confirm.js';
import { CliContext } from './context.js';
import { withRestoreHint } from '../store/index.js';
import { buildProgram } from './program.js';
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
    await ctx.refreshMirrors();
    ctx.close();
  }
}

/** A damaged store's message names the backup that brings it back. */
function withBackupHint(e: BatonError, ctx: CliContext): BatonError {
  const sqliteCode = (e.cause as { code?: string } | undefined)?.code;
  const damaged = sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB';
  return e.code === 'STORE_CORRUPT' && damaged ? withRestoreHint(e, ctx.home) : e;
}

function report(ctx: CliContext, error: unknown, world: World): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2;
  }
  const e = withBackupHint(error instanceof BatonError ? error : classifyError(error), ctx);
  if (e.code === 'INTERNAL') {
    ctx.out.error(`baton: internal error: ${e.message}`);
    ctx.out.error(
      'baton: this is a bug in Baton; rerun with BATON_DEBUG=1 for details and report it',
    );
  } else {
    ctx.out.error(`baton: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  }
  if (world.env.BATON_DEBUG)
    ctx.out.error(String((e.cause as Error | undefined)?.stack ?? e.stack));
  return e.exitCode;
}
