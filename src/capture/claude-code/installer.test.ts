// Pins `baton install|uninstall claude-code` on real files in a temporary home: entries merged
// beside other users' hooks, idempotent, backed up, dry-run writes nothing, CLAUDE_CONFIG_DIR and
// HOME honoured, and uninstall gives back the original file byte for byte.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentEnv, InstallOptions } from '../adapter.js';
import { CLAUDE_HOOKS } from './hook-entries.js';
import { claudeInstaller } from './installer.js';
import { claudeCodeStatus } from './status.js';

let root: string;
let env: AgentEnv;
let settings: string;
let options: InstallOptions;
const installer = claudeInstaller(() => 1_700_000_000_000);

const OTHER_USERS_SETTINGS = `{
  // my settings
  "model": "opus",
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [{ "type": "command", "command": "~/bin/guard.sh" }]
      }
    ],
    "Stop": [
      { "hooks": [{ "type": "command", "command": "say done" }] }
    ]
  },
  "permissions": { "allow": ["Bash(npm test)"] }
}
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-install-'));
  env = { env: { HOME: join(root, 'home') }, cwd: root };
  settings = join(root, 'home', '.claude', 'settings.json');
  options = {
    scope: 'user',
    dryRun: false,
    batonCommand: '"/usr/bin/node" "/opt/baton/bin/baton.js"',
    backupDir: join(root, 'baton', 'backups'),
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = () => readFileSync(settings, 'utf8');
const write = (text: string) => {
  mkdirSync(join(root, 'home', '.claude'), { recursive: true });
  writeFileSync(settings, text);
};
const parsedHooks = () =>
  (
    parse(read()) as {
      hooks: Record<string, { hooks: { command: string; async?: boolean }[] }[]>;
    }
  ).hooks;

describe('claude-code installer', () => {
  it('creates the user settings with every hook, tool hooks async, and says what it added', () => {
    const report = installer.install(env, options);
    expect(report.changes[0]).toMatchObject({ file: settings, action: 'create', backup: null });
    expect(report.changes[0]!.details).toHaveLength(CLAUDE_HOOKS.length);
    // The shell script behind a spooled hook is named by the Node hook it stands for, not printed.
    expect(report.changes[0]!.details).toContain(
      '+ SessionEnd (detached): "/usr/bin/node" "/opt/baton/bin/baton.js" hook claude-code (spooled by the shell)',
    );
    const hooks = parsedHooks();
    expect(Object.keys(hooks)).toEqual(CLAUDE_HOOKS.map((h) => h.event));
    expect(hooks.PreToolUse![0]!.hooks[0]).toEqual({
      type: 'command',
      command: '"/usr/bin/node" "/opt/baton/bin/baton.js" hook claude-code',
      async: true,
      timeout: 30,
    });
    expect(hooks.SessionStart![0]!.hooks[0]!.async).toBeUndefined();
  });

  it('merges beside other hooks, is idempotent, and uninstalls back to the exact original bytes', () => {
    write(OTHER_USERS_SETTINGS);
    const first = installer.install(env, options);
    expect(first.changes[0]).toMatchObject({ action: 'update' });
    expect(readFileSync(first.changes[0]!.backup!, 'utf8')).toBe(OTHER_USERS_SETTINGS);
    const installed = read();
    expect(parsedHooks().PreToolUse!.map((g) => g.hooks[0]!.command)).toEqual([
      '~/bin/guard.sh',
      expect.stringContaining('hook claude-code'),
    ]);
    expect(installed.startsWith('{\n  // my settings\n  "model": "opus",')).toBe(true);
    const again = installer.install(env, options);
    expect(again.changes[0]).toMatchObject({ action: 'unchanged', details: [] });
    expect(read()).toBe(installed);
    const removed = installer.uninstall(env, options);
    expect(removed.changes[0]!.details).toHaveLength(CLAUDE_HOOKS.length);
    expect(read()).toBe(OTHER_USERS_SETTINGS);
  });

  it('with its MCP server: mcp_tool hooks for what the server answers, commands for the rest; reinstalling either way and uninstalling are exact', () => {
    write(OTHER_USERS_SETTINGS);
    const withMcp = { ...options, mcp: { command: 'baton', args: ['mcp'] } };
    installer.install(env, withMcp);
    type Handlers = Record<string, { hooks: Record<string, unknown>[] }[]>;
    const ours = (event: string) =>
      (parsedHooks() as unknown as Handlers)[event]!.at(-1)!.hooks[0]!;
    for (const event of ['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop'])
      expect(ours(event)).toMatchObject({
        type: 'mcp_tool',
        server: 'baton',
        tool: 'hook_event',
        input: expect.objectContaining({
          hook_event_name: '${hook_event_name}',
          tool_input: '${tool_input}',
        }) as unknown,
      });
    // SessionStart: the shell prints a prepared brief when it is still exact, else runs the hook.
    expect(ours('SessionStart')).toEqual({
      type: 'command',
      command: expect.stringMatching(
        /^h="\$\{BATON_HOME:-[^\n]*\n[^]*\|\| exec "\/usr\/bin\/node" "\/opt\/baton\/bin\/baton.js" hook claude-code\n/,
      ) as unknown,
      timeout: 15,
    });
    expect(ours('PreCompact')).toMatchObject({ type: 'command' });
    expect(ours('SessionEnd')).toMatchObject({
      type: 'command',
      // Spooled by the shell, which starts the worker once Claude Code has exited
      // (spool-command.ts).
      command: expect.stringMatching(
        /^: baton hook claude-code SessionEnd; .* nice -n "\$b_wi" sh -c '.*exec "\$@" hook --background' sh "\$PPID" .* "\/usr\/bin\/node" "\/opt\/baton\/bin\/baton.js" </,
      ) as unknown,
    });
    const installed = read();
    expect(installer.install(env, withMcp).changes[0]).toMatchObject({ action: 'unchanged' });
    expect(read()).toBe(installed);
    // Hooks only again: the same handlers become commands, in place.
    const hooksOnly = installer.install(env, options);
    expect(hooksOnly.changes[0]!.details.filter((d) => d.startsWith('~'))).toHaveLength(9);
    expect(ours('Stop')).toMatchObject({ type: 'command' });
    installer.install(env, withMcp);
    expect(read()).toBe(installed);
    expect(installer.uninstall(env, options).changes[0]!.details).toHaveLength(CLAUDE_HOOKS.length);
    expect(read()).toBe(OTHER_USERS_SETTINGS);
  });

  it('keeps the user’s own edits made after install when uninstalling', () => {
    write(OTHER_USERS_SETTINGS);
    installer.install(env, options);
    write(read().replace('"model": "opus"', '"model": "sonnet"'));
    installer.uninstall(env, options);
    expect(read()).toBe(OTHER_USERS_SETTINGS.replace('"model": "opus"', '"model": "sonnet"'));
  });

  it('keeps one-line and tab-indented files exactly as they were around its entries', () => {
    for (const original of [
      '{"model":"x"}',
      '{\n\t"model": "x"\n}\n',
      '{}',
      '{"hooks":{"Stop":[]}}\n',
    ]) {
      write(original);
      installer.install(env, options);
      expect(() => JSON.parse(read()) as unknown).not.toThrow();
      expect(parsedHooks().SessionStart).toHaveLength(1);
      installer.uninstall(env, options);
      expect(read()).toBe(original);
    }
  });

  it('updates its command in place when Baton moved, instead of adding a second one', () => {
    write(OTHER_USERS_SETTINGS);
    installer.install(env, options);
    const moved = installer.install(env, { ...options, batonCommand: 'baton' });
    expect(moved.changes[0]!.details.every((d) => d.startsWith('~ '))).toBe(true);
    expect(parsedHooks().Stop!.map((g) => g.hooks[0]!.command)).toEqual([
      'say done',
      'baton hook claude-code',
    ]);
  });

  it('upgrades an install whose SessionStart ran the hook directly, in place, and uninstalls exactly', () => {
    write(OTHER_USERS_SETTINGS);
    installer.install(env, options);
    const current = read();
    const start = parsedHooks().SessionStart![0]!.hooks[0]!.command;
    // The form Baton wrote before SessionStart could be served from a prepared brief.
    const older = current.replace(
      JSON.stringify(start),
      JSON.stringify('"/usr/bin/node" "/opt/baton/bin/baton.js" hook claude-code'),
    );
    expect(older).not.toBe(current);
    write(older);
    const upgraded = installer.install(env, options);
    expect(upgraded.changes[0]!.details).toEqual([
      '~ SessionStart: "/usr/bin/node" "/opt/baton/bin/baton.js" hook claude-code (a prepared brief from the shell when exact)',
    ]);
    expect(read()).toBe(current);
    installer.uninstall(env, options);
    expect(read()).toBe(OTHER_USERS_SETTINGS);
  });

  it('changes nothing on a dry run', () => {
    write(OTHER_USERS_SETTINGS);
    const report = installer.install(env, { ...options, dryRun: true });
    expect(report.changes[0]).toMatchObject({ action: 'update', backup: null });
    expect(report.changes[0]!.details.length).toBeGreaterThan(0);
    expect(read()).toBe(OTHER_USERS_SETTINGS);
    expect(existsSync(options.backupDir)).toBe(false);
  });

  it('honours CLAUDE_CONFIG_DIR, and removes a settings file it created', () => {
    const configDir = join(root, 'elsewhere');
    const custom = { ...env, env: { ...env.env, CLAUDE_CONFIG_DIR: configDir } };
    installer.install(custom, options);
    expect(existsSync(join(configDir, 'settings.json'))).toBe(true);
    expect(existsSync(settings)).toBe(false);
    expect(installer.uninstall(custom, options).changes[0]!.action).toBe('delete');
    expect(readdirSync(configDir)).toEqual([]);
  });

  it('installs per project into .claude/settings.local.json of the project root', () => {
    const report = installer.install(env, { ...options, scope: 'project' });
    expect(report.changes[0]!.file).toBe(join(root, '.claude', 'settings.local.json'));
  });

  it('refuses to edit a file it cannot parse, and leaves it alone', () => {
    write('{ "hooks": [1, 2] ');
    expect(() => installer.install(env, options)).toThrow(
      /not a JSON object Baton can edit safely/,
    );
    write('{ "hooks": [] }');
    expect(() => installer.install(env, options)).toThrow(/not an object/);
    expect(read()).toBe('{ "hooks": [] }');
  });

  it('reports installation for doctor: per scope, with missing events', () => {
    write(OTHER_USERS_SETTINGS);
    expect(claudeCodeStatus(env, null, join(root, 'baton')).installed).toBe(false);
    installer.install(env, options);
    const status = claudeCodeStatus(env, null, join(root, 'baton'));
    expect(status.installed).toBe(true);
    expect(status.scopes[0]).toMatchObject({ scope: 'user', missing: [], problem: null });
    expect(status).toMatchObject({
      lastSeenAt: null,
      errorCount: 0,
      spooled: 0,
      recentLogLines: [],
    });
    write(applyEdits(read(), modify(read(), ['hooks', 'SessionEnd'], [], {})));
    expect(claudeCodeStatus(env, null, join(root, 'baton')).scopes[0]!.missing).toEqual([
      'SessionEnd',
    ]);
  });
});
