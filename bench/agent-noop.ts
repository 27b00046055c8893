// The agent-overhead bench's no-op arms: the client configured as `baton install` left it — the
// same hook events, handler kinds, timeouts and MCP server entry (all of them, or fewer: NoopSet)
// — but every command Baton registered made `cat >/dev/null` and Baton's MCP server replaced by a
// few lines of sh that answer each request at once with nothing in it. What such an arm adds to a
// session is what the client pays for having the registrations at all: a Baton that did nothing
// in its hooks and its server could not add less.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A command hook that reads its payload and does nothing. */
const NOOP_COMMAND = 'cat >/dev/null';

/**
 * An MCP server that answers every request at once: the handshake with empty lists, a tool call
 * with empty content, anything else with "method not found"; notifications are read and dropped.
 * Like Baton's own sh front, it reads one line at a time with `read -r`.
 */
const NOOP_MCP = `#!/bin/sh
while IFS= read -r l; do
  case $l in *'"id":'*) ;; *) continue;; esac
  id=\${l#*\\"id\\":}; id=\${id%%[,\\}]*}
  case $l in
    *'"method":"initialize"'*)
      v=\${l#*\\"protocolVersion\\":\\"}; v=\${v%%\\"*}
      r="{\\"protocolVersion\\":\\"$v\\",\\"capabilities\\":{\\"tools\\":{},\\"resources\\":{},\\"prompts\\":{}},\\"serverInfo\\":{\\"name\\":\\"noop\\",\\"version\\":\\"0\\"}}";;
    *'"method":"tools/list"'*) r='{"tools":[]}';;
    *'"method":"prompts/list"'*) r='{"prompts":[]}';;
    *'"method":"resources/list"'*) r='{"resources":[]}';;
    *'"method":"resources/templates/list"'*) r='{"resourceTemplates":[]}';;
    *'"method":"tools/call"'*) r='{"content":[]}';;
    *'"method":"ping"'*) r='{}';;
    *) printf '{"jsonrpc":"2.0","id":%s,"error":{"code":-32601,"message":"not found"}}\\n' "$id"; continue;;
  esac
  printf '{"jsonrpc":"2.0","id":%s,"result":%s}\\n' "$id" "$r"
done
`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Which registrations stay (as no-ops): all of them; only what a Baton with the fewest hooks
 * would still need — the MCP server, the brief at SessionStart and the session's end; or the MCP
 * server alone.
 */
export type NoopSet = 'all' | 'least' | 'mcp';

const LEAST_EVENTS: ReadonlySet<string> = new Set(['SessionStart', 'SessionEnd']);

/** The hooks object with only the events `set` keeps. */
function keptEvents(hooks: Json, set: NoopSet): Json {
  if (set === 'all' || hooks === null || typeof hooks !== 'object' || Array.isArray(hooks))
    return hooks;
  return Object.fromEntries(
    Object.entries(hooks).filter(([event]) => set === 'least' && LEAST_EVENTS.has(event)),
  );
}

/** Every `command` handler under `hooks` made the no-op; other handlers (MCP tool calls) kept. */
function noopHooks(value: Json): Json {
  if (Array.isArray(value)) return value.map(noopHooks);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) out[key] = noopHooks(v);
  if (out.type === 'command' && typeof out.command === 'string') out.command = NOOP_COMMAND;
  return out;
}

function rewriteJson(path: string, change: (doc: { [key: string]: Json }) => void): void {
  if (!existsSync(path)) return;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: Json };
  change(doc);
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
}

/** Baton's hooks and MCP server entry in one JSON settings file, made no-ops. */
function noopSettings(path: string, server: string, set: NoopSet): void {
  rewriteJson(path, (doc) => {
    if (doc.hooks !== undefined) doc.hooks = noopHooks(keptEvents(doc.hooks, set));
    const servers = doc.mcpServers;
    if (servers && typeof servers === 'object' && !Array.isArray(servers) && servers.baton) {
      const entry = servers.baton as { [key: string]: Json };
      entry.command = '/bin/sh';
      entry.args = [server];
    }
  });
}

/** Codex's config.toml: Baton's server entry and its `notify` program made no-ops. */
function noopCodexToml(path: string, server: string, set: NoopSet): void {
  if (!existsSync(path)) return;
  const lines = readFileSync(path, 'utf8').split('\n');
  let inBaton = false;
  const out = lines.map((line) => {
    if (/^\s*\[/.test(line)) inBaton = /^\s*\[mcp_servers\.baton\]\s*$/.test(line);
    if (!inBaton && /^notify\s*=/.test(line)) return set === 'all' ? 'notify = ["true"]' : '';
    if (inBaton && /^command\s*=/.test(line)) return 'command = "/bin/sh"';
    if (inBaton && /^args\s*=/.test(line)) return `args = [${JSON.stringify(server)}]`;
    return line;
  });
  writeFileSync(path, out.join('\n'));
}

/**
 * Makes what `baton install` wrote into a sandbox's HOME no-ops, for every agent it may have
 * written to (files that are not there are skipped); with `least`, only the MCP server,
 * SessionStart and SessionEnd stay registered; with `mcp`, only the MCP server.
 */
export function noopRegistrations(home: string, set: NoopSet = 'all'): void {
  const server = join(home, 'noop-mcp.sh');
  writeFileSync(server, NOOP_MCP);
  chmodSync(server, 0o755);
  noopSettings(join(home, '.claude', 'settings.json'), server, set);
  noopSettings(join(home, '.claude.json'), server, set);
  noopSettings(join(home, '.gemini', 'settings.json'), server, set);
  rewriteJson(join(home, '.codex', 'hooks.json'), (doc) => {
    doc.hooks = noopHooks(keptEvents(doc.hooks ?? null, set));
  });
  noopCodexToml(join(home, '.codex', 'config.toml'), server, set);
}
