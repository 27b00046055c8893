// Which process a Codex session belongs to. `codex exec` runs hooks itself; the TUI (0.171) runs
// its threads, and so their hooks, in a managed `codex app-server` daemon that it starts and that
// outlives it — so the hook looks past the app-server to the TUI that started it. The daemon is
// shared by the clients of one Codex home: a second TUI's threads run in the first one's daemon, so
// while another Codex client of the same home runs, the owner cannot be told and nothing is
// recorded (the session then ends as before: by its SessionEnd when the daemon stops, or by the
// silence rule).
import { join } from 'node:path';
import { findAgentProcess, programName } from '../agent-process.js';
import type { AgentProcess } from '../agent-process.js';

/** The client's program, and the argument of its app-server (a process to look past). */
export const CODEX_PROCESS = { program: 'codex', pastArgument: 'app-server' } as const;

const isCodex = (argv: string[]) => programName(argv) === CODEX_PROCESS.program;
const isAppServer = (argv: string[]) => isCodex(argv) && argv.includes(CODEX_PROCESS.pastArgument);
const isClient = (argv: string[]) => isCodex(argv) && !isAppServer(argv);

const codexHome = (env: Record<string, string | undefined>) =>
  env.CODEX_HOME ?? (env.HOME ? join(env.HOME, '.codex') : undefined);

/** The Codex client above this hook process, or null (see findAgentProcess). */
export function codexAgentProcess(
  parent: number,
  env: Record<string, string | undefined>,
  proc?: string,
): AgentProcess | null {
  const home = codexHome(env);
  return findAgentProcess(parent, {
    between: isAppServer,
    isAgent: isClient,
    soleClientPast: (argv, envOf) => isClient(argv) && codexHome(envOf()) === home,
    ...(proc !== undefined && { proc }),
  });
}
