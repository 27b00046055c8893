// `baton sync mcp add|remove|list|resolve`: the MCP server entries of the agents' user configs
// chosen to travel to the user's other machines, and the choice on an entry changed on two
// machines at once. Each change is audited. The agents' config editors (capture) and the sync
// part are loaded on the first call, so faces that load the operations never pay for them.
import { BatonError } from '../core/index.js';
import type { McpListing } from '../sync/index.js';
import type { OpsWorld } from './world.js';

export type SyncMcpWorld = Pick<OpsWorld, 'store'> & {
  env: Record<string, string | undefined>;
};

export interface SyncMcpEntry {
  agent: string;
  name: string;
}

export interface SyncMcpChange {
  /** The agent's config file the entry is kept in. */
  file: string;
  listing: McpListing;
}

export const SYNC_MCP_KEEP = ['mine', 'theirs'] as const;
export type SyncMcpKeep = (typeof SYNC_MCP_KEEP)[number];

const sync = () => import('../sync/index.js');

async function agentConfigs(env: SyncMcpWorld['env']) {
  if (!env.HOME) {
    throw new BatonError('USAGE', 'HOME is not set: the agents keep their MCP servers there');
  }
  const { agentMcpConfigs } = await import('../capture/index.js');
  return agentMcpConfigs(env);
}

async function changeEntry(
  world: SyncMcpWorld,
  e: SyncMcpEntry,
  action: 'add' | 'remove',
): Promise<SyncMcpChange> {
  const { store } = world;
  const configs = await agentConfigs(world.env);
  const { listMcp, removeMcp, trackMcp } = await sync();
  (action === 'add' ? trackMcp : removeMcp)(store, configs, e.agent, e.name);
  store.audit(`sync-mcp-${action}`, null, { agent: e.agent, name: e.name });
  return { file: configs.file(e.agent), listing: listMcp(store) };
}

/** Syncs this entry of this agent from the next push on. */
export const addSyncMcp = (world: SyncMcpWorld, e: SyncMcpEntry) => changeEntry(world, e, 'add');

/** Takes the entry out of the agent here; the next push takes it out everywhere. */
export const removeSyncMcp = (world: SyncMcpWorld, e: SyncMcpEntry) =>
  changeEntry(world, e, 'remove');

/** The synced entries, present or removed, and the entries changed on two machines at once. */
export async function listSyncMcp(world: Pick<OpsWorld, 'store'>): Promise<McpListing> {
  const { listMcp } = await sync();
  return listMcp(world.store);
}

/** Settles an entry changed on two machines at once: `theirs` writes the other machine's here. */
export async function resolveSyncMcp(
  world: SyncMcpWorld,
  e: SyncMcpEntry & { keep: SyncMcpKeep },
): Promise<McpListing> {
  if (!SYNC_MCP_KEEP.includes(e.keep)) {
    throw new BatonError('USAGE', `keep mine or theirs, not ${String(e.keep)}`);
  }
  const { store } = world;
  const configs = await agentConfigs(world.env);
  const { listMcp, pathMap, resolveMcp } = await sync();
  const paths = pathMap(world.env.HOME!, store.projects.folders());
  resolveMcp({ store, configs, paths }, e.agent, e.name, e.keep);
  store.audit('sync-mcp-resolve', null, { agent: e.agent, name: e.name, keep: e.keep });
  return listMcp(store);
}
