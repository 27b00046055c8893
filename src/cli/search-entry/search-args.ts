// `baton search`'s arguments, read without commander for the small entry (search-entry.ts). It
// reads only what it is sure commander reads the same way — words, and search's own long options
// as `--name value` or `--name=value` — and gives up (null) on anything else: an argument
// starting with `-` that is not one of them (`--help`, `-flaky`, `--`), a value that is missing
// or does not parse, no words. The full CLI then runs the command and says what commander says.
// commands/search.ts registers the same options with commander from the names and limits here
// (search-args.test.ts checks the two agree).

export interface SearchFlags {
  project?: string;
  allProjects?: boolean;
  agent?: string;
  session?: string;
  kind?: string[];
  since?: string;
  until?: string;
  limit: number;
  offset: number;
  total?: boolean;
  json?: boolean;
}

/** --limit and --offset: their ranges and defaults. */
export const LIMIT = { min: 1, max: 500, default: 20 } as const;
export const OFFSET = { min: 0, max: 100_000, default: 0 } as const;

/** `--kind a,b --kind c`: every kind named, in order. */
export const collectKinds = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').map((v) => v.trim()),
];

/** A whole number from `min` to `max`, or null. */
export function wholeNumber(value: string, min: number, max: number): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

type Flags = Omit<SearchFlags, 'limit' | 'offset'> & { limit?: number; offset?: number };
type TextOption = 'project' | 'agent' | 'session' | 'since' | 'until';

/** Options taking a value: how each is kept (false: the value does not parse). */
const VALUE_OPTIONS: Record<string, (flags: Flags, value: string) => boolean> = {
  '--project': (f, v) => text(f, 'project', v),
  '--agent': (f, v) => text(f, 'agent', v),
  '--session': (f, v) => text(f, 'session', v),
  '--since': (f, v) => text(f, 'since', v),
  '--until': (f, v) => text(f, 'until', v),
  '--kind': (f, v) => ((f.kind = collectKinds(v, f.kind)), true),
  '--limit': (f, v) => number(f, 'limit', wholeNumber(v, LIMIT.min, LIMIT.max)),
  '--offset': (f, v) => number(f, 'offset', wholeNumber(v, OFFSET.min, OFFSET.max)),
};

const text = (f: Flags, name: TextOption, value: string) => ((f[name] = value), true);
const number = (f: Flags, name: 'limit' | 'offset', n: number | null) =>
  n !== null && ((f[name] = n), true);

/** Options without a value. */
const FLAG_OPTIONS: Record<string, (flags: Flags) => void> = {
  '--all-projects': (f) => (f.allProjects = true),
  '--total': (f) => (f.total = true),
  '--json': (f) => (f.json = true),
};

/** Every long option the small entry reads, for the check against commander's. */
export const SEARCH_OPTION_NAMES = [...Object.keys(VALUE_OPTIONS), ...Object.keys(FLAG_OPTIONS)];

/** The query's words and the options, or null: let the full CLI read these arguments. */
export function parseSearchArgs(
  args: readonly string[],
): { words: string[]; flags: SearchFlags } | null {
  const words: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      words.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAG_OPTIONS[name];
    if (flag && eq < 0) {
      flag(flags);
      continue;
    }
    const option = VALUE_OPTIONS[name];
    if (!option || !name.startsWith('--')) return null;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith('-') || !option(flags, value)) return null;
  }
  if (words.length === 0) return null;
  return {
    words,
    flags: {
      ...flags,
      limit: flags.limit ?? LIMIT.default,
      offset: flags.offset ?? OFFSET.default,
    },
  };
}
