// Pins `baton install|uninstall gemini`: settings.json (JSONC, with comments and other tools'
// hooks and MCP servers) gains exactly Baton's hooks with millisecond timeouts, a second install
// changes nothing, and uninstall gives back every byte.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batonMcpEntry } from '../install/mcp-config/index.js';
import { geminiInstaller } from './installer.js';

const BATON = 'baton';

const SETTINGS = `{
  // theme and auth are the user's
  "theme": "GitHub",
  "mcpServers": {
    "github": { "command": "github-mcp", "args": [], "timeout": 30000 }
  },
  "hooks": {
    "BeforeTool": [
      {
        "matcher": "write_file|replace",
        "hooks": [{ "name": "guard", "type": "command", "command": "$GEMINI_PROJECT_DIR/.gemini/hooks/guard.sh", "timeout": 5000 }]
      }
    ],
    "SessionStart": [
      { "hooks": [{ "name": "hello", "type": "command", "command": "echo '{}'" }] }
    ]
  }
}
`;

describe('Gemini CLI installer', () => {
  let home: string;
  const file = () => join(home, '.gemini', 'settings.json');
  const env = () => ({ env: { HOME: home }, cwd: home });
  const opts = (dryRun = false) => ({
    scope: 'user' as const,
    dryRun,
    batonCommand: BATON,
    backupDir: join(home, 'backups'),
  });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'baton-gemini-install-'));
    mkdirSync(join(home, '.gemini'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('adds its hooks beside other entries and comments, and removes exactly them', () => {
    writeFileSync(file(), SETTINGS);
    const report = geminiInstaller(() => 1).install(env(), opts());
    expect(report.changes[0]!.action).toBe('update');
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('// theme and auth are the user');
    const settings = parse(text) as {
      hooks: Record<string, { hooks: { command: string; timeout: number; name: string }[] }[]>;
      mcpServers: object;
    };
    expect(settings.hooks.SessionStart).toHaveLength(2);
    // SessionStart's brief is waited for; the shell spools the others itself (no Node start).
    expect(settings.hooks.SessionStart![1]!.hooks[0]!).toMatchObject({
      name: 'baton',
      // A prepared brief printed by the shell when it is still exact, else the hook itself.
      command: expect.stringContaining('|| exec baton hook gemini\n') as unknown,
    });
    const ours = settings.hooks.AfterAgent![0]!.hooks[0]!;
    expect(ours.name).toBe('baton');
    expect(ours.command).toMatch(/^: baton hook gemini AfterAgent; .*&& cat; }/);
    expect(ours.timeout).toBeGreaterThanOrEqual(1000); // milliseconds
    expect(settings.hooks.BeforeTool).toHaveLength(1);
    expect(geminiInstaller().install(env(), opts()).changes[0]!.action).toBe('unchanged');
    const removed = geminiInstaller(() => 2).uninstall(env(), opts());
    expect(removed.changes[0]!.details.length).toBe(7);
    expect(readFileSync(file(), 'utf8')).toBe(SETTINGS);
  });

  it('registers PreCompress for manual compressions only, and upgrades an install without the matcher', () => {
    writeFileSync(file(), SETTINGS);
    geminiInstaller().install(env(), opts());
    type Groups = Record<string, { matcher?: string; hooks: { command: string }[] }[]>;
    const hooksOf = () => (parse(readFileSync(file(), 'utf8')) as { hooks: Groups }).hooks;
    // Gemini compares a lifecycle matcher with PreCompress's trigger: no process for `auto`.
    expect(hooksOf().PreCompress).toEqual([
      { matcher: 'manual', hooks: [expect.objectContaining({ name: 'baton' })] },
    ]);
    expect(hooksOf().AfterAgent![0]!.matcher).toBeUndefined();
    // An install from before the matcher: its group is written anew, then nothing changes.
    const installed = readFileSync(file(), 'utf8');
    const older = installed.replace(/"matcher": "manual",\s*/, '');
    expect(older).not.toBe(installed);
    writeFileSync(file(), older);
    const upgrade = geminiInstaller().install(env(), opts());
    expect(upgrade.changes[0]!.details).toEqual([expect.stringMatching(/^~ PreCompress: /)]);
    expect(hooksOf().PreCompress![0]!.matcher).toBe('manual');
    expect(geminiInstaller().install(env(), opts()).changes[0]!.action).toBe('unchanged');
    geminiInstaller().uninstall(env(), opts());
    expect(readFileSync(file(), 'utf8')).toBe(SETTINGS);
  });

  it('leaves a user’s own PreCompress group with another matcher alone', () => {
    const mine = SETTINGS.replace(
      '"SessionStart": [',
      '"PreCompress": [\n      { "matcher": "auto", "hooks": [{ "name": "mine", "type": "command", "command": "echo" }] }\n    ],\n    "SessionStart": [',
    );
    writeFileSync(file(), mine);
    geminiInstaller().install(env(), opts());
    const groups = (parse(readFileSync(file(), 'utf8')) as { hooks: Record<string, unknown[]> })
      .hooks.PreCompress!;
    expect(groups).toHaveLength(2);
    geminiInstaller().uninstall(env(), opts());
    expect(readFileSync(file(), 'utf8')).toBe(mine);
  });

  it('registers the MCP server under mcpServers when asked, and removes exactly it', () => {
    writeFileSync(file(), SETTINGS);
    const mcp = batonMcpEntry();
    geminiInstaller().install(env(), { ...opts(), mcp });
    const settings = parse(readFileSync(file(), 'utf8')) as {
      mcpServers: Record<string, { command: string; args: string[] }>;
    };
    expect(settings.mcpServers.baton).toEqual({ command: 'baton', args: ['mcp'] });
    expect(settings.mcpServers.github).toBeDefined();
    geminiInstaller().uninstall(env(), { ...opts(), mcp });
    expect(readFileSync(file(), 'utf8')).toBe(SETTINGS);
  });

  it('uninstall removes the MCP server even when it is not named', () => {
    writeFileSync(file(), SETTINGS);
    geminiInstaller().install(env(), { ...opts(), mcp: batonMcpEntry() });
    const removed = geminiInstaller().uninstall(env(), opts());
    expect(removed.changes[0]!.details).toContain('- mcpServers.baton');
    expect(readFileSync(file(), 'utf8')).toBe(SETTINGS);
  });

  it('dry run writes nothing; a created file is deleted again', () => {
    geminiInstaller().install(env(), opts(true));
    expect(existsSync(file())).toBe(false);
    geminiInstaller().install(env(), opts());
    expect(existsSync(file())).toBe(true);
    expect(geminiInstaller().uninstall(env(), opts()).changes[0]!.action).toBe('delete');
    expect(existsSync(file())).toBe(false);
  });
});
