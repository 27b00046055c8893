// MCP server entries chosen with `baton sync mcp add AGENT NAME` travel per agent and per entry,
// as sealed versioned entries (../sealed-entries/): each machine pushes a version of an entry (its
// portable form, see mcp-paths.ts, or null when it was removed) with the versions of the other
// machines it had taken. On pull, an entry nobody changed here takes the newest version into the
// agent's own config file (through the McpConfigs the caller gives: the agents' config editors live
// in capture, which sync does not import). A version written without seeing this machine's own
// change — the same entry changed on two machines — is not written: it is kept as a conflict for
// `baton sync mcp resolve`. Baton's own server entry never travels: each machine's names its own
// paths and is installed there.
import { createHash } from 'node:crypto';
import { BatonError } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { canonicalJson } from '../record-merge.js';
import { SealedEntries, joinSeen, newer, newestFirst, takeSeen } from '../sealed-entries/index.js';
import type {
  EntriesWorld,
  EntryDraft,
  EntryState,
  EntryVersion,
  SeenClock,
} from '../sealed-entries/index.js';
import { localEntry, missingProjects, portableEntry } from './mcp-paths.js';
import type { PathMap } from './mcp-paths.js';

/** Reads and writes the agents' own MCP config files (capture's installers' editors). */
export interface McpConfigs {
  agents: readonly string[];
  /** The servers in the agent's user config, by name (an absent file: none). */
  read(agent: string): Record<string, JsonValue>;
  /** Adds or replaces (`entry`) or removes (null) one server, leaving the rest of the file. */
  write(agent: string, name: string, entry: JsonValue | null): void;
}

export interface McpVersion extends EntryVersion {
  agent: string;
  name: string;
  /** Portable form; null when the entry was removed. */
  entry: JsonValue;
}

/**
 * `hash`: the portable form's hash last synced here ('' before the first push, 'absent' once
 * removed).
 */
export type McpState = EntryState;

export interface McpConflict extends JsonObject {
  agent: string;
  name: string;
  /** This machine's portable entry when the conflict was found. */
  mine: JsonValue;
  theirs: JsonValue;
  theirsMachine: string;
  theirsHlc: string;
  /** The version's `seen`, joined into this machine's on resolve. */
  theirsSeen: SeenClock;
}

export interface McpWorld extends EntriesWorld {
  configs: McpConfigs;
  paths: PathMap;
}

const ABSENT = 'absent';
/** The name Baton's own server is installed under in every agent. */
export const BATON_SERVER = 'baton';

const keyOf = (agent: string, name: string) => `${agent}/${name}`;
const hashOf = (entry: JsonValue | undefined) =>
  entry === undefined || entry === null
    ? ABSENT
    : createHash('sha256').update(canonicalJson(entry)).digest('hex');

/** MCP server entries as sealed versioned entries; `notePulled` takes a pull's versions. */
export const MCP = new SealedEntries<McpVersion, McpState, McpConflict>({
  kind: 'mcp',
  setting: 'sync.mcp',
  keyOf: (v) => keyOf(v.agent, v.name),
  idParts: (v) => [v.agent, v.name],
  blank: () => ({ hash: '', seen: {} }),
  accepts: (v) => v.name !== BATON_SERVER,
});

export const mcpStates = (store: Store) => MCP.states(store);
export const mcpConflicts = (store: Store) => MCP.conflicts(store);

export function checkEntryName(agents: readonly string[], agent: string, name: string): void {
  if (!agents.includes(agent)) {
    throw new BatonError('USAGE', `unknown agent ${agent}: one of ${agents.join(', ')}`);
  }
  if (name === BATON_SERVER) {
    throw new BatonError('USAGE', `Baton's own server entry is not synced`, {
      hint: 'each machine installs its own (`baton install`): it names that machine’s paths',
    });
  }
}

/** `baton sync mcp add`: the entry travels from the next push on. */
export function trackMcp(store: Store, configs: McpConfigs, agent: string, name: string): void {
  checkEntryName(configs.agents, agent, name);
  if (!(name in configs.read(agent))) {
    throw new BatonError('NOT_FOUND', `${agent} has no MCP server named ${name} here`, {
      hint: 'add it to the agent first (its own `mcp add`), then sync it',
    });
  }
  const states = mcpStates(store);
  states[keyOf(agent, name)] ??= MCP.blank();
  MCP.save(store, states);
}

/** `baton sync mcp remove`: takes the entry out of the agent here; the push takes it everywhere. */
export function removeMcp(store: Store, configs: McpConfigs, agent: string, name: string): void {
  checkEntryName(configs.agents, agent, name);
  const states = mcpStates(store);
  if (!states[keyOf(agent, name)]) {
    throw new BatonError('NOT_FOUND', `${agent} ${name} is not synced`, {
      hint: 'see `baton sync mcp list`',
    });
  }
  configs.write(agent, name, null);
}

/** The synced entries, present or removed, with the open conflicts. */
export interface McpListing {
  entries: { agent: string; name: string; removed: boolean; synced: boolean }[];
  conflicts: McpConflict[];
}

export function listMcp(store: Store): McpListing {
  const entries = Object.entries(mcpStates(store)).map(([k, s]) => {
    const at = k.indexOf('/');
    return {
      agent: k.slice(0, at),
      name: k.slice(at + 1),
      removed: s.hash === ABSENT,
      synced: s.hash !== '',
    };
  });
  return { entries, conflicts: Object.values(mcpConflicts(store)) };
}

function currentPortable(w: McpWorld, agent: string, name: string): JsonValue | undefined {
  const here = w.configs.read(agent)[name];
  return here === undefined ? undefined : portableEntry(here, w.paths);
}

