// What the full-text index sees, and why (the tokenisation is chosen here and in migration 005):
//
// - The tokenizer is FTS5's `porter unicode61 remove_diacritics 2`. unicode61 splits on every
//   character that is not a letter or digit, so paths, dotted names, snake_case and kebab-case
//   fall apart into their parts (`src/store/sqlite.ts` → src store sqlite ts, `DATABASE_URL` →
//   database url), and a query for any part finds them; a query for the whole path is tokenised
//   the same way and becomes a phrase of those parts.
// - camelCase and PascalCase identifiers are one token to unicode61, so ftsBody appends their
//   parts (`useSession` → also `use session`): `session` finds `useSession`, and `useSession`
//   still finds itself as a whole token.
// - Porter stemming lets a question's `failing deploys` meet a turn's `deploy failed`, so natural
//   language finds its answer without the exact word forms.
// - Events carry file paths in their structured data (a tool call's `file_path`, a change's
//   `path`); ftsFiles lifts them into the index's own `files` column, which the `file:` filter
//   searches and which weighs more than the body in ranking (see src/search).
// - What search filters on (kind, session, agent, project) is indexed too, as opaque tokens in a
//   `meta` column with no weight in ranking, so a filter is an intersection inside the index
//   rather than a lookup per matching row.
//
// ftsBody runs on every indexed text, so it scans char codes by hand: a regex pass per text cost
// more than SQLite's own insert.
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) => isUpper(c) || isLower(c) || isDigit(c);

export function ftsBody(text: string): string {
  let parts: Set<string> | null = null;
  const n = text.length;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isUpper(c)) continue;
    const prev = text.charCodeAt(i - 1);
    const boundary =
      isLower(prev) ||
      isDigit(prev) ||
      (isUpper(prev) && i + 1 < n && isLower(text.charCodeAt(i + 1)));
    if (!boundary) continue;
    let start = i - 1;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < n && isWordChar(text.charCodeAt(end))) end++;
    parts ??= new Set();
    for (const part of text.slice(start, end).match(PART) ?? []) parts.add(part.toLowerCase());
    i = end;
  }
  return parts ? `${text}\n${[...parts].join(' ')}` : text;
}

/** Keys under which agents' tool inputs and results carry file paths. */
const FILE_KEYS = new Set([
  'file',
  'files',
  'file_path',
  'filePath',
  'filepath',
  'filename',
  'path',
  'paths',
  'notebook_path',
  'old_path',
  'new_path',
]);
const MAX_DEPTH = 4;
const MAX_FILES = 50;

/** The file paths named in an event's data (tool inputs, results, file changes). */
export function eventFiles(data: unknown): string[] {
  const found = new Set<string>();
  collectFiles(data, 0, found, false);
  return [...found];
}

/** The file paths named in an event's data, one a line, for the index's `files` column. */
export function ftsFiles(data: unknown): string {
  const files = eventFiles(data);
  return files.length ? ftsBody(files.join('\n')) : '';
}

function collectFiles(value: unknown, depth: number, found: Set<string>, isFile: boolean): void {
  if (found.size >= MAX_FILES || depth > MAX_DEPTH || value === null) return;
  if (typeof value === 'string') {
    if (isFile && value.length > 0 && value.length <= 1024) found.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectFiles(v, depth + 1, found, isFile);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      collectFiles(v, depth + 1, found, FILE_KEYS.has(k));
    }
  }
}

/** Facts about an event that search filters on, indexed as tokens of the `meta` column. */
export type MetaField = 'kind' | 'session' | 'agent' | 'project';
const META_PREFIX: Record<MetaField, string> = {
  kind: 'k',
  session: 's',
  agent: 'a',
  project: 'p',
};
const HEX = new TextEncoder();

/**
 * One opaque token per fact: a field letter, the value's UTF-8 in hex, and a closing digit. Hex
 * keeps any value (`claude-code`, a ULID) in one unicode61 token, and no Porter suffix rule can
 * touch a token that ends in a digit — so the token a query asks for is exactly the one indexed.
 */
// Tokens repeat on every event of a session (its kind, session, agent and project), so they are
// computed once: hex-encoding them per event cost as much as the event's own text.
const tokenCache = new Map<string, string>();

export function ftsMetaToken(field: MetaField, value: string): string {
  const key = `${field}\u0000${value}`;
  let token = tokenCache.get(key);
  if (token === undefined) {
    let hex = '';
    for (const b of HEX.encode(value)) hex += b.toString(16).padStart(2, '0');
    token = `${META_PREFIX[field]}${hex}0`;
    if (tokenCache.size >= 50_000) tokenCache.clear();
    tokenCache.set(key, token);
  }
  return token;
}

/** The `meta` column of an event: its kind, session, agent and project as tokens. */
export function ftsMeta(e: {
  kind: string;
  sessionId: string;
  agent: string | null;
  projectId: string | null;
}): string {
  const tokens = [ftsMetaToken('kind', e.kind), ftsMetaToken('session', e.sessionId)];
  if (e.agent) tokens.push(ftsMetaToken('agent', e.agent));
  if (e.projectId) tokens.push(ftsMetaToken('project', e.projectId));
  return tokens.join(' ');
}
