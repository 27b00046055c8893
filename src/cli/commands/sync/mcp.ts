// `baton sync mcp add|list|remove|resolve`: chosen MCP server entries of each agent's user config
// (Claude Code ~/.claude.json, Codex ~/.codex/config.toml, Gemini ~/.gemini/settings.json) carried
// to your other machines by push and pull, with their home and project folders rewritten for each
// machine. Baton's own entry is never synced: `baton install` writes each machine's.
import type { Command } from 'commander';
import {
  SYNC_MCP_KEEP,
  addSyncMcp,
  listSyncMcp,
  removeSyncMcp,
  resolveSyncMcp,
} from '../../../operations/index.js';
import type { SyncMcpKeep, SyncMcpWorld } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { choice, examples, withJson } from '../../options.js';

const world = (ctx: CliContext): SyncMcpWorld => ({ store: ctx.store(), env: ctx.world.env });

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
  add.action(async (agent: string, name: string, opts: { json?: boolean }) => {
    const r = await addSyncMcp(world(ctx), { agent, name });
    if (opts.json) return ctx.out.json(r.listing);
    ctx.out.line(`syncing ${agent} MCP server ${name} (${r.file})`);
    ctx.out.line('`baton sync push` sends it; your other machines get it on their next pull');
  });

  const remove = mcp
    .command('remove <agent> <name>')
    .description('remove this server entry from the agent here and, after a push, everywhere');
  withJson(remove);
  remove.action(async (agent: string, name: string, opts: { json?: boolean }) => {
    const r = await removeSyncMcp(world(ctx), { agent, name });
    if (opts.json) return ctx.out.json(r.listing);
    ctx.out.line(`removed ${agent} MCP server ${name} from ${r.file}`);
    ctx.out.line('`baton sync push` removes it on your other machines');
  });

  const list = mcp
    .command('list')
    .description('synced server entries, and entries changed on two machines at once');
  withJson(list);
  list.action(async (opts: { json?: boolean }) => {
    const out = await listSyncMcp({ store: ctx.store() });
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
    .requiredOption('--keep <which>', 'mine | theirs', choice(SYNC_MCP_KEEP));
  withJson(resolve);
  resolve.action(
    async (agent: string, name: string, opts: { keep: SyncMcpKeep; json?: boolean }) => {
      const listing = await resolveSyncMcp(world(ctx), { agent, name, keep: opts.keep });
      if (opts.json) return ctx.out.json(listing);
      ctx.out.line(
        `kept ${opts.keep === 'mine' ? 'this machine’s' : 'the other machine’s'} ${agent} ${name}; \`baton sync push\` settles it everywhere`,
      );
    },
  );
}
