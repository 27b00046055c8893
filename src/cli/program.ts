// Builds the `baton` command tree. Each command lives in its own file under commands/ and is
// registered here; nothing runs until `runCli` parses.
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { registerComponent } from './commands/component.js';
import { registerCheckpoint } from './commands/checkpoint/index.js';
import { registerContext } from './commands/context.js';
import { registerDecision } from './commands/decision.js';
import { registerExport } from './commands/export.js';
import { registerHook } from './commands/hook.js';
import { registerImport } from './commands/import.js';
import { registerInstall } from './commands/install.js';
import { registerLog } from './commands/log.js';
import { registerMcp } from './commands/mcp.js';
import { registerProject } from './commands/project.js';
import { registerQuickstart } from './commands/quickstart.js';
import { registerResume } from './commands/resume.js';
import { registerSchema } from './commands/schema.js';
import { registerSearch } from './commands/search.js';
import { registerBackup } from './commands/backup.js';
import { registerConfig } from './commands/config.js';
import { registerDoctor } from './commands/doctor.js';
import { registerView } from './commands/view.js';
import { registerForget } from './commands/forget.js';
import { registerPrune } from './commands/prune.js';
import { registerSession } from './commands/session.js';
import { registerTodo } from './commands/todo.js';

export const VERSION = '0.1.0';

const EPILOG = `
Data lives in $BATON_HOME (default: your platform's data folder), one SQLite file.
Every read command takes --json; most take --project (default: the current folder's project).

Exit codes: 0 ok · 1 partly done (e.g. some lines malformed) · 2 usage · 3 not found ·
4 invalid input · 5 store locked · 6 store damaged · 7 file system · 70 internal error

Start with:  baton quickstart`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('baton')
    .description(
      'A memory that survives your AI coding agents: every session recorded, every next one briefed.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .addHelpText('after', EPILOG);
  for (const register of [
    registerQuickstart,
    registerResume,
    registerCheckpoint,
    registerSession,
    registerLog,
    registerTodo,
    registerDecision,
    registerContext,
    registerComponent,
    registerProject,
    registerImport,
    registerExport,
    registerInstall,
    registerHook,
    registerSchema,
    registerMcp,
    registerSearch,
    registerBackup,
    registerForget,
    registerConfig,
    registerPrune,
    registerDoctor,
    registerView,
  ]) {
    register(program, ctx);
  }
  return program;
}
