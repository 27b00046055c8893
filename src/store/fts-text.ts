// What the full-text index sees for a piece of text. FTS5's unicode61 tokenizer already splits
// paths, dotted names and snake_case on punctuation (`src/store/sqlite.ts` → src store sqlite ts);
// camelCase and PascalCase identifiers are one token to it, so their parts are appended
// (`useSession` → also `use session`) and `session` finds them. Porter stemming (in the table's
// tokenizer) lets a question's `failing deploys` meet `deploy failed`.
//
// This runs on every indexed text, so it scans char codes by hand: a regex pass per text cost
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
