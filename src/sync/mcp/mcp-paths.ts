// An MCP server entry names paths of the machine it was written on: the command, its arguments,
// its environment. Before it leaves, every path inside a project's root (by the project's key: the
// same repository is one project on every machine) or the home folder becomes a placeholder; on
// another machine the placeholders become that machine's own folders. An entry naming a project
// this machine does not have is not written there (it waits), never copied with foreign paths.
import type { JsonValue } from '../../core/index.js';

export interface PathMap {
  home: string;
  /** Project key → this machine's root (where placeholders are written back). */
  projects: ReadonlyMap<string, string>;
  /** Every folder each project is known by here (all become its placeholder); default: roots. */
  folders?: readonly { key: string; root: string }[];
}

/** The path map of a store's projects: each one's first folder is where entries point. */
export function pathMap(home: string, folders: readonly { key: string; root: string }[]): PathMap {
  const projects = new Map<string, string>();
  for (const f of folders) if (!projects.has(f.key)) projects.set(f.key, f.root);
  return { home, projects, folders };
}

const HOME_MARK = '${baton:home}';
const PROJECT_MARK = /\$\{baton:project:([^}]+)\}/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A folder inside `text`, matched whole: followed by a separator, a quote-free end or `:`. */
function folderPattern(folder: string): RegExp {
  return new RegExp(`${escape(folder.replace(/\/+$/, ''))}(?=$|[/:;,"' ])`, 'g');
}

function mapStrings(value: JsonValue, fn: (s: string) => string): JsonValue {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out;
  }
  return value;
}

/** The entry with this machine's folders replaced by placeholders (project roots first). */
export function portableEntry(entry: JsonValue, map: PathMap): JsonValue {
  // The deepest folder first: a project inside the home folder is named by its project.
  const folders = [
    ...(map.folders ?? [...map.projects].map(([key, root]) => ({ key, root }))).map((f) => ({
      root: f.root,
      mark: `\${baton:project:${f.key}}`,
    })),
    { root: map.home, mark: HOME_MARK },
  ]
    .filter((f) => f.root.length > 1)
    .sort((a, b) => b.root.length - a.root.length)
    .map((f) => ({ re: folderPattern(f.root), mark: f.mark }));
  return mapStrings(entry, (s) => folders.reduce((t, f) => t.replace(f.re, f.mark), s));
}

/** The projects an entry names that this machine does not have; empty when it can be written. */
export function missingProjects(entry: JsonValue, map: PathMap): string[] {
  const missing = new Set<string>();
  mapStrings(entry, (s) => {
    for (const m of s.matchAll(PROJECT_MARK)) if (!map.projects.has(m[1]!)) missing.add(m[1]!);
    return s;
  });
  return [...missing];
}

/** The entry with the placeholders turned into this machine's folders. */
export function localEntry(entry: JsonValue, map: PathMap): JsonValue {
  return mapStrings(entry, (s) =>
    s
      .replace(PROJECT_MARK, (whole, key: string) => map.projects.get(key) ?? whole)
      .split(HOME_MARK)
      .join(map.home.replace(/\/+$/, '')),
  );
}
