// The agent-overhead bench's no-op arms (bench/agent-noop.ts): after a real `baton install` of
// each agent, every command Baton wrote is a no-op, its MCP server entry runs the no-op server, the
// hook events kept are those asked for, and that server answers what the clients send.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noopRegistrations } from '../../bench/agent-noop.js';
import type { NoopSet } from '../../bench/agent-noop.js';
import { AgentSandbox } from '../agents/harness/agent-sandbox.js';

type Hooks = Record<string, { hooks: { type: string; command?: string }[] }[]>;

let box: AgentSandbox | undefined;
afterEach(() => box?.dispose());

function installed(): AgentSandbox {
  box = AgentSandbox.create('noop');
  for (const dir of ['.claude', '.codex', '.gemini']) mkdirSync(join(box.home, dir));
  for (const agent of ['claude-code', 'codex', 'gemini']) {
    const r = box.baton(['install', agent], { CODEX_HOME: join(box.home, '.codex') });
    expect(r.code, r.stderr).toBe(0);
  }
  return box;
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function hooksOf(home: string): Record<string, Hooks> {
  return {
    claude: json(join(home, '.claude', 'settings.json')).hooks as Hooks,
    codex: json(join(home, '.codex', 'hooks.json')).hooks as Hooks,
    gemini: json(join(home, '.gemini', 'settings.json')).hooks as Hooks,
  };
}

const commands = (hooks: Hooks) =>
  Object.values(hooks).flatMap((groups) =>
    groups.flatMap((g) => g.hooks.filter((h) => h.type === 'command').map((h) => h.command)),
  );

describe('no-op registrations', () => {
  it.each<[NoopSet, (events: string[]) => string[]]>([
    ['all', (events) => events],
    ['least', (events) => events.filter((e) => e === 'SessionStart' || e === 'SessionEnd')],
    ['mcp', () => []],
  ])('%s: the hook events asked for, every command a no-op, the server replaced', (set, kept) => {
    const { home } = installed();
    const before = hooksOf(home);
    noopRegistrations(home, set);
    const after = hooksOf(home);
    for (const agent of Object.keys(before)) {
      expect(Object.keys(after[agent]!), agent).toEqual(kept(Object.keys(before[agent]!)));
      expect(
        commands(after[agent]!).every((c) => c === 'cat >/dev/null'),
        agent,
      ).toBe(true);
    }
    if (set === 'all') expect(commands(after.claude!).length).toBeGreaterThan(0);
    const server = join(home, 'noop-mcp.sh');
    const claude = json(join(home, '.claude.json')).mcpServers as Record<string, unknown>;
    const gemini = json(join(home, '.gemini', 'settings.json')).mcpServers as Record<
      string,
      unknown
    >;
    for (const entry of [claude.baton, gemini.baton])
      expect(entry).toMatchObject({ command: '/bin/sh', args: [server] });
    const toml = readFileSync(join(home, '.codex', 'config.toml'), 'utf8');
    expect(toml).toContain(`args = [${JSON.stringify(server)}]`);
    expect(toml).not.toContain('hook codex');
    expect(toml.includes('notify = ["true"]')).toBe(set === 'all');
  });

  it('the no-op server answers the handshake and a tool call at once, and skips notifications', () => {
    const { home } = installed();
    noopRegistrations(home);
    const lines = [
      { method: 'server/discover', jsonrpc: '2.0', id: 0 },
      {
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x' } },
        jsonrpc: '2.0',
        id: 1,
      },
      { method: 'notifications/initialized', jsonrpc: '2.0' },
      { jsonrpc: '2.0', id: 'two', method: 'tools/list', params: {} },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'hook_event', arguments: { session_id: 's', tool_use_id: 't' } },
      },
      { jsonrpc: '2.0', id: 4, method: 'resources/list' },
    ];
    const r = spawnSync('/bin/sh', [join(home, 'noop-mcp.sh')], {
      input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      encoding: 'utf8',
    });
    const replies = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies).toEqual([
      { jsonrpc: '2.0', id: 0, error: { code: -32601, message: 'not found' } },
      {
        jsonrpc: '2.0',
        id: 1,
        result: {
          protocolVersion: '2025-06-18',
          capabilities: { tools: {}, resources: {}, prompts: {} },
          serverInfo: { name: 'noop', version: '0' },
        },
      },
      { jsonrpc: '2.0', id: 'two', result: { tools: [] } },
      { jsonrpc: '2.0', id: 3, result: { content: [] } },
      { jsonrpc: '2.0', id: 4, result: { resources: [] } },
    ]);
  });
});