/** Each synced entry as it is here now (removed: null). */
function* drafts(w: McpWorld): Generator<EntryDraft<McpVersion>> {
  for (const k of Object.keys(mcpStates(w.store))) {
    const at = k.indexOf('/');
    const agent = k.slice(0, at);
    const name = k.slice(at + 1);
    const entry = currentPortable(w, agent, name);
    yield { key: k, hash: hashOf(entry), fields: { agent, name, entry: entry ?? null } };
  }
}

/** Sends the synced entries that changed here (added, edited or removed) since they last synced. */
export function pushMcp(w: McpWorld): Promise<number> {
  return MCP.push(w, drafts(w));
}

export interface McpReport {
  written: number;
  removed: number;
  conflicts: number;
  /** Entries naming a project this machine does not have (yet): `agent/name: project`. */
  waiting: string[];
}

/**
 * After a pull: each entry takes the newest version of another machine that this one has not
 * taken yet — unless it was changed here since it last synced (the next push sends that), or that
 * version's writer had not seen this machine's own latest change (then it is a conflict).
 */
export function reconcileMcp(w: McpWorld): McpReport {
  const { store } = w;
  const report: McpReport = { written: 0, removed: 0, conflicts: 0, waiting: [] };
  const states = mcpStates(store);
  const conflicts = mcpConflicts(store);
  for (const [k, byMachine] of Object.entries(MCP.remote(store))) {
    const first = Object.values(byMachine)[0];
    if (!first || !w.configs.agents.includes(first.agent)) continue;
    const state = states[k];
    const fresh = newestFirst(
      Object.values(byMachine).filter(
        (v) => v.machine !== w.machine && !newer(state?.seen[v.machine], v.hlc),
      ),
    );
    const theirs = fresh[0];
    if (!theirs) continue;
    const held = conflicts[k];
    if (held) {
      // Settled elsewhere: a newer version written after seeing both sides ends the conflict.
      const own = state?.seen[w.machine];
      const settles =
        theirs.hlc > held.theirsHlc &&
        (own === undefined || newer(theirs.seen[w.machine], own)) &&
        (theirs.machine === held.theirsMachine ||
          newer(theirs.seen[held.theirsMachine], held.theirsHlc));
      if (!settles) continue;
      delete conflicts[k];
    }
    const mine = currentPortable(w, theirs.agent, theirs.name);
    const mineHash = hashOf(mine);
    const taken = () => {
      states[k] = { hash: theirs.hash, seen: takeSeen(state?.seen ?? {}, theirs) };
    };
    if (mineHash === theirs.hash) {
      taken();
      continue;
    }
    // Changed here and not pushed yet: the push goes first.
    if (state && state.hash !== '' && mineHash !== state.hash) continue;
    // What this machine last sent or took, the other writer must have seen; otherwise both
    // changed it. An entry here that never synced is this machine's own, not to be overwritten.
    const ownLast = state?.seen[w.machine];
    const sawMine = ownLast === undefined || newer(theirs.seen[w.machine], ownLast);
    const ownUnsynced = !state && mine !== undefined;
    if (!sawMine || ownUnsynced) {
      conflicts[k] = {
        agent: theirs.agent,
        name: theirs.name,
        mine: mine ?? null,
        theirs: theirs.entry,
        theirsMachine: theirs.machine,
        theirsHlc: theirs.hlc,
        theirsSeen: theirs.seen,
      };
      report.conflicts += 1;
      continue;
    }
    if (theirs.entry !== null) {
      const missing = missingProjects(theirs.entry, w.paths);
      if (missing.length > 0) {
        report.waiting.push(`${k}: ${missing.join(', ')}`);
        continue;
      }
      w.configs.write(theirs.agent, theirs.name, localEntry(theirs.entry, w.paths));
      report.written += 1;
    } else if (mine !== undefined) {
      w.configs.write(theirs.agent, theirs.name, null);
      report.removed += 1;
    }
    taken();
  }
  MCP.save(store, states, conflicts);
  return report;
}

/**
 * `baton sync mcp resolve AGENT NAME --keep mine|theirs`: `theirs` writes the other machine's
 * entry here; either way the next push sends a version that has seen both, which settles it on
 * every machine.
 */
export function resolveMcp(
  w: Pick<McpWorld, 'store' | 'configs' | 'paths'>,
  agent: string,
  name: string,
  keep: 'mine' | 'theirs',
): void {
  const k = keyOf(agent, name);
  const conflicts = mcpConflicts(w.store);
  const c = conflicts[k];
  if (!c) {
    throw new BatonError('NOT_FOUND', `no conflict on ${agent} ${name}`, {
      hint: 'see `baton sync mcp list`',
    });
  }
  if (keep === 'theirs') {
    if (c.theirs !== null) {
      const missing = missingProjects(c.theirs, w.paths);
      if (missing.length > 0) {
        throw new BatonError(
          'NOT_FOUND',
          `their entry names projects not here: ${missing.join(', ')}`,
        );
      }
    }
    w.configs.write(agent, name, c.theirs === null ? null : localEntry(c.theirs, w.paths));
  }
  const states = mcpStates(w.store);
  const state = states[k] ?? MCP.blank();
  // Seen both; the hash left as it was, so the push sends what is here now as the settled entry.
  states[k] = {
    hash: state.hash === '' ? '' : `resolved:${c.theirsHlc}`,
    seen: joinSeen(joinSeen(state.seen, c.theirsSeen), { [c.theirsMachine]: c.theirsHlc }),
  };
  delete conflicts[k];
  MCP.save(w.store, states, conflicts);
}
