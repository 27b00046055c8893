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
// - Chinese and Japanese are written without spaces, so unicode61 keeps a whole run of Han or
//   Kana as one token and a word inside it (`版本` in `这个版本有问题`) could not be found. ftsBody
//   appends every pair of neighbouring characters of such a run (`这个 个版 版本 本有 有问 问题`)
//   — the character bigrams usual for these scripts — and search turns a query's CJK words into
//   the same bigrams, as a phrase. Hangul is treated alike, for its particles joined to words.
//   Other text is unchanged.
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

/** Han, Hiragana, Katakana (full and half width) and Hangul: scripts indexed as bigrams. */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f)
  );
}

/**
 * The bigrams of every CJK run in `text`, in order (a run of one character is itself), or []
 * when there is none.
 */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!isCjkCode(text.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < n && isCjkCode(text.charCodeAt(end))) end++;
    if (end - i === 1) out.push(text[i]!);
    for (let j = i; j + 1 < end; j++) out.push(text.slice(j, j + 2));
    i = end;
  }
  return out;
}

export function ftsBody(text: string): string {
  let parts: Set<string> | null = null;
  let cjk = false;
  const n = text.length;
  if (n > 0 && text.charCodeAt(0) >= 0x1100) cjk = isCjkCode(text.charCodeAt(0));
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x1100 && !cjk) cjk = isCjkCode(c);
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
    // The character at `end` is not a word character, so not a capital; it is still looked at
    // for CJK.
    i = end - 1;
  }
  const camel = parts ? `${text}\n${[...parts].join(' ')}` : text;
  return cjk ? `${camel}\n${cjkBigrams(text).join(' ')}` : camel;
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
