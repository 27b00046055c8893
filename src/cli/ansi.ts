// Terminal styles (SGR escape codes) for text the caller has decided to colour. Ours rather than a
// package's: a colour package decides at load whether colour is wanted by reading process.stdout,
// and that first read builds Node's stream for it (net, tty and stream machinery: several ms of a
// short command such as `baton search`). Whether to colour is Output's decision (output.ts).

export type Style = (text: string) => string;

/**
 * A style from its opening and closing codes. A closing code met inside the text (a nested style
 * that ends the same way, e.g. dim inside bold) is followed by this style's opening code again, so
 * the outer style still covers the rest of the text.
 */
function style(open: number, close: number): Style {
  const on = `\x1b[${open}m`;
  const off = `\x1b[${close}m`;
  return (text) => on + (text.includes(off) ? text.replaceAll(off, off + on) : text) + off;
}

export const ansi = {
  bold: style(1, 22),
  dim: style(2, 22),
  yellow: style(33, 39),
  green: style(32, 39),
  cyan: style(36, 39),
} satisfies Record<string, Style>;
