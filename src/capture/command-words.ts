// A hook command line (`"/usr/bin/node" "/x/bin/baton.js"`, or a bare `baton`) as an argv, for the
// configs that want a program and its arguments apart: Codex's `notify` and every MCP server entry.

/** Splits a command line into its words, honouring double quotes (with `\` escapes) and single quotes. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  }
  return words;
}
