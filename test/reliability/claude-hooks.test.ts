// The load suites' stand-in for Claude Code's hook runner (claude-hooks.ts): `${field}`
// interpolation of an `mcp_tool` handler's input, which handlers an event fires, and the shell run
// of a command handler.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hookToolInput, payloadFromToolArguments } from '../../src/capture/claude-code/mcp-hook.js';
import type { InstalledHooks } from './claude-hooks.js';
import { handlersFor, interpolate, readInstalledHooks, runShell } from './claude-hooks.js';

const root = mkdtempSync(join(tmpdir(), 'baton-claude-hooks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('interpolate', () => {
  it('fills strings as they are, objects JSON-stringified, numbers and booleans as text, missing fields as ""', () => {
    const input = {
      hook_event_name: 'PostToolUse',
      tool_input: { command: 'ls -la', flags: ['a', 'l'] },
      duration_ms: 12,
      is_interrupt: false,
      error: null,
    };
    expect(
      interpolate(
        {
          event: '${hook_event_name}',
          input: '${tool_input}',
          ms: '${duration_ms}',
          interrupted: '${is_interrupt}',
          error: '${error}',
          missing: '${tool_response}',
        },
        input,
      ),
    ).toEqual({
      event: 'PostToolUse',
      input: '{"command":"ls -la","flags":["a","l"]}',
      ms: '12',
      interrupted: 'false',
      error: '',
      missing: '',
    });
  });

  it('reads dotted paths, fills placeholders inside text and at any depth, keeps the rest', () => {
    const input = { tool_name: 'Bash', tool_input: { command: 'echo ${HOME}', n: 2 } };
    expect(
      interpolate(
        {
          say: 'run ${tool_name}: ${tool_input.command} (${ tool_input.n }x)',
          nested: { list: ['${tool_name}', 7, true, null], none: '${tool_input.nope.deeper}' },
          plain: 'no placeholders',
          count: 3,
        },
        input,
      ),
    ).toEqual({
      say: 'run Bash: echo ${HOME} (2x)', // a value's own `${…}` is not expanded again
      nested: { list: ['Bash', 7, true, null], none: '' },
      plain: 'no placeholders',
      count: 3,
    });
  });

  it("filled into Baton's installed template, gives the server back the hook's payload", () => {
    const payload = {
      hook_event_name: 'PreToolUse',
      session_id: 's-1',
      cwd: '/work/app',
      tool_name: 'Bash',
      tool_use_id: 'toolu_1',
      tool_input: { command: 'npm test', timeout: 5000 },
    };
    const args = interpolate(hookToolInput(), payload);
    expect(JSON.parse(payloadFromToolArguments(args)!)).toEqual(payload);
  });
});

describe('handlersFor', () => {
  const command = (c: string) => ({ type: 'command' as const, command: c });
  const installed: InstalledHooks = {
    events: {
      PreToolUse: [
        { hooks: [command('all')] },
        { matcher: 'Edit|Write', hooks: [command('edits')] },
        { matcher: '*', hooks: [command('star')] },
        { matcher: 'Bas', hooks: [command('not a prefix match')] },
      ],
    },
    servers: {},
  };

  it('fires the groups whose matcher takes the whole tool name, and none for an event that has none', () => {
    const names = (tool: string) =>
      handlersFor(installed, { hook_event_name: 'PreToolUse', tool_name: tool }).map((h) =>
        h.type === 'command' ? h.command : h.tool,
      );
    expect(names('Bash')).toEqual(['all', 'star']);
    expect(names('Write')).toEqual(['all', 'edits', 'star']);
    expect(handlersFor(installed, { hook_event_name: 'Stop' })).toEqual([]);
  });
});

describe('readInstalledHooks', () => {
  it("reads settings.json's hooks and ~/.claude.json's servers; no ~/.claude.json, no servers", () => {
    const home = join(root, 'home');
    mkdirSync(join(home, '.claude'), { recursive: true });
    const hooks = {
      Stop: [{ hooks: [{ type: 'mcp_tool', server: 'baton', tool: 't', input: {} }] }],
    };
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ hooks }));
    expect(readInstalledHooks(home)).toEqual({ events: hooks, servers: {} });
    const servers = { baton: { type: 'stdio', command: 'node', args: ['baton', 'mcp'], env: {} } };
    writeFileSync(join(home, '.claude.json'), JSON.stringify({ mcpServers: servers }));
    expect(readInstalledHooks(home).servers).toEqual(servers);
  });
});

describe('runShell', () => {
  it('gives the command its input on stdin and reports a failing exit with its stderr', async () => {
    const env = { PATH: process.env.PATH };
    expect(
      await runShell('cat; printf " from $PWD"', { cwd: root, env, input: '{"a":1}' }),
    ).toEqual({ ok: true, stdout: `{"a":1} from ${root}` });
    const failed = await runShell('echo out; echo why >&2; exit 3', { cwd: root, env, input: '' });
    expect(failed).toEqual({ ok: false, stdout: 'out\n', failure: 'exit 3 why' });
  });
});
