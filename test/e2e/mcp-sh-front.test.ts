// `baton mcp`'s POSIX sh front as built (dist/mcp.sh, src/cli/mcp-entry/mcp-sh.ts), run by dash
// and by bash: what it answers is byte for byte what the Node entry answers to the same input, it
// starts no Node for the handshakes the genuine clients send (their lines as captured from Claude
// Code, Codex and Gemini CLI), hands every line it is not sure of to Node in the same process with
// the conversation intact, and spools Claude Code's hook events so that the store ends as the Node
// entry's spooling leaves it.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTED_REQUESTS } from '../../src/cli/mcp-entry/listing.js';
import { SH_LINE_BYTES, SH_TOTAL_BYTES } from '../../src/cli/mcp-entry/mcp-sh.js';
import { storePath } from '../../src/store/index.js';
import { HOOK_TOOL_FIELDS } from '../../src/capture/claude-code/mcp-hook.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
const FRONT = join(ROOT, 'dist', 'mcp.sh');
const SHELLS = ['dash', 'bash'].filter((sh) => spawnSync(sh, ['-c', 'exit 0']).status === 0);

let root: string;
let projectDir: string;
/** A "node" that notes it was started (in $NODE_MARK), then is node. */
let node: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-mcp-sh-'));
  projectDir = join(root, 'app');
  mkdirSync(projectDir);
  node = join(root, 'node');
  // (Only Baton's `mcp` counts: a spool worker started by the front is a Node process of its own.)
  writeFileSync(
    node,
    `#!/bin/sh\ncase " $* " in *" mcp "*) : >>"$NODE_MARK";; esac\nexec "${process.execPath}" "$@"\n`,
  );
  chmodSync(node, 0o755);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let runs = 0;

interface Run {
  code: number | null;
  out: string;
  stderr: string;
  /** Whether Node was started. */
  node: boolean;
}

