// What the full-text index sees for a piece of text. FTS5's unicode61 tokenizer already splits
// paths, dotted names and snake_case on punctuation (`src/store/sqlite.ts` → src store sqlite ts);
// camelCase and PascalCase identifiers are one token to it, so their parts are appended
// (`useSession` → also `use session`) and `session` finds them. Porter stemming (in the table's
// tokenizer) lets a question's `failing deploys` meet `deploy failed`.
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
