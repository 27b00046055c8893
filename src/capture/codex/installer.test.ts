// Pins `baton install|uninstall codex`: hooks.json and config.toml gain exactly Baton's entries
// beside other tools' (TOML comments included), a second install changes nothing, --dry-run
// writes nothing, uninstall gives back every byte, and a user's own `notify` is never replaced.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batonMcpEntry } from '../install/mcp-config/index.js';
import { parse } from 'smol-toml';
import { codexInstaller } from './installer.js';

const BATON = '"/usr/bin/node" "/opt/baton/bin/baton.js"';

const CONFIG_TOML = `# my Codex config — hand written
model = "gpt-5.3-codex"   # the default model
approval_policy = "on-request"

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp"]

# profiles below
[profiles.fast]
model = "gpt-5.1-mini"
`;

const HOOKS_JSON = `{
  // another tool's hook (hooks.json is read as JSON; this one has none of our entries)
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [ { "type": "command", "command": "/usr/local/bin/guard.sh", "timeout": 5 } ] }
    ]
  }
}
`;

describe('Codex installer', () => {
  let home: string;
  let codexDir: string;
  const env = () => ({ env: { HOME: home, CODEX_HOME: codexDir }, cwd: home });
  const opts = (dryRun = false) => ({
    scope: 'user' as const,
    dryRun,
    batonCommand: BATON,
    backupDir: join(home, 'backups'),
  });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'baton-codex-install-'));
    codexDir = join(home, '.codex');
    mkdirSync(codexDir);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('adds its hooks and notify beside other entries, and removes exactly them', () => {
    writeFileSync(join(codexDir, 'config.toml'), CONFIG_TOML);
    writeFileSync(join(codexDir, 'hooks.json'), HOOKS_JSON.replace(/^\s*\/\/.*\n/m, ''));
    const hooksBefore = readFileSync(join(codexDir, 'hooks.json'), 'utf8');
    const report = codexInstaller(() => 1).install(env(), opts());
    expect(report.changes.map((c) => c.action)).toEqual(['update', 'update']);
    const toml = parse(readFileSync(join(codexDir, 'config.toml'), 'utf8')) as Record<
      string,
      unknown
    >;
    // A shell that spools the JSON Codex appends (no Node start), its argv still ending `hook codex`.
    expect(toml.notify).toEqual([
      'sh',
      '-c',
      expect.stringContaining(`${BATON} hook --background`),
      'hook',
      'codex',
    ]);
    expect(toml.model).toBe('gpt-5.3-codex');
    expect((toml.mcp_servers as Record<string, unknown>).context7).toBeDefined();
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toContain('# profiles below');
    const hooks = JSON.parse(readFileSync(join(codexDir, 'hooks.json'), 'utf8')) as {
      hooks: Record<string, { hooks: { command: string; async?: boolean }[] }[]>;
    };
    expect(hooks.hooks.PreToolUse).toHaveLength(2);
    // A prepared brief printed by the shell when it is still exact, else the hook itself.
    expect(hooks.hooks.SessionStart![0]!.hooks[0]!.command).toContain(
      `|| exec ${BATON} hook codex\n`,
    );
    expect(
      Object.values(hooks.hooks)
        .flat()
        .flatMap((g) => g.hooks)
        .some((h) => h.async),
    ).toBe(false);
    expect(report.changes.every((c) => c.backup !== null && existsSync(c.backup))).toBe(true);

    const again = codexInstaller(() => 2).install(env(), opts());
    expect(again.changes.map((c) => c.action)).toEqual(['unchanged', 'unchanged']);

    const removed = codexInstaller(() => 3).uninstall(env(), opts());
    expect(removed.changes.map((c) => c.action)).toEqual(['update', 'update']);
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(CONFIG_TOML);
    expect(readFileSync(join(codexDir, 'hooks.json'), 'utf8')).toBe(hooksBefore);
  });

  it('upgrades the Node `notify` of an earlier install in place; uninstall still gives back every byte', () => {
    const earlier = `notify = ["/usr/bin/node", "/opt/baton/bin/baton.js", "hook", "codex"]\n`;
    writeFileSync(join(codexDir, 'config.toml'), earlier + CONFIG_TOML);
    const report = codexInstaller(() => 1).install(env(), opts());
    expect(report.changes[1]!.details).toContain('~ notify: sh -c <spool script> hook codex');
    const text = readFileSync(join(codexDir, 'config.toml'), 'utf8');
    expect((parse(text) as { notify: string[] }).notify[0]).toBe('sh');
    expect(text.match(/^notify = /gm)).toHaveLength(1);
    expect(text.endsWith(CONFIG_TOML)).toBe(true);
    expect(codexInstaller(() => 2).install(env(), opts()).changes[1]!.action).toBe('unchanged');
    codexInstaller(() => 3).uninstall(env(), opts());
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(CONFIG_TOML);
  });

  it('creates missing files, and uninstall deletes what it created', () => {
    codexInstaller().install(env(), opts());
    expect(existsSync(join(codexDir, 'hooks.json'))).toBe(true);
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toMatch(/^notify = \[/);
    const removed = codexInstaller().uninstall(env(), opts());
    expect(removed.changes.map((c) => c.action)).toEqual(['delete', 'delete']);
    expect(existsSync(join(codexDir, 'hooks.json'))).toBe(false);
    expect(existsSync(join(codexDir, 'config.toml'))).toBe(false);
  });

  it('leaves a notify program the user set, and writes nothing on a dry run', () => {
    const own = 'notify = ["python3", "/home/me/notify.py"]\n' + CONFIG_TOML;
    writeFileSync(join(codexDir, 'config.toml'), own);
    const dry = codexInstaller().install(env(), opts(true));
    expect(dry.changes[0]!.action).toBe('create');
    expect(existsSync(join(codexDir, 'hooks.json'))).toBe(false);
    codexInstaller().install(env(), opts());
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(own);
    codexInstaller().uninstall(env(), opts());
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(own);
  });

  it('registers the MCP server under [mcp_servers] when asked, and removes exactly it', () => {
    writeFileSync(join(codexDir, 'config.toml'), CONFIG_TOML);
    const mcp = batonMcpEntry({
      command: '/usr/bin/node',
      args: ['/opt/baton/bin/baton.js', 'mcp'],
    });
    const report = codexInstaller().install(env(), { ...opts(), mcp });
    expect(report.changes[1]!.details).toContain('+ [mcp_servers.baton]');
    const toml = parse(readFileSync(join(codexDir, 'config.toml'), 'utf8')) as {
      mcp_servers: Record<string, { command: string }>;
    };
    expect(toml.mcp_servers.baton!.command).toBe('/usr/bin/node');
    expect(toml.mcp_servers.context7).toBeDefined();
    codexInstaller().uninstall(env(), { ...opts(), mcp });
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(CONFIG_TOML);
  });

  it('uninstall removes the MCP server even when it is not named (install --no-mcp later)', () => {
    writeFileSync(join(codexDir, 'config.toml'), CONFIG_TOML);
    codexInstaller().install(env(), { ...opts(), mcp: batonMcpEntry() });
    const removed = codexInstaller().uninstall(env(), opts());
    expect(removed.changes[1]!.details).toContain('- [mcp_servers.baton]');
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe(CONFIG_TOML);
  });

  it('refuses a config.toml it cannot parse, changing nothing', () => {
    writeFileSync(join(codexDir, 'config.toml'), 'model = \n[broken');
    expect(() => codexInstaller().install(env(), opts())).toThrow(/not TOML/);
    expect(readFileSync(join(codexDir, 'config.toml'), 'utf8')).toBe('model = \n[broken');
  });
});
