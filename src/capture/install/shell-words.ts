// Quoting for the POSIX shell commands `baton install` writes (agents run hook commands through
// a POSIX shell): the shell-spooled hooks (spool-command.ts) and SessionStart's prepared brief
// (prepared-start.ts).

/** `text` as one single-quoted shell word. */
export const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** `text` inside a double-quoted shell word, taken literally. */
export const literal = (text: string) => text.replace(/[\\"$`}]/g, '\\$&');
