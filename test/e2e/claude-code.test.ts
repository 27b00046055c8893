// End to end, as a user and as Claude Code would run it: in a temporary home, `baton install
// claude-code`, then the installed hook command fed real-shaped payloads for a whole session
// (start → prompts → tools → todos → compact → end), then a new session's start prints a brief
// naming the open todos and the last prompt; the MCP server registered in ~/.claude.json starts
// `baton mcp`; and uninstall leaves no trace.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = resolve('bin/baton.js');
let root: string;
let env: NodeJS.ProcessEnv;
let project: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-e2e-cc-'));
  project = join(root, 'work', 'shop');
  mkdirSync(project, { recursive: true });
  const { CLAUDE_CONFIG_DIR: _c, BATON_SESSION: _s, ...rest } = process.env;
  env = {
    ...rest,
    HOME: join(root, 'home'),
    BATON_HOME: join(root, 'baton'),
    NO_COLOR: '1',
    CI: '1',
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function baton(args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...env, ...extraEnv },
    cwd: project,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the hook exactly as installed in settings.json, through a shell like Claude Code does. */
function installedHook(command: string, payload: unknown, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('/bin/sh', ['-c', command], {
    env: { ...env, ...extraEnv },
    cwd: project,
    input: typeof payload === 'string' ? payload : JSON.stringify(payload),
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const settingsPath = () => join(root, 'home', '.claude', 'settings.json');
const userConfigPath = () => join(root, 'home', '.claude.json');

describe('baton with Claude Code (e2e)', () => {
  it('records a whole session through the installed hooks and briefs the next one', () => {
    const install = baton(['install', 'claude-code']);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('+ SessionStart');
    const settings = JSON.parse(readFileSync(settingsPath(), 'utf8')) as {
      hooks: Record<string, { hooks: Record<string, unknown>[] }[]>;
    };
    // With its MCP server, the tool hooks go to the running `baton mcp` (the real-client suites and
    // the hooks-under-load soak drive that path); SessionStart stays the hook command, which every
    // event below is fed to, as `--no-mcp` installs them all.
    expect(settings.hooks.PreToolUse![0]!.hooks[0]!).toMatchObject({
      type: 'mcp_tool',
      server: 'baton',
    });
    // SessionStart's command is a shell script printing a prepared brief when it is still exact and
    // running the hook otherwise (every other event fed to it below is handed to the hook).
    const command = settings.hooks.SessionStart![0]!.hooks[0]!.command as string;
    expect(command).toMatch(/\|\| exec "[^"]+" "[^"]+" hook claude-code\n/);
    expect(install.stdout).toContain('+ mcpServers.baton');
    const server = (
      JSON.parse(readFileSync(userConfigPath(), 'utf8')) as {
        mcpServers: { baton: { command: string; args: string[] } };
      }
    ).mcpServers.baton;
    // Its POSIX sh front (dist/mcp.sh), given Baton's home, then this node and this baton.
    expect(server.command).toBe('/bin/sh');
    expect(server.args.slice(2)).toEqual([process.execPath, BIN, 'mcp']);
    expect(server.args[0]).toBe(join(BIN, '..', '..', 'dist', 'mcp.sh'));
    // The entry starts Baton's MCP command from anywhere, without PATH.
    const help = spawnSync(server.command, [...server.args, '--help'], {
      env: { HOME: env.HOME },
      cwd: root,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: baton mcp/);

    const S = 'aaaaaaaa-0000-4000-8000-000000000001';
    const base = {
      session_id: S,
      transcript_path: join(root, 'home', '.claude', 'projects', '-shop', `${S}.jsonl`),
      cwd: project,
    };
    const todos = [
      {
        content: 'Switch totals to integer cents',
        status: 'completed',
        activeForm: 'Switching totals',
      },
      {
        content: 'Add a property test for totals',
        status: 'in_progress',
        activeForm: 'Adding a property test',
      },
      { content: 'Update the changelog', status: 'pending', activeForm: 'Updating the changelog' },
    ];
    const steps: Record<string, unknown>[] = [
      { hook_event_name: 'SessionStart', source: 'startup', model: 'claude-sonnet-4-5' },
      {
        hook_event_name: 'UserPromptSubmit',
        prompt: 'Checkout totals are off by a cent; fix the rounding',
      },
      {
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_use_id: 'toolu_01',
      },
      {
        hook_event_name: 'PostToolUseFailure',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_use_id: 'toolu_01',
        error: 'Exit code 1\nFAIL cart.test.ts',
        is_interrupt: false,
      },
      {
        hook_event_name: 'PreToolUse',
        tool_name: 'TodoWrite',
        tool_input: { todos },
        tool_use_id: 'toolu_02',
      },
      {
        hook_event_name: 'PostToolUse',
        tool_name: 'TodoWrite',
        tool_input: { todos },
        tool_use_id: 'toolu_02',
        tool_response: { oldTodos: [], newTodos: todos },
      },
      { hook_event_name: 'PreCompact', trigger: 'auto', custom_instructions: '' },
      {
        hook_event_name: 'PostCompact',
        trigger: 'auto',
        compact_summary: 'Fixed rounding; tests and changelog remain.',
      },
      { hook_event_name: 'SessionStart', source: 'compact' },
      { hook_event_name: 'UserPromptSubmit', prompt: 'now write the property test for totals' },
      {
        hook_event_name: 'Notification',
        message: 'Claude needs your permission',
        notification_type: 'permission_prompt',
      },
      { hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: 'Done.' },
      { hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' },
    ];
    for (const step of steps) {
      const r = installedHook(command, { ...base, ...step });
      expect(r.code, `${String(step.hook_event_name)}: ${r.stderr}`).toBe(0);
      if (step.hook_event_name !== 'SessionStart')
        expect(r.stdout, String(step.hook_event_name)).toBe('');
    }

    const next = installedHook(command, {
      ...base,
      session_id: 'bbbbbbbb-0000-4000-8000-000000000002',
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    expect(next.code).toBe(0);
    const out = JSON.parse(next.stdout) as {
      hookSpecificOutput: { hookEventName: string; additionalContext: string };
    };
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    const brief = out.hookSpecificOutput.additionalContext;
    expect(brief.length).toBeLessThan(10_000);
    expect(brief).toMatch(
      /## Todos\n- #\d+ \[in progress\] Add a property test for totals.*\n- #\d+ \[pending\] Update the changelog/,
    );
    expect(brief).toMatch(/## Task in progress\n#\d+ Add a property test for totals/);
    expect(brief).toMatch(/#\d+ \[done\] Switch totals to integer cents/);
    expect(brief).toContain('now write the property test for totals');
    expect(brief).toContain('ended (prompt_input_exit)');

    const sessions = JSON.parse(baton(['session', 'list', '--json']).stdout) as {
      agentSessionId: string;
      status: string;
      endReason: string | null;
    }[];
    expect(sessions.find((s) => s.agentSessionId === S)).toMatchObject({
      status: 'ended',
      endReason: 'prompt_input_exit',
    });
    const todoList = JSON.parse(baton(['todo', 'list', '--json', '--all']).stdout) as {
      content: string;
      status: string;
    }[];
    expect(todoList.map((t) => [t.content, t.status])).toEqual(
      todos.map((t) => [t.content, t.status]),
    );

    expect(baton(['uninstall', 'claude-code']).code).toBe(0);
    expect(existsSync(settingsPath())).toBe(false);
    expect(existsSync(userConfigPath())).toBe(false);
  });

  it('uninstall leaves a settings file with other users’ hooks byte for byte as it was', () => {
    const original =
      '{\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "say done" }] }]\n  },\n  "model": "opus"\n}\n';
    const userConfig =
      '{\n  "numStartups": 3,\n  "mcpServers": {\n    "db": { "command": "db-mcp", "args": [] }\n  }\n}\n';
    mkdirSync(join(root, 'home', '.claude'), { recursive: true });
    writeFileSync(settingsPath(), original);
    writeFileSync(userConfigPath(), userConfig);
    const dry = baton(['install', 'claude-code', '--dry-run']).stdout;
    expect(dry).toContain('would update');
    expect(dry).toMatch(/\.claude\.json — would update[^\n]*\n {2}\+ mcpServers\.baton: /);
    expect(readFileSync(settingsPath(), 'utf8')).toBe(original);
    expect(readFileSync(userConfigPath(), 'utf8')).toBe(userConfig);
    expect(baton(['install', 'claude-code']).code).toBe(0);
    expect(readFileSync(userConfigPath(), 'utf8')).toContain('"baton"');
    const again = baton(['install', 'claude-code']).stdout;
    expect(again.match(/already as wanted/g)).toHaveLength(2);
    expect(baton(['uninstall', 'claude-code']).code).toBe(0);
    expect(readFileSync(settingsPath(), 'utf8')).toBe(original);
    expect(readFileSync(userConfigPath(), 'utf8')).toBe(userConfig);
  });

  it('install --no-mcp registers the hooks only', () => {
    const r = baton(['install', 'claude-code', '--no-mcp']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('mcpServers');
    expect(existsSync(settingsPath())).toBe(true);
    expect(existsSync(userConfigPath())).toBe(false);
    // Without the server, the tool hooks are async commands.
    const settings = JSON.parse(readFileSync(settingsPath(), 'utf8')) as {
      hooks: Record<string, { hooks: { command: string; async?: boolean }[] }[]>;
    };
    expect(settings.hooks.PreToolUse![0]!.hooks[0]!).toMatchObject({ async: true });
    expect(settings.hooks.PreToolUse![0]!.hooks[0]!.command).toMatch(/ hook claude-code$/);
  });

  it('never fails the agent: garbage stdin, unknown agents and a locked store all exit 0 silently', async () => {
    for (const input of ['', 'not json', '{"hook_event_name":"PreToolUse"}', '\u0000\u0001']) {
      const r = baton(['hook', 'claude-code'], input);
      expect(r).toMatchObject({ code: 0, stdout: '' });
    }
    expect(baton(['hook', 'no-such-agent'], '{}')).toMatchObject({ code: 0, stdout: '' });
    const log = readFileSync(join(root, 'baton', 'logs', 'hooks.log'), 'utf8');
    expect(log.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);

    const holder = await holdWriteLock(join(root, 'baton', 'baton.db'));
    try {
      const payload = JSON.stringify({
        session_id: 's',
        cwd: project,
        hook_event_name: 'SessionStart',
        source: 'startup',
      });
      expect(
        baton(['hook', 'claude-code'], payload, {
          BATON_HOOK_BUSY_MS: '100',
          BATON_HOOK_WAIT_MS: '100',
        }),
      ).toMatchObject({ code: 0, stdout: '' });
    } finally {
      holder.kill();
    }
    // A busy store does not lose the start: it waits in the spool for the background worker.
    expect(baton(['hook', '--wait'], '')).toMatchObject({ code: 0 });
    const sessions = JSON.parse(
      baton(['session', 'list', '--all-projects', '--json'], '').stdout,
    ) as { agentSessionId: string }[];
    expect(sessions.map((x) => x.agentSessionId)).toContain('s');
  });
});

/** Another process holding the store's write lock until killed. */
async function holdWriteLock(db: string): Promise<ChildProcess> {
  mkdirSync(dirname(db), { recursive: true });
  const script = `
    const D = require(${JSON.stringify(resolve(`node_modules/${Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3-prebuilt' : 'better-sqlite3'}`))});
    const db = new D(${JSON.stringify(db)});
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS hold (x)');
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO hold VALUES (1)');
    process.stdout.write('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    child.stdout.once('data', () => ready());
    child.once('exit', (code) => fail(new Error(`lock holder exited ${code}`)));
  });
  return child;
}
