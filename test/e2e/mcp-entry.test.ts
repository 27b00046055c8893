// `baton mcp` as built: its small entry (dist/mcp.cjs) answers initialize and tools/list without
// loading the full server, and what it answers is what the real server answers (the listing the
// build wrote in cannot drift from the tools); the first tool call loads the server, which then
// serves the SDK's client as before; bad input gets what the full server gives it.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTED_REQUESTS, listingDeps, rawReplies } from '../../src/cli/mcp-entry/listing.js';
import { storePath } from '../../src/store/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'baton.js');
let root: string;
let home: string;
let projectDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-mcp-entry-'));
  projectDir = join(root, 'app');
  mkdirSync(projectDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const env = () => ({ PATH: process.env.PATH, HOME: root, BATON_HOME: home });

const initialize = (id: number, protocolVersion: string) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-agent', version: '1' } },
});
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };

/** Sends `lines` to `baton mcp ARGS`, closes stdin, and returns what came back, line by line. */
interface StoredEvent {
  kind: string;
  text?: string;
  tool?: string;
  data?: unknown;
}

/** Drains the spool into the store (`baton import`), then the stored events, in order. */
function importedEvents(): StoredEvent[] {
  const opts = { cwd: projectDir, env: env(), encoding: 'utf8' as const };
  expect(spawnSync(process.execPath, [BIN, 'import', '--json'], opts).status).toBe(0);
  return spawnSync(process.execPath, [BIN, 'export', '--format', 'events', '--all-projects'], opts)
    .stdout.split('\n')
    .filter((l) => l.startsWith('{"session"'))
    .map((l) => JSON.parse(l) as StoredEvent);
}

function converse(lines: string[], args: string[] = [], preload?: string) {
  const r = spawnSync(
    process.execPath,
    [...(preload ? ['-r', preload] : []), BIN, 'mcp', ...args],
    { cwd: projectDir, env: env(), input: lines.map((l) => `${l}\n`).join(''), encoding: 'utf8' },
  );
  const replies = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, replies, stderr: r.stderr };
}

