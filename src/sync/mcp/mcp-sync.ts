// MCP server entries chosen with `baton sync mcp add AGENT NAME` travel per agent and per entry:
// each machine pushes a version of an entry (its portable form, see mcp-paths.ts, or null when it
// was removed) with the versions of the other machines it had taken. On pull, an entry nobody
// changed here takes the newest version into the agent's own config file (through the
// McpConfigs the caller gives: the agents' config editors live in capture, which sync does not
// import). A version written without seeing this machine's own change — the same entry changed on
// two machines — is not written: it is kept as a conflict for `baton sync mcp resolve`. Baton's
// own server entry never travels: each machine's names its own paths and is installed there.
import { createHash, createHmac } from 'node:crypto';
import { BatonError, HybridLogicalClock } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { canonicalJson } from '../record-merge.js';
import type { SealedRecord, SyncTarget } from '../sync-target.js';
import { open, seal } from '../vault-crypto.js';
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

export interface McpVersion extends JsonObject {
  agent: string;
  name: string;
  /** Portable form; null when the entry was removed. */
  entry: JsonValue;
  hash: string;
  seen: Record<string, string>;
  hlc: string;
  machine: string;
}

export interface McpState extends JsonObject {
  /** The portable form's hash last synced here ('' before the first push, 'absent' if removed). */
  hash: string;
  seen: Record<string, string>;
}

export interface McpConflict extends JsonObject {
  agent: string;
  name: string;
  /** This machine's portable entry when the conflict was found. */
  mine: JsonValue;
  theirs: JsonValue;
  theirsMachine: string;
  theirsHlc: string;
  /** The version's `seen`, joined into this machine's on resolve. */
  theirsSeen: Record<string, string>;
}

export interface McpWorld {
  store: Store;
  target: SyncTarget;
  key: Buffer;
  vault: string;
  machine: string;
  configs: McpConfigs;
  paths: PathMap;
}

const STATE = 'sync.mcp.state';
const REMOTE = 'sync.mcp.remote';
const CONFLICTS = 'sync.mcp.conflicts';
const ABSENT = 'absent';
/** The name Baton's own server is installed under in every agent. */
export const BATON_SERVER = 'baton';

type Remote = Record<string, Record<string, McpVersion>>;

const keyOf = (agent: string, name: string) => `${agent}/${name}`;
const read = <T>(store: Store, key: string, fallback: T) =>
  (store.getSetting(key) as T | undefined) ?? fallback;
const hashOf = (entry: JsonValue | undefined) =>
  entry === undefined || entry === null
    ? ABSENT
    : createHash('sha256').update(canonicalJson(entry)).digest('hex');
const newer = (a: string | undefined, b: string) => (a ?? '') >= b;

function join(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  const out = { ...a };
  for (const [m, h] of Object.entries(b)) if (!newer(out[m], h)) out[m] = h;
  return out;
}

export const mcpStates = (store: Store) => read<Record<string, McpState>>(store, STATE, {});
export const mcpConflicts = (store: Store) =>
  read<Record<string, McpConflict>>(store, CONFLICTS, {});

