// sealed-entries: the one mechanism chosen files (files/) and MCP server entries (mcp/) travel by
// — sealed versions with a seen-clock per machine, their state, remote and conflicts settings.
export {
  SealedEntries,
  joinSeen,
  newer,
  newestFirst,
  sealedId,
  takeSeen,
} from './sealed-entries.js';
export type {
  EntriesWorld,
  EntryDraft,
  EntryKind,
  EntryState,
  EntryVersion,
  RemoteVersions,
  SeenClock,
} from './sealed-entries.js';
