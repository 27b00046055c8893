import type { Command } from 'commander';
import type { Project } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { examples, withProject } from '../options.js';

export function registerMcp(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('mcp')
    .description(
      "serve Baton's memory to an agent over MCP (stdio): search, briefs, todos, decisions…",
    )
    .option('--session <id>', 'attribute writes to this session (default: $BATON_SESSION)');
  withProject(cmd);
  examples(cmd, [
    'claude mcp add baton -- baton mcp',
    'codex mcp add baton -- baton mcp',
    'baton mcp --project ~/work/app      # serve another project than the current folder',
  ]);
  cmd.action(async (opts: { project?: string; session?: string }) => {
    // Loaded here, not at the top: the MCP SDK is large and no other command needs it.
    const { serveStdio } = await import('../../mcp/index.js');
    const { createGitRunner } = await import('../../recover/index.js');
    // Claude Code starts servers with CLAUDE_PROJECT_DIR set; prefer it to a cwd that may differ.
    // A --project typed at the shell is checked now; the agent's own project when first needed.
    let project: Project | undefined =
      opts.project === undefined ? undefined : ctx.project(opts.project);
    await serveStdio(
      {
        // Opened at the first request that reads or writes: an agent starts this server with
        // every session and waits for its answer to `initialize`, which needs no store.
        get store() {
          return ctx.store();
        },
        get project() {
          project ??= ctx.project(opts.project ?? ctx.world.env.CLAUDE_PROJECT_DIR);
          return project;
        },
        // Claude Code names its session to the servers it starts (CLAUDE_CODE_SESSION_ID).
        sessionRef:
          opts.session ??
          (ctx.world.env.BATON_SESSION || ctx.world.env.CLAUDE_CODE_SESSION_ID || null),
        clock: ctx.world.clock,
        git: createGitRunner({ env: ctx.world.env }),
        version: program.version(),
      },
      { stdin: ctx.world.stdin, stdout: ctx.world.stdout },
    );
  });
}
