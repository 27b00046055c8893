// Adds and removes Baton's server in Codex's config.toml (`[mcp_servers.baton]`). A new entry is
// appended as its own table after a blank line, which keeps it apart from the user's tables and
// comments; changing or removing an entry goes through toml-patch, which edits only the affected
// lines and keeps comments and formatting — removal gives back the file as it was before the add.
import { isDeepStrictEqual } from 'node:util';
import * as TOML from '@decimalturn/toml-patch';
import { BatonError } from '../../../core/index.js';
import { BATON_MCP_NAME } from './mcp-entry.js';
import type { ConfigEdit, McpServerEntry } from './mcp-entry.js';

type Table = Record<string, unknown>;

/** The table Codex reads for a stdio server. */
export function codexMcpServer(entry: McpServerEntry): Table {
  return {
    command: entry.command,
    args: entry.args,
    ...(entry.envVars?.length && { env_vars: entry.envVars }),
    ...(entry.env && { env: entry.env }),
  };
}

function parse(text: string): Table {
  try {
    return TOML.parse(text) as Table;
  } catch (error) {
    throw new BatonError(
      'INVALID_INPUT',
      `the Codex config is not valid TOML: ${(error as Error).message}`,
      {
        hint: 'fix config.toml by hand, then run the command again; it was left as it is',
        cause: error,
      },
    );
  }
}

const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
// JSON's string and array syntax is valid TOML for the strings, string arrays and numbers we write.
const value = (v: unknown) => JSON.stringify(v);

function renderTable(path: string[], server: Table, eol: string): string {
  const isTable = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const entries = Object.entries(server);
  const head = `[${path.map(key).join('.')}]${eol}`;
  const body = entries
    .filter(([, v]) => !isTable(v))
    .map(([k, v]) => `${key(k)} = ${value(v)}${eol}`);
  const tables = entries.filter(([, v]) => isTable(v));
  return [
    head + body.join(''),
    ...tables.map(([k, v]) => renderTable([...path, k], v as Table, eol)),
  ].join(eol);
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/**
 * After one line end: a blank line when the file ends with its line end, none when it does not
 * (the line end is then the one the file lacked) — so removal knows exactly what to take away.
 */
function append(text: string, name: string, server: Table): string {
  const eol = eolOf(text);
  return text + (text === '' ? '' : eol) + renderTable(['mcp_servers', name], server, eol);
}

/** Where the table `append` added starts, with its line end before; null if the tail differs. */
function appendedAt(text: string, name: string, server: unknown): number | null {
  const eol = eolOf(text);
  const table = renderTable(
    ['mcp_servers', name],
    JSON.parse(JSON.stringify(server)) as Table,
    eol,
  );
  if (!text.endsWith(table)) return null;
  const at = text.length - table.length;
  if (at === 0) return 0;
  return text.slice(at - eol.length, at) === eol ? at - eol.length : null;
}

// A byte-order mark is kept where it is; the TOML readers reject it.
const BOM = '\uFEFF';
function withoutBom(text: string, edit: (body: string) => ConfigEdit): ConfigEdit {
  if (!text.startsWith(BOM)) return edit(text);
  const edited = edit(text.slice(BOM.length));
  return { ...edited, text: BOM + edited.text };
}

const serversOf = (doc: Table) => (doc.mcp_servers ?? {}) as Table;
// toml-patch parses into null-prototype objects; compare plain data.
const sameData = (a: unknown, b: unknown) =>
  a !== undefined &&
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

export function addCodexMcpServer(text: string, server: Table, name = BATON_MCP_NAME): ConfigEdit {
  return withoutBom(text, (body) => addServer(body, server, name));
}

export function removeCodexMcpServer(text: string, name = BATON_MCP_NAME): ConfigEdit {
  return withoutBom(text, (body) => removeServer(body, name));
}

function addServer(text: string, server: Table, name: string): ConfigEdit {
  const doc = parse(text);
  const existing = serversOf(doc)[name];
  if (sameData(existing, server)) return { text, changed: false };
  if (existing === undefined) {
    const appended = append(text, name, server);
    // Appending a table is wrong only where mcp_servers is an inline table; then patch instead.
    const ok = (() => {
      try {
        return sameData(serversOf(parse(appended))[name], server);
      } catch {
        return false;
      }
    })();
    if (ok) return { text: appended, changed: true };
  }
  const next = { ...doc, mcp_servers: { ...serversOf(doc), [name]: server } };
  return { text: TOML.patch(text, next), changed: true };
}

function removeServer(text: string, name: string): ConfigEdit {
  const doc = parse(text);
  const servers = serversOf(doc);
  if (!(name in servers)) return { text, changed: false };
  // The table as Baton appended it, still last and untouched: taken away byte for byte.
  const at = appendedAt(text, name, servers[name]);
  if (at !== null) return { text: text.slice(0, at), changed: true };
  const { [name]: _ours, ...rest } = servers;
  // An empty [mcp_servers] the user wrote stays; one that only held Baton's goes with it.
  const explicitHeader = /^[ \t]*\[[ \t]*mcp_servers[ \t]*\][ \t]*(#.*)?$/m.test(text);
  const { mcp_servers: _all, ...others } = doc;
  const next =
    Object.keys(rest).length || explicitHeader ? { ...others, mcp_servers: rest } : others;
  const patched = TOML.patch(text, next);
  return { text: patched.trim() === '' ? '' : patched, changed: true };
}
