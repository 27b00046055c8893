// `baton sync mcp add|list|remove|resolve`: chosen MCP server entries of each agent's user config
// (Claude Code ~/.claude.json, Codex ~/.codex/config.toml, Gemini ~/.gemini/settings.json) carried
// to your other machines by push and pull, with their home and project folders rewritten for each
// machine. Baton's own entry is never synced: `baton install` writes each machine's.
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import { agentMcpConfigs } from '../../../capture/index.js';
import { listMcp, pathMap, removeMcp, resolveMcp, trackMcp } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';
import { choice, examples, withJson } from '../../options.js';

const KEEP = ['mine', 'theirs'] as const;

function configs(ctx: CliContext) {
  if (!ctx.world.env.HOME) {
    throw new BatonError('USAGE', 'HOME is not set: the agents keep their MCP servers there');
  }
  return agentMcpConfigs(ctx.world.env);
}

export function registerSyncMcp(group: Command, ctx: CliContext): void {
  const mcp = group
    .command('mcp')
    .description('MCP server entries of your agents, carried to your other machines');
  examples(mcp, [
    'baton sync mcp add claude-code github',
    'baton sync mcp list',
    'baton sync mcp remove codex docs',
    'baton sync mcp resolve gemini docs --keep theirs',
  ]);

  const add = mcp
    .command('add <agent> <name>')
    .description('sync this server entry of this agent (claude-code, codex, gemini) from now on');
  withJson(add);
  add.action((agent: string, name: string, opts: { json?: boolean }) => {
    const store = ctx.store();
    const c = configs(ctx);
    trackMcp(store, c, agent, name);
    store.audit('sync-mcp-add', null, { agent, name });
    if (opts.json) return ctx.out.json(listMcp(store));
    ctx.out.line(`syncing ${agent} MCP server ${name} (${c.file(agent)})`);
    ctx.out.line('`baton sync push` sends it; your other machines get it on their next pull');
  });

  const remove = mcp
    .command('remove <agent> <name>')
    .description('remove this server entry from the agent here and, after a push, everywhere');
  withJson(remove);
  remove.action((agent: string, name: string, opts: { json?: boolean }) => {
    const store = ctx.store();
    const c = configs(ctx);
    removeMcp(store, c, agent, name);
    store.audit('sync-mcp-remove', null, { agent, name });
    if (opts.json) return ctx.out.json(listMcp(store));
    ctx.out.line(`removed ${agent} MCP server ${name} from ${c.file(agent)}`);
    ctx.out.line('`baton sync push` removes it on your other machines');
  });

  const list = mcp
    .command('list')
    .description('synced server entries, and entries changed on two machines at once');
  withJson(list);
  list.action((opts: { json?: boolean }) => {
    const out = listMcp(ctx.store());
    if (opts.json) return ctx.out.json(out);
    if (out.entries.length === 0) {
      return ctx.out.line('no MCP servers synced; add one with `baton sync mcp add AGENT NAME`');
    }
    for (const e of out.entries) {
      const state = e.removed ? 'removed' : e.synced ? 'synced ' : 'pending';
      ctx.out.line(`${state}  ${e.agent}  ${e.name}`);
    }
    for (const c of out.conflicts) {
      ctx.out.line(
        `changed on two machines at once: ${c.agent} ${c.name} — \`baton sync mcp resolve ${c.agent} ${c.name} --keep mine|theirs\``,
      );
    }
  });

  const resolve = mcp
    .command('resolve <agent> <name>')
    .description('settle an entry changed on two machines at once: keep yours or theirs')
    .requiredOption('--keep <which>', 'mine | theirs', choice(KEEP));
  withJson(resolve);
  resolve.action(
    (agent: string, name: string, opts: { keep: 'mine' | 'theirs'; json?: boolean }) => {
      const store = ctx.store();
      const c = configs(ctx);
      resolveMcp(
        { store, configs: c, paths: pathMap(ctx.world.env.HOME!, store.projects.folders()) },
        agent,
        name,
        opts.keep,
      );
      store.audit('sync-mcp-resolve', null, { agent, name, keep: opts.keep });
      if (opts.json) return ctx.out.json(listMcp(store));
      ctx.out.line(
        `kept ${opts.keep === 'mine' ? 'this machine’s' : 'the other machine’s'} ${agent} ${name}; \`baton sync push\` settles it everywhere`,
      );
    },
  );
}