function mcpId(key: Buffer, agent: string, name: string): string {
  const mac = createHmac('sha256', key).update(`mcp\0${agent}\0${name}`);
  return `mcp:${mac.digest('base64url').slice(0, 32)}`;
}

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
  states[keyOf(agent, name)] ??= { hash: '', seen: {} };
  store.setSetting(STATE, states);
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
export function listMcp(store: Store): {
  entries: { agent: string; name: string; removed: boolean; synced: boolean }[];
  conflicts: McpConflict[];
} {
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

/** Sends the synced entries that changed here (added, edited or removed) since they last synced. */
export async function pushMcp(w: McpWorld): Promise<number> {
  const { store, key, vault } = w;
  const states = mcpStates(store);
  const remote = read<Remote>(store, REMOTE, {});
  const clock = new HybridLogicalClock(w.machine);
  for (const versions of Object.values(remote)) {
    for (const v of Object.values(versions)) clock.observe(v.hlc);
  }
  for (const s of Object.values(states)) for (const h of Object.values(s.seen)) clock.observe(h);
  const records: SealedRecord[] = [];
  const sent: McpVersion[] = [];
  const conflicts = mcpConflicts(store);
  for (const [k, state] of Object.entries(states)) {
    const at = k.indexOf('/');
    const agent = k.slice(0, at);
    const name = k.slice(at + 1);
    // Held as a conflict: nothing goes out until the user chose.
    if (conflicts[k]) continue;
    const entry = currentPortable(w, agent, name);
    const hash = hashOf(entry);
    if (hash === state.hash) continue;
    const version: McpVersion = {
      agent,
      name,
      entry: entry ?? null,
      hash,
      seen: state.seen,
      hlc: clock.tick(),
      machine: w.machine,
    };
    const id = mcpId(key, agent, name);
    records.push({
      id,
      machine: w.machine,
      kind: 'mcp',
      hlc: version.hlc,
      tombstone: false,
      ciphertext: seal(key, { vault, kind: 'mcp', id }, Buffer.from(JSON.stringify(version))),
    });
    sent.push(version);
  }
  if (records.length === 0) return 0;
  await w.target.push(records);
  store.transaction(() => {
    const now = mcpStates(store);
    const all = read<Remote>(store, REMOTE, {});
    for (const v of sent) {
      const k = keyOf(v.agent, v.name);
      now[k] = { hash: v.hash, seen: join(now[k]?.seen ?? {}, { [v.machine]: v.hlc }) };
      all[k] = { ...all[k], [v.machine]: v };
    }
    store.setSetting(STATE, now);
    store.setSetting(REMOTE, all);
  });
  return sent.length;
}

/** Opens pulled entry versions and notes them (in the pull's transaction); writes no file. */
export function notePulledMcp(
  store: Store,
  key: Buffer,
  vault: string,
  rows: readonly { id: string; ciphertext: Buffer }[],
): void {
  if (rows.length === 0) return;
  const all = read<Remote>(store, REMOTE, {});
  for (const r of rows) {
    const v = JSON.parse(
      open(key, { vault, kind: 'mcp', id: r.id }, r.ciphertext).toString(),
    ) as McpVersion;
    if (v.name === BATON_SERVER) continue;
    const k = keyOf(v.agent, v.name);
    const held = all[k]?.[v.machine];
    if (!held || held.hlc < v.hlc) all[k] = { ...all[k], [v.machine]: v };
  }
  store.setSetting(REMOTE, all);
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
  for (const [k, byMachine] of Object.entries(read<Remote>(store, REMOTE, {}))) {
    const first = Object.values(byMachine)[0];
    if (!first || !w.configs.agents.includes(first.agent)) continue;
    const state = states[k];
    const fresh = Object.values(byMachine)
      .filter((v) => v.machine !== w.machine && !newer(state?.seen[v.machine], v.hlc))
      .sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
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
      states[k] = {
        hash: theirs.hash,
        seen: join(join(state?.seen ?? {}, theirs.seen), { [theirs.machine]: theirs.hlc }),
      };
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
  store.transaction(() => {
    store.setSetting(STATE, states);
    store.setSetting(CONFLICTS, conflicts);
  });
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
  const state = states[k] ?? { hash: '', seen: {} };
  // Seen both; the hash left as it was, so the push sends what is here now as the settled entry.
  states[k] = {
    hash: state.hash === '' ? '' : `resolved:${c.theirsHlc}`,
    seen: join(join(state.seen, c.theirsSeen), { [c.theirsMachine]: c.theirsHlc }),
  };
  delete conflicts[k];
  w.store.transaction(() => {
    w.store.setSetting(STATE, states);
    w.store.setSetting(CONFLICTS, conflicts);
  });
}
