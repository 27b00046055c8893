// Pins the Claude Code installer's MCP step on real files in a temporary home: user scope in
// $HOME/.claude.json or $CLAUDE_CONFIG_DIR/.claude.json, project scope in the project's .mcp.json;
// idempotent, in the dry run and the report, and uninstall (named or not) gives every byte back.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentEnv, InstallOptions } from '../adapter.js';
import { batonMcpEntry } from '../install/mcp-config/index.js';
import { claudeInstaller } from './installer.js';
import { planMcpInstall } from './mcp-registration.js';

const MCP = batonMcpEntry({ command: '/usr/bin/node', args: ['/opt/baton/bin/baton.js', 'mcp'] });

/** What Claude Code's user config looks like: state, per-project entries, and a user server. */
const CLAUDE_JSON = `{
  "numStartups": 42,
  "projects": {
    "/home/me/shop": {
      "allowedTools": [],
      "mcpServers": {}
    }
  },
  "mcpServers": {
    "github": {
      "type": "http",
      "url": "https://api.example.com/mcp"
    }
  },
  "userID": "abc"
}
`;

let root: string;
let home: string;
let env: AgentEnv;
let options: InstallOptions;
const installer = claudeInstaller(() => 1_700_000_000_000);
const read = (file: string) => readFileSync(file, 'utf8');
const servers = (file: string) =>
  (JSON.parse(read(file)) as { mcpServers: Record<string, Record<string, unknown>> }).mcpServers;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-cc-mcp-'));
  home = join(root, 'home');
  mkdirSync(home);
  env = { env: { HOME: home }, cwd: root };
  options = {
    scope: 'user',
    dryRun: false,
    batonCommand: '"/usr/bin/node" "/opt/baton/bin/baton.js"',
    backupDir: join(root, 'baton', 'backups'),
    mcp: MCP,
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Uninstall as `baton uninstall` calls it: without naming the server. */
const uninstall = (e: AgentEnv = env, scope: InstallOptions['scope'] = 'user') =>
  installer.uninstall(e, { scope, dryRun: false, backupDir: options.backupDir });

describe('claude-code installer: MCP server', () => {
  it('user scope: adds Baton to ~/.claude.json beside other servers, once, and removes it byte for byte', () => {
    const file = join(home, '.claude.json');
    writeFileSync(file, CLAUDE_JSON);
    const report = installer.install(env, options);
    expect(report.changes[1]).toMatchObject({
      file,
      action: 'update',
      details: ['+ mcpServers.baton: /usr/bin/node /opt/baton/bin/baton.js mcp'],
    });
    expect(read(report.changes[1]!.backup!)).toBe(CLAUDE_JSON);
    expect(servers(file).baton).toEqual({
      type: 'stdio',
      command: '/usr/bin/node',
      args: ['/opt/baton/bin/baton.js', 'mcp'],
      env: {},
    });
    expect(Object.keys(servers(file))).toEqual(['github', 'baton']);
    const installed = read(file);
    expect(installer.install(env, options).changes[1]).toMatchObject({
      action: 'unchanged',
      details: [],
    });
    expect(read(file)).toBe(installed);
    const removed = uninstall();
    expect(removed.changes[1]).toMatchObject({
      file,
      action: 'update',
      details: ['- mcpServers.baton'],
    });
    expect(read(file)).toBe(CLAUDE_JSON);
  });

  it('user scope with CLAUDE_CONFIG_DIR: $CLAUDE_CONFIG_DIR/.claude.json, deleted again if Baton made it', () => {
    const configDir = join(root, 'elsewhere');
    const custom = { ...env, env: { ...env.env, CLAUDE_CONFIG_DIR: configDir } };
    const report = installer.install(custom, options);
    const file = join(configDir, '.claude.json');
    expect(report.changes.map((c) => [c.file, c.action])).toEqual([
      [join(configDir, 'settings.json'), 'create'],
      [file, 'create'],
    ]);
    expect(Object.keys(servers(file))).toEqual(['baton']);
    expect(existsSync(join(home, '.claude.json'))).toBe(false);
    expect(uninstall(custom).changes[1]!.action).toBe('delete');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps an "mcpServers": {} that was there before, and drops one it added', () => {
    const file = join(home, '.claude.json');
    for (const original of [
      '{\n  "mcpServers": {},\n  "numStartups": 1\n}\n',
      '{"numStartups":1}',
    ]) {
      writeFileSync(file, original);
      installer.install(env, options);
      expect(Object.keys(servers(file))).toEqual(['baton']);
      uninstall();
      expect(read(file)).toBe(original);
    }
  });

  it('project scope: the project root’s .mcp.json, asking for approval, and deleted when Baton made it', () => {
    const file = join(root, '.mcp.json');
    const report = installer.install(env, { ...options, scope: 'project' });
    expect(report.changes[1]!.file).toBe(file);
    expect(report.changes[1]!.details[1]).toMatch(/approve/);
    expect(existsSync(join(home, '.claude.json'))).toBe(false);
    expect(Object.keys(servers(file))).toEqual(['baton']);
    expect(uninstall(env, 'project').changes[1]!.action).toBe('delete');
    expect(existsSync(file)).toBe(false);
  });

  it('project scope: a team’s .mcp.json keeps its servers and its bytes', () => {
    const file = join(root, '.mcp.json');
    const team = '{\n  "mcpServers": {\n    "db": { "command": "db-mcp", "args": [] }\n  }\n}\n';
    writeFileSync(file, team);
    installer.install(env, { ...options, scope: 'project' });
    expect(Object.keys(servers(file))).toEqual(['db', 'baton']);
    expect(uninstall(env, 'project').changes[1]!.action).toBe('update');
    expect(read(file)).toBe(team);
  });

  it('a dry run reports the MCP change and writes nothing; without mcp the hooks come alone', () => {
    const dry = installer.install(env, { ...options, dryRun: true });
    expect(dry.changes[1]).toMatchObject({ action: 'create', backup: null });
    expect(existsSync(join(home, '.claude.json'))).toBe(false);
    const { mcp: _, ...hooksOnly } = options;
    expect(installer.install(env, hooksOnly).changes).toHaveLength(1);
    expect(existsSync(join(home, '.claude.json'))).toBe(false);
  });

  it('refuses a .claude.json it cannot parse before writing anything', () => {
    const file = join(home, '.claude.json');
    writeFileSync(file, '{ "mcpServers": ');
    expect(() => installer.install(env, options)).toThrow(/\.claude\.json is not a JSON object/);
    expect(existsSync(join(home, '.claude', 'settings.json'))).toBe(false);
    expect(read(file)).toBe('{ "mcpServers": ');
  });

  it('updates a moved Baton in place', () => {
    const before = JSON.stringify({ mcpServers: { baton: { command: 'baton', args: ['mcp'] } } });
    const plan = planMcpInstall(before, 'x.json', MCP, 'user');
    expect(plan.details).toEqual(['~ mcpServers.baton: /usr/bin/node /opt/baton/bin/baton.js mcp']);
    expect(plan.createdContainer).toBe(false);
  });
});
