// Builds the `baton` command tree. Each command lives in its own file under commands/ and is
// registered here; nothing runs until `runCli` parses. A command's file is loaded only when it is
// needed: `baton resume` loads resume's, not the installers, importers, MCP server and search that
// other commands bring (on Node 20, which has no compile cache, every module loaded is compiled
// anew on each run). Help, an unknown command and the menu load them all.
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { VERSION } from './version.js';

export { VERSION };

const EPILOG = `
Data lives in $BATON_HOME (default: your platform's data folder), one SQLite file.
Every read command takes --json; most take --project (default: the current folder's project).

Exit codes: 0 ok · 1 partly done (e.g. some lines malformed) · 2 usage · 3 not found ·
4 invalid input · 5 store locked · 6 store damaged · 7 file system · 70 internal error

Start with:  baton quickstart`;

type Register = (program: Command, ctx: CliContext) => void;

/** Each top-level command's loader, in the order help lists them. */
export const COMMANDS: ReadonlyArray<readonly [names: string[], load: () => Promise<Register>]> = [
  [['quickstart'], async () => (await import('./commands/quickstart/index.js')).registerQuickstart],
  [['resume'], async () => (await import('./commands/resume.js')).registerResume],
  [['checkpoint'], async () => (await import('./commands/checkpoint/index.js')).registerCheckpoint],
  [['session'], async () => (await import('./commands/session/index.js')).registerSession],
  [['log'], async () => (await import('./commands/log.js')).registerLog],
  [['todo'], async () => (await import('./commands/todo/index.js')).registerTodo],
  [['decision'], async () => (await import('./commands/decision/index.js')).registerDecision],
  [['context'], async () => (await import('./commands/context/index.js')).registerContext],
  [['component'], async () => (await import('./commands/component/index.js')).registerComponent],
  [['project'], async () => (await import('./commands/project/index.js')).registerProject],
  [['import'], async () => (await import('./commands/import/index.js')).registerImport],
  [['export'], async () => (await import('./commands/export.js')).registerExport],
  [
    ['install', 'uninstall'],
    async () => (await import('./commands/install/index.js')).registerInstall,
  ],
  [['hook'], async () => (await import('./commands/hook.js')).registerHook],
  [['schema'], async () => (await import('./commands/schema.js')).registerSchema],
  [['mcp'], async () => (await import('./commands/mcp.js')).registerMcp],
  [['search'], async () => (await import('./commands/search.js')).registerSearch],
  [['show'], async () => (await import('./commands/show.js')).registerShow],
  [['embeddings'], async () => (await import('./commands/embeddings.js')).registerEmbeddings],
  [
    ['backup', 'restore-backup'],
    async () => (await import('./commands/backup/index.js')).registerBackup,
  ],
  [['forget'], async () => (await import('./commands/forget.js')).registerForget],
  [['config'], async () => (await import('./commands/config/index.js')).registerConfig],
  [['prune'], async () => (await import('./commands/prune.js')).registerPrune],
  [['doctor'], async () => (await import('./commands/doctor.js')).registerDoctor],
  [['view'], async () => (await import('./commands/view.js')).registerView],
  [['sync'], async () => (await import('./commands/sync/index.js')).registerSync],
  [['mirror'], async () => (await import('./commands/mirror/index.js')).registerMirror],
  [['daemon'], async () => (await import('./commands/daemon/index.js')).registerDaemon],
  [['ui'], async () => (await import('./commands/ui.js')).registerUi],
];

/** The loaders `args` needs: the named command's only, or all of them (help, -V, a typo, none). */
function needed(args: readonly string[]): typeof COMMANDS {
  const [first] = args;
  if (args.length === 1 && (first === '-V' || first === '--version')) return [];
  const one = COMMANDS.filter(([names]) => first !== undefined && names.includes(first));
  return one.length > 0 ? one : COMMANDS;
}

/** The program for `args` (the arguments after `baton`). */
export async function buildProgram(ctx: CliContext, args: readonly string[]): Promise<Command> {
  const program = new Command('baton')
    .description(
      'A memory that survives your AI coding agents: every session recorded, every next one briefed.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .addHelpText('after', EPILOG);
  const registers = await Promise.all(needed(args).map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
  return program;
}
