// Claude Code's hooks as `baton install claude-code` wrote them, run the way Claude Code runs them,
// for the load suites: the handlers are read from the settings.json the install wrote (and the MCP
// server from ~/.claude.json), never assumed. A `command` handler runs through `/bin/sh -c` in the
// project folder with the hook's input on its stdin (async ones are not waited for); an `mcp_tool`
// handler calls its tool on the agent's connection to that MCP server — one `baton mcp` process per
// agent, started as the server entry says and spoken to with the MCP SDK's own client over stdio —
// with the handler's `input` template filled from the hook's input (`${field}`, `${a.b}`: a string
// as it is, an object JSON-stringified, a missing field as "").
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface CommandHandler {
  type: 'command';
  command: string;
  async?: boolean;
  timeout?: number;
}

export interface McpToolHandler {
  type: 'mcp_tool';
  server: string;
  tool: string;
  input: Record<string, unknown>;
  timeout?: number;
}

export type HookHandler = CommandHandler | McpToolHandler;

export interface McpServerEntry {
  command: string;
  args?: string[];
  env?: Record<string, string>;
}

interface MatcherGroup {
  matcher?: string;
  hooks: HookHandler[];
}

/** What the install left for Claude Code: hooks by event, and the stdio MCP servers by name. */
export interface InstalledHooks {
  events: Record<string, MatcherGroup[]>;
  servers: Record<string, McpServerEntry>;
}

/** Reads ~/.claude/settings.json and ~/.claude.json under `home` (user scope, as installed). */
export function readInstalledHooks(home: string): InstalledHooks {
  const settings = JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as {
    hooks?: Record<string, MatcherGroup[]>;
  };
  let servers: Record<string, McpServerEntry> = {};
  try {
    const config = JSON.parse(readFileSync(join(home, '.claude.json'), 'utf8')) as {
      mcpServers?: Record<string, McpServerEntry>;
    };
    servers = config.mcpServers ?? {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { events: settings.hooks ?? {}, servers };
}

/** The handlers that fire for `input` (a group's matcher tests the tool's name, as Claude Code's). */
export function handlersFor(
  installed: InstalledHooks,
  input: Record<string, unknown>,
): HookHandler[] {
  const groups = installed.events[String(input.hook_event_name)] ?? [];
  const tool = typeof input.tool_name === 'string' ? input.tool_name : '';
  return groups
    .filter(
      (g) =>
        g.matcher === undefined ||
        g.matcher === '' ||
        g.matcher === '*' ||
        new RegExp(`^(?:${g.matcher})$`).test(tool),
    )
    .flatMap((g) => g.hooks);
}

/** One field of the hook's input by a dotted path; undefined when any step is missing. */
function field(input: unknown, path: string): unknown {
  let at = input;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A field's value as interpolation writes it into a string. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * An `mcp_tool` handler's `input` with every `${field}` in its strings (at any depth) replaced from
 * the hook's input; keys and values that hold no placeholder are kept as they are.
 */
export function interpolate(template: unknown, input: Record<string, unknown>): unknown {
  if (typeof template === 'string')
    return template.replace(/\$\{([^}]*)\}/g, (_, path: string) =>
      asText(field(input, path.trim())),
    );
  if (Array.isArray(template)) return template.map((t) => interpolate(t, input));
  if (typeof template === 'object' && template !== null)
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, interpolate(v, input)]));
  return template;
}

export interface HookOutcome {
  ok: boolean;
  stdout: string;
  failure?: string;
}

/** `command` run through `/bin/sh -c` with `input` on its stdin, as agents run hook commands. */
export function runShell(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; input: string },
): Promise<HookOutcome> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.on('error', () => undefined); // A command that exits before reading its input.
    child.stdin.end(options.input);
    child.on('error', (error) => resolve({ ok: false, stdout, failure: String(error) }));
    child.on('close', (code, signal) =>
      resolve(
        code === 0
          ? { ok: true, stdout }
          : { ok: false, stdout, failure: `exit ${code ?? signal} ${stderr.trim()}` },
      ),
    );
  });
}

