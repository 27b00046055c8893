// `baton search` run by its small entry (dist/search-main.cjs, loaded by search-entry.ts): the
// command's own code (commands/search-run.ts), the CliContext every command runs in and the
// full CLI's error report and end of command (report.ts), without commander, zod or the
// operations door. Besides main.ts, the one place that builds the world from the real process.
// First: it offers the store's driver the bundled better-sqlite3 before the driver loads.
import './bundled-sqlite.js';
import { systemClock } from '../../core/index.js';
import { runSearch } from '../commands/search-run.js';
import { CliContext } from '../context.js';
import { endCommand, reportError } from '../report.js';
import { stdioText } from '../stdio-text.js';
import type { World } from '../world.js';
import type * as Operations from '../../operations/index.js';
import type { SearchFlags } from './search-args.js';

/**
 * Runs the search as the full CLI would; the exit code. `operations` loads the operations door
 * (an ES module), for the mirrors' refresh after the command: this file may be compiled by
 * node:vm (the code cache), where import() does not work, so the entry imports it.
 */
export async function runSearchProcess(
  words: string[],
  flags: SearchFlags,
  operations: () => Promise<typeof Operations>,
): Promise<number> {
  // As main.ts: a reader that stops early (`baton search … | head`) ends the output quietly.
  const quiet = () => process.exit(process.exitCode ?? 0);
  const world: World = {
    env: process.env,
    cwd: process.cwd(),
    // A search reads no input: process.stdin (Node's net or tty machinery) is made only if asked.
    get stdin() {
      return process.stdin;
    },
    // Written by descriptor, without Node's stdio streams (stdio-text.ts): a search only writes
    // text (commands/search-run.ts, output.ts), and making a stream costs a cold search ms.
    stdout: stdioText(1, { gone: quiet }),
    stderr: stdioText(2, { gone: quiet }),
    clock: systemClock,
  };
  const ctx = new CliContext(world, operations);
  try {
    await runSearch(ctx, words, flags);
    return 0;
  } catch (error) {
    return reportError(ctx, error, world);
  } finally {
    await endCommand(ctx);
  }
}