describe('the MCP entry as built', () => {
  beforeAll(() => {
    home = join(root, 'home-listing');
  });

  it('answers initialize (every protocol version) and the listed requests exactly as the real server', async () => {
    const versions = [...SUPPORTED_PROTOCOL_VERSIONS, '1999-01-01'];
    for (const version of versions) {
      const messages = [
        // Claude Code probes with server/discover (a newer protocol's) before initialize.
        { jsonrpc: '2.0', id: 'probe', method: 'server/discover', params: { _meta: {} } },
        initialize(1, version),
        initialized,
        ...LISTED_REQUESTS.map((method, i) => ({ jsonrpc: '2.0', id: i + 2, method })),
      ];
      const built = converse(messages.map((m) => JSON.stringify(m)));
      expect(built.code).toBe(0);
      const real = await rawReplies(listingDeps(), messages as never);
      const ids = messages.flatMap((m) => ('id' in m ? [m.id] : []));
      expect(built.replies, version).toEqual(ids.map((id) => real.get(id)));
    }
  });

  it('lists without loading the server, the SDK, the store or the ES module loader', () => {
    const preload = join(root, 'loaded.cjs');
    const out = join(root, 'loaded.json');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(` +
        `{ files: Object.keys(require.cache), builtins: process.moduleLoadList })));`,
    );
    const r = converse(
      [
        '{"jsonrpc":"2.0","id":"p","method":"server/discover","params":{"_meta":{}}}',
        JSON.stringify(initialize(1, '2025-06-18')),
        JSON.stringify(initialized),
        '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
        '{"jsonrpc":"2.0","id":3,"method":"prompts/list"}',
      ],
      [],
      preload,
    );
    expect(r.code).toBe(0);
    expect(r.replies.map((m) => m.id)).toEqual(['p', 1, 2, 3]);
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; builtins: string[] };
    expect(loaded.files.filter((f) => f !== preload)).toEqual([BIN, join(ROOT, 'dist', 'mcp.cjs')]);
    // Beside a bare Node start of an empty script (`node -e` or `-p` load more than that).
    const empty = join(root, 'empty.cjs');
    writeFileSync(empty, '');
    expect(spawnSync(process.execPath, ['-r', preload, empty]).status).toBe(0);
    const bare = (JSON.parse(readFileSync(out, 'utf8')) as { builtins: string[] }).builtins;
    const extra = loaded.builtins.filter((m) => !bare.includes(m));
    // Node's public `module` brings its ES module loader and source maps; vm, streams, sockets.
    expect(extra.filter((m) => /esm|source_map|module$|vm|sqlite|stream|net|tty/.test(m))).toEqual(
      [],
    );
    expect(existsSync(storePath(home))).toBe(false);
  });

  it('gives bad input what the full server gives it, and serves on', () => {
    home = join(root, 'home-bad');
    const lines = [
      JSON.stringify(initialize(1, '2025-06-18')),
      JSON.stringify(initialized),
      'this is not json',
      '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":5}}',
      '{"jsonrpc":"2.0","id":3,"method":"no/such/method"}',
      '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"todo_add","arguments":{}}}',
      '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"todo_add","arguments":{"content":"after the bad lines"}}}',
    ];
    const lazy = converse(lines);
    // --project is checked at start, so it runs the full server from the first byte.
    home = join(root, 'home-bad-full');
    const full = converse(lines, ['--project', projectDir]);
    expect(lazy.code).toBe(0);
    expect(full.code).toBe(0);
    // Replies come as each request is done, not in the order asked.
    const byId = (rs: Record<string, unknown>[]) =>
      [...rs].sort((a, b) => Number(a.id) - Number(b.id));
    lazy.replies = byId(lazy.replies);
    full.replies = byId(full.replies);
    expect(lazy.replies.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    const withoutIds = (rs: Record<string, unknown>[]) =>
      JSON.stringify(rs).replace(/"(id|projectId|machineId|createdAt|updatedAt|hlc)":"[^"]*"/g, '');
    expect(withoutIds(lazy.replies)).toEqual(withoutIds(full.replies));
    expect(JSON.stringify(lazy.replies[4])).toMatch(/after the bad lines/);
  });

  it('loads the server at the first tool call and serves the SDK client as before', async () => {
    home = join(root, 'home-sdk');
    const client = new Client({ name: 'claude-code', version: '9.9.9' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: projectDir,
        env: { BATON_HOME: home },
        stderr: 'pipe',
      }),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'baton' });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('todo_add');
      await client.ping();
      expect(existsSync(storePath(home))).toBe(false);
      const added = (await client.callTool({
        name: 'todo_add',
        arguments: { content: 'Lazy entry, then the real server' },
      })) as CallToolResult;
      expect(added.isError).toBeFalsy();
      expect(existsSync(storePath(home))).toBe(true);
      const listed = (await client.callTool({
        name: 'todo_list',
        arguments: {},
      })) as CallToolResult;
      expect(JSON.stringify(listed.structuredContent)).toContain(
        'Lazy entry, then the real server',
      );
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name).sort()).toEqual(['emergency_resume', 'resume']);
      const brief = await client.readResource({ uri: 'baton://brief' });
      expect(JSON.stringify(brief.contents)).toContain('Lazy entry, then the real server');
      await client.ping();
    } finally {
      await client.close();
    }
  });

  it("records Claude Code's hook events sent to its unlisted hook tool, before and after the server loads", () => {
    home = join(root, 'home-hooks');
    const session = 'c0ffee00-0000-4000-8000-000000000001';
    const hookCall = (id: number, args: Record<string, string>) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: {
          name: 'hook_event',
          arguments: { session_id: session, cwd: projectDir, transcript_path: '', ...args },
        },
      });
    const r = converse([
      JSON.stringify(initialize(1, '2025-06-18')),
      JSON.stringify(initialized),
      '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
      hookCall(3, { hook_event_name: 'UserPromptSubmit', prompt: 'greet the world' }),
      // A real tool call: the full server loads; the hook tool is still answered by the entry.
      '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"todo_list","arguments":{}}}',
      hookCall(5, {
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: '{"command":"echo hi"}',
        tool_use_id: 'toolu_e2e',
      }),
      hookCall(6, { prompt: 'no event name' }),
    ]);
    expect(r.code).toBe(0);
    const byId = new Map(r.replies.map((m) => [m.id, m]));
    const tools = (byId.get(2)!.result as { tools: { name: string }[] }).tools;
    expect(tools.map((t) => t.name)).not.toContain('hook_event');
    expect(byId.get(3)!.result).toEqual({ content: [] });
    expect(byId.get(4)!.result).toMatchObject({ content: expect.any(Array) as unknown });
    expect(byId.get(5)!.result).toEqual({ content: [] });
    // Answered before it is recorded; what could not be recorded is said on stderr.
    expect(byId.get(6)!.result).toEqual({ content: [] });
    expect(r.stderr).toContain('hook event not recorded');
    // Spooled, as the hook process spools them: the next import drains the spool into the store.
    const events = importedEvents();
    expect(events.map((e) => [e.kind, e.text ?? e.tool])).toEqual([
      ['user_message', 'greet the world'],
      ['tool_call', 'Bash: echo hi'],
    ]);
    expect(events[1]!.data).toMatchObject({ input: { command: 'echo hi' } });
  });

  it('leaves --help to the full CLI', () => {
    const r = spawnSync(process.execPath, [BIN, 'mcp', '--help'], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serve Baton's memory to an agent over MCP/);
  });

  it('ends as soon as the client hangs up, with every hook event it answered spooled', async () => {
    const session = 'c0ffee00-0000-4000-8000-0000000000e1';
    const prompts = (tag: string) => Array.from({ length: 12 }, (_, i) => `${tag} prompt ${i}`);
    /** Connects the SDK's client, sends the prompts' hook calls at once, waits for the answers. */
    async function sendAll(tag: string) {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: projectDir,
        env: { BATON_HOME: home },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'claude-code', version: '9.9.9' });
      await client.connect(transport);
      const child = (transport as unknown as { _process: ChildProcess })._process;
      const exit = new Promise<[number | null, string | null]>((done) =>
        child.once('exit', (code, signal) => done([code, signal])),
      );
      const answers = prompts(tag).map((prompt) =>
        client.callTool({
          name: 'hook_event',
          arguments: {
            session_id: session,
            cwd: projectDir,
            transcript_path: '',
            hook_event_name: 'UserPromptSubmit',
            prompt,
          },
        }),
      );
      // Answered before spooled: the last spool writes are still to come when this resolves.
      expect(await Promise.all(answers)).toEqual(answers.map(() => ({ content: [] })));
      return { client, child, exit };
    }
    home = join(root, 'home-hangup');
    // The SDK's client closes stdin, then waits up to 2 s before it sends SIGTERM: the server must
    // end by itself, from stdin's end (exit 0, no signal).
    const closed = await sendAll('closed');
    await closed.client.close();
    expect(await closed.exit).toEqual([0, null]);
    // Gemini's and Codex's clients send SIGTERM (Claude Code SIGINT) without closing stdin first.
    const killed = await sendAll('killed');
    killed.child.kill('SIGTERM');
    expect(await killed.exit).toEqual([null, 'SIGTERM']);
    await killed.client.close();
    const stored = importedEvents().map((e) => e.text);
    // The calls were sent at once, so the order they were answered in is not defined (an agent
    // sends its next hook call after the answer): every one is stored, once.
    expect([...stored].sort()).toEqual([...prompts('closed'), ...prompts('killed')].sort());
  });

  it('still records the hook events of a client that stopped reading its answers', async () => {
    home = join(root, 'home-epipe');
    const child = spawn(process.execPath, [BIN, 'mcp'], {
      cwd: projectDir,
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The read end closed before the server answers anything: each answer meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    const hookCall = (id: number, prompt: string) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: {
          name: 'hook_event',
          arguments: {
            session_id: 'c0ffee00-0000-4000-8000-0000000000e2',
            cwd: projectDir,
            transcript_path: '',
            hook_event_name: 'UserPromptSubmit',
            prompt,
          },
        },
      });
    child.stdin.end(
      [JSON.stringify(initialize(1, '2025-06-18')), hookCall(2, 'first'), hookCall(3, 'second')]
        .map((l) => `${l}\n`)
        .join(''),
    );
    expect(await exited, stderr).toBe(0);
    const stored = importedEvents().map((e) => e.text);
    expect(stored).toEqual(['first', 'second']);
  });

  it('ends with exit 0 when the client closes stdin mid-call', async () => {
    home = join(root, 'home-close');
    const child = spawn(process.execPath, [BIN, 'mcp'], {
      cwd: projectDir,
      env: env(),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    child.stdin.end(
      [
        JSON.stringify(initialize(1, '2025-06-18')),
        '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"todo_list","arguments":{}}}',
      ].join('\n') + '\n',
    );
    expect(await exited).toBe(0);
  });
});