export interface HookRun {
  handler: HookHandler['type'];
  /** Whether the agent goes on without it (an async command). */
  async: boolean;
  /** What the agent waits for (or, async, what it left running): the call or the shell's run. */
  done: Promise<HookOutcome>;
}

/** One agent's side of its hooks: its project, environment and connections to the MCP servers. */
export class AgentHooks {
  private readonly clients = new Map<string, { client: Client; stderr: string[] }>();
  private closing = false;
  /** What went wrong with a connection (a server that closed on its own, said it lost a hook). */
  readonly problems: string[] = [];

  constructor(
    private readonly installed: InstalledHooks,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The MCP servers the installed `mcp_tool` handlers call, started and connected as the agent does. */
  async connect(): Promise<void> {
    const wanted = new Set(
      Object.values(this.installed.events)
        .flat()
        .flatMap((g) => g.hooks)
        .flatMap((h) => (h.type === 'mcp_tool' ? [h.server] : [])),
    );
    await Promise.all([...wanted].map((name) => this.connectTo(name)));
  }

  private async connectTo(name: string): Promise<void> {
    const entry = this.installed.servers[name];
    if (!entry) throw new Error(`no MCP server "${name}" installed for an mcp_tool hook`);
    const transport = new StdioClientTransport({
      command: entry.command,
      args: entry.args ?? [],
      cwd: this.cwd,
      env: { ...(this.env as Record<string, string>), ...entry.env },
      stderr: 'pipe',
    });
    const stderr: string[] = [];
    transport.stderr?.on('data', (c: Buffer) => stderr.push(c.toString()));
    const client = new Client({ name: 'claude-code', version: 'soak' });
    client.onclose = () => {
      if (!this.closing) this.problems.push(`MCP server ${name} closed while the agent worked`);
    };
    client.onerror = (error) => this.problems.push(`MCP server ${name}: ${String(error)}`);
    await client.connect(transport);
    this.clients.set(name, { client, stderr });
  }

  /** Fires the installed handlers for `input`, as Claude Code does at that event. */
  fire(input: Record<string, unknown>): HookRun[] {
    return handlersFor(this.installed, input).map((h) =>
      h.type === 'mcp_tool'
        ? { handler: h.type, async: false, done: this.callTool(h, input) }
        : { handler: h.type, async: h.async === true, done: this.runCommand(h, input) },
    );
  }

  private async callTool(h: McpToolHandler, input: Record<string, unknown>): Promise<HookOutcome> {
    const connection = this.clients.get(h.server);
    if (!connection) return { ok: false, stdout: '', failure: `not connected to ${h.server}` };
    try {
      const result = (await connection.client.callTool({
        name: h.tool,
        arguments: interpolate(h.input, input) as Record<string, unknown>,
      })) as CallToolResult;
      const stdout = JSON.stringify(result.content);
      return result.isError
        ? { ok: false, stdout, failure: `tool ${h.tool} answered an error: ${stdout}` }
        : { ok: true, stdout };
    } catch (error) {
      return { ok: false, stdout: '', failure: `tool ${h.tool}: ${String(error)}` };
    }
  }

  private runCommand(h: CommandHandler, input: Record<string, unknown>) {
    return runShell(h.command, {
      cwd: this.cwd,
      env: { ...this.env, CLAUDE_PROJECT_DIR: this.cwd },
      input: JSON.stringify(input),
    });
  }

  /**
   * Closes the connections (Claude Code closes its MCP servers as the session ends, before
   * SessionEnd) and says what the servers wrote on stderr about hook events they did not record.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const [name, { client, stderr }] of this.clients) {
      await client.close();
      await new Promise((r) => setImmediate(r)); // The last of its stderr, passed on.
      const said = stderr.join('');
      if (/not recorded/.test(said)) this.problems.push(`MCP server ${name}: ${said.trim()}`);
    }
    this.clients.clear();
  }
}
