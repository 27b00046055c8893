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
const CAMEL = /[A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z][A-Za-z0-9]*/g;
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

export function ftsBody(text: string): string {
  const matches = text.match(CAMEL);
  if (!matches) return text;
  const parts = new Set<string>();
  for (const word of matches) {
    for (const part of word.match(PART) ?? []) parts.add(part.toLowerCase());
  }
  return parts.size ? `${text}\n${[...parts].join(' ')}` : text;
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