/** Sends `input` to the sh front (`shell`) or, with shell `node`, to the Node entry. */
function run(
  shell: string,
  input: string,
  home: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Run {
  const mark = join(root, `mark-${++runs}`);
  const r =
    shell === 'node'
      ? spawnSync(process.execPath, [BIN, 'mcp', ...args], {
          cwd: projectDir,
          env: { PATH: process.env.PATH, HOME: root, BATON_HOME: home, ...env },
          input,
          encoding: 'utf8',
        })
      : spawnSync(shell, [FRONT, join(root, 'not-this-home'), node, BIN, 'mcp', ...args], {
          cwd: projectDir,
          env: { PATH: process.env.PATH, HOME: root, BATON_HOME: home, NODE_MARK: mark, ...env },
          input,
          encoding: 'utf8',
        });
  return { code: r.status, out: r.stdout, stderr: r.stderr, node: existsSync(mark) };
}

/** The events stored in `home` after an import, as `baton export --format events` gives them. */
function exportedEvents(home: string): Record<string, unknown>[] {
  const opts = {
    cwd: projectDir,
    env: { PATH: process.env.PATH, HOME: root, BATON_HOME: home },
    encoding: 'utf8' as const,
  };
  expect(spawnSync(process.execPath, [BIN, 'import', '--json'], opts).status).toBe(0);
  return spawnSync(process.execPath, [BIN, 'export', '--format', 'events', '--all-projects'], opts)
    .stdout.split('\n')
    .filter((l) => l.startsWith('{"session"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const lines = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

/** The clients' handshakes, as Claude Code 2.1.332 and 2.1.197, Codex 0.171 and Gemini 0.61 send them. */
const CLAUDE_INFO =
  '{"name":"claude-code","title":"Claude Code","version":"2.1.332","description":"Anthropic\'s agentic coding tool","websiteUrl":"https://claude.com/claude-code"}';
const CLAUDE_CAPS = '{"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}}';
const HANDSHAKES: Record<string, (version: string) => string[]> = {
  'claude-code 2.1.332': (v) => [
    `{"jsonrpc":"2.0","id":"server-discover-probe-1","method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":${CLAUDE_INFO},"io.modelcontextprotocol/clientCapabilities":${CLAUDE_CAPS}}}}`,
    `{"method":"initialize","params":{"protocolVersion":"${v}","capabilities":${CLAUDE_CAPS},"clientInfo":${CLAUDE_INFO}},"jsonrpc":"2.0","id":0}`,
    '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    ...LISTED_REQUESTS.map((m, i) => `{"method":"${m}","jsonrpc":"2.0","id":${i + 1}}`),
  ],
  'claude-code 2.1.197': (v) => [
    `{"method":"initialize","params":{"protocolVersion":"${v}","capabilities":{"roots":{},"elicitation":{}},"clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.197","description":"Anthropic's agentic coding tool","websiteUrl":"https://claude.com/claude-code"}},"jsonrpc":"2.0","id":0}`,
    '{"method":"notifications/initialized","jsonrpc":"2.0"}',
    ...LISTED_REQUESTS.map((m, i) => `{"method":"${m}","jsonrpc":"2.0","id":${i + 1}}`),
  ],
  'codex 0.171': (v) => [
    `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"${v}","capabilities":{"experimental":{"codex/auth-change":{}},"elicitation":{"form":{},"url":{}}},"clientInfo":{"name":"codex-mcp-client","title":"Codex","version":"0.171.0"}}}`,
    '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    ...LISTED_REQUESTS.map(
      (m, i) =>
        `{"jsonrpc":"2.0","id":${i + 1},"method":"${m}","params":{"_meta":{"progressToken":${i}}}}`,
    ),
  ],
  'gemini 0.61': (v) => [
    `{"method":"initialize","params":{"protocolVersion":"${v}","capabilities":{"roots":{"listChanged":true}},"clientInfo":{"name":"gemini-cli-mcp-client","version":"0.61.0"}},"jsonrpc":"2.0","id":0}`,
    '{"method":"notifications/initialized","jsonrpc":"2.0"}',
    ...LISTED_REQUESTS.map((m, i) => `{"method":"${m}","params":{},"jsonrpc":"2.0","id":${i + 1}}`),
  ],
  'the SDK, raw': (v) => [
    '{"jsonrpc":"2.0","id":"p","method":"server/discover","params":{"_meta":{}}}',
    `{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"${v}","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`,
    ...LISTED_REQUESTS.map((m, i) => `{"jsonrpc":"2.0","id":${900719925474 + i},"method":"${m}"}`),
  ],
};

describe.each(SHELLS)('the MCP server front in %s', (shell) => {
  it("answers each client's handshake, in every protocol version, as the Node entry does, without Node", () => {
    const home = join(root, `home-listing-${shell}`);
    for (const [client, handshake] of Object.entries(HANDSHAKES)) {
      for (const version of [...SUPPORTED_PROTOCOL_VERSIONS, '1999-01-01']) {
        const input = lines(handshake(version));
        const sh = run(shell, input, home);
        const js = run('node', input, home);
        expect(sh.code, client).toBe(0);
        expect(sh.out, `${client} ${version}`).toBe(js.out);
        expect(sh.out.split('\n').length, client).toBeGreaterThan(LISTED_REQUESTS.length);
        expect(sh.node, `${client} ${version} started node`).toBe(false);
      }
    }
    expect(existsSync(storePath(home))).toBe(false);
  });

  it('hands every line it is not sure of to Node, which answers as if it had started first', () => {
    const home = join(root, `home-unsure-${shell}`);
    const start = HANDSHAKES['claude-code 2.1.332']!('2025-06-18').slice(1, 3);
    const unsure = [
      'this is not json',
      '{"method":"tools/list","params":{"cursor":"x"},"jsonrpc":"2.0","id":5}',
      '{"method":"tools/list","jsonrpc":"2.0","id":05}',
      '{"method":"tools/list","jsonrpc":"2.0","id":1.5}',
      '{"method":"tools/list","jsonrpc":"2.0","id":12345678901234567890}',
      '{"method":"tools/list","jsonrpc":"2.0","id":"a\\u0062"}',
      '{"method":"tools/list","jsonrpc":"2.0","id":"a b"}',
      '{"method":"tools/list", "jsonrpc":"2.0","id":5}',
      '{"method":"tools/list","jsonrpc":"2.0","id":5}\r',
      '{"method":"tools/list","jsonrpc":"2.0","id":5,"id":6}',
      '{"method":"tools/\\u006cist","jsonrpc":"2.0","id":5}',
      '{"method":"no/such/method","jsonrpc":"2.0","id":5}',
      '{"jsonrpc":"2.0","id":5,"method":"ping","params":{"_meta":{"progressToken":01}}}',
      // A second initialize, and one with capabilities no client sends.
      start[0]!,
      start[0]!.replace(CLAUDE_CAPS, '{"sampling":{}}'),
      start[0]!.replace('"name":"claude-code"', '"name":"claude-code","x":1'),
      '{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"todo_list","arguments":{}}}',
    ];
    for (const [i, line] of unsure.entries()) {
      // Right at the start, and after the handshake (replayed to the server at the hand-over).
      for (const input of [
        lines([line, ...start]),
        lines([...start, line, '{"jsonrpc":"2.0","id":77,"method":"ping"}']),
      ]) {
        if (i === 13 && input.startsWith(line)) continue; // that one is the first initialize then
        const sh = run(shell, input, join(home, String(i)));
        const js = run('node', input, join(home, `${i}-node`));
        // Replies are matched by id: the full server answers requests as they finish (a ping
        // may pass a tool call), and before its `initialize` is answered a client has no order
        // to rely on at all. So the same replies, and after a handshake the same first reply.
        const replies = (out: string) =>
          out.replace(/"(createdAt|updatedAt|hlc|id)":"[^"]*"/g, '').split('\n');
        expect([...replies(sh.out)].sort(), line).toEqual([...replies(js.out)].sort());
        if (!input.startsWith(line)) expect(replies(sh.out)[0], line).toBe(replies(js.out)[0]);
        expect(sh.code, line).toBe(js.code);
        expect(sh.node, line).toBe(true);
      }
    }
  });

  it('hands over a last line without its newline, and a line longer than it reads', () => {
    const home = join(root, `home-tail-${shell}`);
    const start = HANDSHAKES['gemini 0.61']!('2025-06-18').slice(0, 2);
    const ping = '{"method":"ping","jsonrpc":"2.0","id":3}';
    const tail = run(shell, `${lines(start)}${ping}`, home);
    expect(tail.out).toBe(run('node', `${lines(start)}${ping}`, home).out);
    expect(tail.node).toBe(true);
    const long = `{"method":"ping","params":{"_meta":{"x":"${'y'.repeat(SH_LINE_BYTES)}"}},"jsonrpc":"2.0","id":4}`;
    const big = run(shell, lines([...start, long, ping]), home);
    expect(big.out).toBe(run('node', lines([...start, long, ping]), home).out);
    expect(big.node).toBe(true);
    // A blank line is skipped by both; the end of stdin ends the front (exit 0).
    const blank = run(shell, lines([...start, '', '   ', ping]), home);
    expect(blank).toMatchObject({ code: 0, node: false });
    expect(blank.out).toBe(run('node', lines([...start, '', '   ', ping]), home).out);
  });

  it('leaves --help and --project to Node from the first byte', () => {
    const help = run(shell, '', join(root, 'home-help'), {}, ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/serve Baton's memory to an agent over MCP/);
    expect(help.node).toBe(true);
    const session = run(shell, '', join(root, 'home-help'), {}, ['--session', 'x']);
    expect(session).toMatchObject({ code: 0, node: false });
  });

  it("spools Claude Code's hook events as the Node entry does: same store, same order, same answers", () => {
    const session = 'c0ffee00-0000-4000-8000-000000000051';
    // As Claude Code writes the call: every field, in the handler's order; empty when absent.
    const hookCall = (id: number, fields: Record<string, string>) =>
      JSON.stringify({
        method: 'tools/call',
        params: {
          name: 'hook_event',
          arguments: Object.fromEntries(
            HOOK_TOOL_FIELDS.map((f) => [
              f,
              ({ session_id: session, cwd: projectDir, ...fields } as Record<string, string>)[f] ??
                '',
            ]),
          ),
        },
        jsonrpc: '2.0',
        id,
      });
    const tool = (n: number) => ({
      tool_name: 'Bash',
      tool_input: JSON.stringify({ command: `echo "step ${n}"\necho done` }),
      tool_use_id: `toolu_sh_${n}`,
    });
    const calls = [
      hookCall(4, { hook_event_name: 'UserPromptSubmit', prompt: 'greet the "world"\n\tplease' }),
      ...[1, 2, 3, 4, 5].flatMap((n) => [
        hookCall(10 * n, { hook_event_name: 'PreToolUse', ...tool(n) }),
        hookCall(10 * n + 1, {
          hook_event_name: n === 3 ? 'PostToolUseFailure' : 'PostToolUse',
          ...tool(n),
          ...(n === 3
            ? { error: 'exit 1' }
            : { tool_response: JSON.stringify({ stdout: `step ${n}\ndone`, stderr: '' }) }),
        }),
      ]),
      hookCall(60, {
        hook_event_name: 'Notification',
        message: 'waiting',
        notification_type: 'idle_prompt',
      }),
    ];
    const input = lines([...HANDSHAKES['claude-code 2.1.332']!('2025-11-25'), ...calls]);
    const homes = {
      sh: join(root, `home-hooks-${shell}`),
      node: join(root, `home-hooks-${shell}-node`),
    };
    const sh = run(shell, input, homes.sh);
    const js = run('node', input, homes.node);
    expect(sh).toMatchObject({ code: 0, node: false, stderr: '' });
    expect(sh.out).toBe(js.out);
    // Each as the shell wrote it: its header, then the client's line as sent; names sort in order.
    const spooled = readdirSync(join(homes.sh, 'spool'))
      .filter((f) => f.endsWith('.hook'))
      .sort();
    expect(spooled).toHaveLength(calls.length);
    spooled.forEach((f, i) => {
      const [header, line, end] = readFileSync(join(homes.sh, 'spool', f), 'utf8').split('\n');
      expect(JSON.parse(header!)).toMatchObject({ agent: 'claude-code', from: 'sh-mcp' });
      expect([line, end]).toEqual([calls[i], '']);
    });
    const stored = (home: string) =>
      exportedEvents(home).map((e) => ({ kind: e.kind, text: e.text, tool: e.tool, data: e.data }));
    const fromSh = stored(homes.sh);
    expect(fromSh).toEqual(stored(homes.node));
    expect(fromSh.map((e) => e.kind)).toEqual([
      'user_message',
      ...[1, 2, 3, 4, 5].flatMap((n) => ['tool_call', n === 3 ? 'error' : 'tool_result']),
      'system',
    ]);
    expect(fromSh[0]!.text).toBe('greet the "world"\n\tplease');
  });

  it('starts the spool worker at a turn end, and leaves the events it does not spool to Node', () => {
    const home = join(root, `home-stop-${shell}`);
    const call = (id: number, event: string) =>
      `{"method":"tools/call","params":{"name":"hook_event","arguments":{"hook_event_name":"${event}","session_id":"c0ffee00-0000-4000-8000-0000000000a1","cwd":${JSON.stringify(projectDir)},"prompt":"","compact_summary":""}},"jsonrpc":"2.0","id":${id}}`;
    const start = HANDSHAKES['claude-code 2.1.332']!('2025-11-25').slice(1, 3);
    const stop = run(shell, lines([...start, call(5, 'Stop')]), home);
    expect(stop).toMatchObject({ code: 0, node: false });
    expect(stop.out.split('\n')[1]).toBe('{"result":{"content":[]},"jsonrpc":"2.0","id":5}');
    const wait = spawnSync(process.execPath, [BIN, 'hook', '--wait'], {
      env: { PATH: process.env.PATH, HOME: root, BATON_HOME: home },
    });
    expect(wait.status).toBe(0);
    // The worker it started (noted under spool/workers) drained the spool into the store.
    expect(existsSync(storePath(home))).toBe(true);
    expect(readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.hook'))).toEqual([]);
    // The worker waits for the agent (the front's parent) to exit: run the front under a parent
    // that lives on after it, and look from inside that parent. BATON_EXIT_WAIT is long, so only
    // the parent's exit can let the worker start.
    const waitHome = join(root, `home-stop-wait-${shell}`);
    const seen = join(root, `stop-wait-${shell}`);
    const parent = spawnSync(
      'sh',
      [
        '-c',
        '"$@" >/dev/null; sleep 0.5; ls "$BATON_HOME/spool" > "$SEEN"; ' +
          'for j in "$BATON_HOME/spool/workers/"*; do tr "\\000" " " <"/proc/${j##*/}/cmdline"; echo; done >> "$SEEN"',
        'parent',
        shell,
        FRONT,
        join(root, 'not-this-home'),
        node,
        BIN,
        'mcp',
      ],
      {
        cwd: projectDir,
        env: {
          PATH: process.env.PATH,
          HOME: root,
          BATON_HOME: waitHome,
          SEEN: seen,
          BATON_EXIT_WAIT: '60',
        },
        input: lines([...start, call(7, 'Stop')]),
        encoding: 'utf8',
      },
    );
    expect(parent.status).toBe(0);
    const inside = readFileSync(seen, 'utf8').split('\n');
    // Still in the spool, and the noted job is the waiting shell, not Baton's worker.
    expect(inside.some((l) => l.endsWith('.hook'))).toBe(true);
    const jobs = inside.filter((l) => l.includes('hook --background'));
    expect(jobs.length).toBe(1);
    expect(jobs[0]!.startsWith('sh -c ')).toBe(true);
    const drained = spawnSync(process.execPath, [BIN, 'hook', '--wait'], {
      env: { PATH: process.env.PATH, HOME: root, BATON_HOME: waitHome },
    });
    expect(drained.status).toBe(0);
    expect(readdirSync(join(waitHome, 'spool')).filter((f) => f.endsWith('.hook'))).toEqual([]);
    // SubagentStart goes to the full hook; with spooling or background work turned off, Node
    // does what it does with them.
    for (const [event, env] of [
      ['SubagentStart', {}],
      ['UserPromptSubmit', { BATON_HOOK_SPOOL: '0' }],
      ['Stop', { BATON_HOOK_BACKGROUND: '0' }],
    ] as const) {
      const r = run(shell, lines([...start, call(6, event)]), join(home, event), env);
      expect(r.node, event).toBe(true);
      expect(r.out).toBe(
        run('node', lines([...start, call(6, event)]), join(home, `${event}-node`), env).out,
      );
    }
  });

  it('moves to Node once it has read more than it reads cheaply, and the store still ends the same', () => {
    const each = Math.floor(SH_LINE_BYTES / 2);
    const count = Math.ceil(SH_TOTAL_BYTES / each) + 2;
    const call = (id: number) =>
      `{"method":"tools/call","params":{"name":"hook_event","arguments":{"hook_event_name":"UserPromptSubmit","session_id":"c0ffee00-0000-4000-8000-0000000000b1","cwd":${JSON.stringify(projectDir)},"prompt":"prompt ${id} ${'z'.repeat(each)}","compact_summary":""}},"jsonrpc":"2.0","id":${id}}`;
    const input = lines([
      ...HANDSHAKES['codex 0.171']!('2025-06-18').slice(0, 2),
      ...Array.from({ length: count }, (_, i) => call(i + 1)),
    ]);
    const homes = [join(root, `home-budget-${shell}`), join(root, `home-budget-${shell}-node`)];
    const sh = run(shell, input, homes[0]!);
    expect(sh.node).toBe(true);
    expect(sh.out).toBe(run('node', input, homes[1]!).out);
    const spooled = (home: string) =>
      readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.hook'));
    // The shell wrote the first ones, Node the rest, in order.
    const names = spooled(homes[0]!).sort();
    expect(names).toHaveLength(count);
    expect(names.filter((n) => n.endsWith('-sh.hook')).length).toBeLessThan(count);
    expect(names.slice(0, 2).every((n) => n.endsWith('-sh.hook'))).toBe(true);
    const prompts = (home: string) =>
      exportedEvents(home).map((e) => (e.text as string | undefined)?.slice(0, 12));
    const fromSh = prompts(homes[0]!);
    expect(fromSh).toEqual(prompts(homes[1]!));
    expect(fromSh).toEqual(
      Array.from({ length: count }, (_, i) => `prompt ${i + 1} zzzzzzzzzzzz`.slice(0, 12)),
    );
  });

  it('hands the SDK client over to the real server at its first tool call', async () => {
    const home = join(root, `home-sdk-${shell}`);
    const mark = join(root, `sdk-mark-${shell}`);
    const client = new Client({ name: 'claude-code', version: '9.9.9' });
    await client.connect(
      new StdioClientTransport({
        command: shell,
        args: [FRONT, home, node, BIN, 'mcp'],
        cwd: projectDir,
        env: { PATH: process.env.PATH!, BATON_HOME: home, NODE_MARK: mark },
        stderr: 'pipe',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('todo_add');
      await client.ping();
      expect(existsSync(mark)).toBe(false);
      const added = (await client.callTool({
        name: 'todo_add',
        arguments: { content: 'From the shell front to the real server' },
      })) as CallToolResult;
      expect(added.isError).toBeFalsy();
      expect(existsSync(mark)).toBe(true);
      const listed = (await client.callTool({
        name: 'todo_list',
        arguments: {},
      })) as CallToolResult;
      expect(JSON.stringify(listed.structuredContent)).toContain('From the shell front');
      const brief = await client.readResource({ uri: 'baton://brief' });
      expect(JSON.stringify(brief.contents)).toContain('From the shell front');
      await client.ping();
    } finally {
      await client.close();
    }
  });
});
