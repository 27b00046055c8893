// Adds and removes Baton's server in the `mcpServers` object of a JSON(C) config — Claude Code's
// `.mcp.json` and `~/.claude.json` (top level for user scope, `projects[<path>]` for local scope)
// and Gemini CLI's `settings.json`. jsonc-parser finds the nodes; the text inserted is written in
// the file's own indentation and line endings, and nothing outside it is touched (jsonc-parser's
// own formatting would re-indent the neighbouring line too), so removal gives back the file as it
// was before the add.
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import type { JSONPath, Node, ParseError } from 'jsonc-parser';
import { BatonError } from '../../../core/index.js';
import { BATON_MCP_NAME } from './mcp-entry.js';
import type { ConfigEdit, McpServerEntry } from './mcp-entry.js';

export interface JsonMcpLocation {
  /** The server's name in the config; default `baton`. */
  name?: string;
  /** Where the `mcpServers` object sits, e.g. `['projects', '/abs/path']` in ~/.claude.json. */
  under?: JSONPath;
}

/** How Claude Code writes a stdio server (`type` is optional there, but `claude mcp add` writes it). */
export function claudeMcpServer(entry: McpServerEntry): Record<string, unknown> {
  return { type: 'stdio', command: entry.command, args: entry.args, env: entry.env ?? {} };
}

/** How Gemini CLI's settings.json names a stdio server. */
export function geminiMcpServer(entry: McpServerEntry): Record<string, unknown> {
  return { command: entry.command, args: entry.args, ...(entry.env && { env: entry.env }) };
}

function parse(text: string): Node | undefined {
  if (text.trim() === '') return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || root?.type !== 'object') {
    throw new BatonError(
      'INVALID_INPUT',
      'the settings file is not a JSON object; it was left as it is',
      { hint: 'fix the file by hand (or move it away), then run the command again' },
    );
  }
  return root;
}

// jsonc-parser builds null-prototype objects; compare plain data.
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

interface Style {
  unit: string;
  eol: string;
}

function styleOf(text: string): Style {
  return {
    unit: /^([ \t]+)["}\]]/m.exec(text)?.[1] ?? '  ',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** The whitespace that starts the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function render(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}

/** `{ a: { b: value } }` for the path segments that do not exist yet. */
function nest(path: JSONPath, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [String(key)]: inner }), value);
}

/** Inserts `key: value` as the last property of `object`, on its own line. */
function insertProperty(text: string, object: Node, key: string, value: unknown, style: Style) {
  const last = object.children?.at(-1);
  const indent = last
    ? lineIndent(text, last.offset)
    : lineIndent(text, object.offset) + style.unit;
  const property = `${JSON.stringify(key)}: ${render(value, indent, style)}`;
  if (last) {
    const at = last.offset + last.length;
    return text.slice(0, at) + `,${style.eol}${indent}${property}` + text.slice(at);
  }
  const close = lineIndent(text, object.offset);
  const body = `{${style.eol}${indent}${property}${style.eol}${close}}`;
  return text.slice(0, object.offset) + body + text.slice(object.offset + object.length);
}

export function addJsonMcpServer(
  text: string,
  server: Record<string, unknown>,
  where: JsonMcpLocation = {},
): ConfigEdit {
  const path = [...(where.under ?? []), 'mcpServers', where.name ?? BATON_MCP_NAME];
  const root = parse(text);
  if (!root) return { text: JSON.stringify(nest(path, server), null, 2) + '\n', changed: true };
  const style = styleOf(text);
  const existing = findNodeAtLocation(root, path);
  if (existing) {
    if (isDeepStrictEqual(plain(getNodeValue(existing)), plain(server)))
      return { text, changed: false };
    const replaced = render(server, lineIndent(text, existing.offset), style);
    const next =
      text.slice(0, existing.offset) + replaced + text.slice(existing.offset + existing.length);
    return { text: next, changed: true };
  }
  // The deepest object on the path that exists gets the rest of the path as one new property.
  let depth = path.length - 1;
  let parent = findNodeAtLocation(root, path.slice(0, depth));
  while (!parent && depth > 0) parent = findNodeAtLocation(root, path.slice(0, --depth));
  const target = parent ?? root;
  if (target.type !== 'object') {
    throw new BatonError('INVALID_INPUT', `"${path.slice(0, depth).join('.')}" is not an object`);
  }
  const value = nest(path.slice(depth + 1), server);
  return { text: insertProperty(text, target, String(path[depth]), value, style), changed: true };
}

export interface JsonMcpRemoval extends JsonMcpLocation {
  /**
   * Also remove `mcpServers` when Baton's was its last entry (default true). Pass false for files
   * where the agent itself keeps an empty object, such as the project entries of ~/.claude.json;
   * the object is then left as `{}`.
   */
  dropEmptyContainer?: boolean;
}

/** Removes the property at `path`; an object left empty is written `{}`, as serialisers write it. */
function removeProperty(text: string, root: Node, path: JSONPath): string {
  const parent = findNodeAtLocation(root, path.slice(0, -1))!;
  if ((parent.children?.length ?? 0) > 1)
    return applyEdits(text, modify(text, path, undefined, {}));
  return text.slice(0, parent.offset) + '{}' + text.slice(parent.offset + parent.length);
}

export function removeJsonMcpServer(text: string, where: JsonMcpRemoval = {}): ConfigEdit {
  const container = [...(where.under ?? []), 'mcpServers'];
  const name = where.name ?? BATON_MCP_NAME;
  const root = parse(text);
  const servers = root && findNodeAtLocation(root, container);
  if (!root || !servers || !findNodeAtLocation(servers, [name])) return { text, changed: false };
  const dropContainer = (servers.children?.length ?? 0) === 1 && where.dropEmptyContainer !== false;
  return {
    text: removeProperty(text, root, dropContainer ? container : [...container, name]),
    changed: true,
  };
}
