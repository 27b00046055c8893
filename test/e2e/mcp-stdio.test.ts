// Pins `baton mcp` as agents run it: the built CLI as a child process speaking MCP over stdio to the
// SDK's own client, on a temporary BATON_HOME. Every tool answers valid and invalid calls; what is
// written through MCP is what `baton decision list` and the next brief (another process) show.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyProject } from '../../src/git/index.js';
import { createCheckpoint } from '../../src/recover/index.js';
import { seedProject, toolCases } from '../../src/mcp/tool-cases.fixture.js';
import type { Seeded } from '../../src/mcp/tool-cases.fixture.js';
import { SqliteStore, storePath } from '../../src/store/index.js';

const BIN = resolve('bin/baton.js');
let root: string;
let home: string;
let projectDir: string;
let seeded: Seeded;
const clients: Client[] = [];

async function connect(
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...(options.args ?? [])],
    cwd: projectDir,
    env: { BATON_HOME: home, ...options.env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

function baton(...args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], {
    cwd: projectDir,
    env: { ...process.env, BATON_HOME: home, BATON_SESSION: '' },
    encoding: 'utf8',
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-mcp-e2e-'));
  home = join(root, 'home');
  projectDir = join(root, 'app');
  mkdirSync(projectDir);
  const store = SqliteStore.open({ path: storePath(home) });
  const project = store.projects.ensure(identifyProject(projectDir));
  const base = seedProject(store, project);
  const checkpoint = createCheckpoint(store, {
    session: store.sessions.get(base.sessionHandle)!.id,
    label: 'seeded',
    trigger: 'manual',
    now: Date.now(),
    git: null,
  });
  seeded = { ...base, checkpointHandle: checkpoint.handle };
  store.close();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  rmSync(root, { recursive: true, force: true });
});

describe('baton mcp over stdio', () => {
  it('lists the tools, resources and prompts', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(toolCases(seeded)).sort());
    // The listing is the brief alone (the small entry answers it without the full server);
    // sessions and checkpoints are reached through their templates.
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['baton://brief']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'baton://checkpoint/{handle}',
      'baton://session/{handle}',
    ]);
    for (const uri of [
      `baton://session/${seeded.sessionHandle}`,
      `baton://checkpoint/${seeded.checkpointHandle}`,
    ]) {
      const read = await client.readResource({ uri });
      expect(read.contents[0]?.uri, uri).toBe(uri);
      expect(
        read.contents[0] && 'text' in read.contents[0] && read.contents[0].text,
        uri,
      ).toBeTruthy();
    }
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['emergency_resume', 'resume']);
    expect(client.getServerVersion()).toMatchObject({ name: 'baton', version: '0.1.0' });
  });

  it('answers every tool, valid and invalid, and stays up', async () => {
    const client = await connect();
    for (const [name, c] of Object.entries(toolCases(seeded))) {
      const bad = await call(client, name, c.invalid);
      expect(bad.isError, name).toBe(true);
      expect(textOf(bad), name).toMatch(c.error);
      const good = await call(client, name, c.valid);
      expect(good.isError, `${name}: ${textOf(good)}`).toBeFalsy();
      expect(good.structuredContent, name).toBeTypeOf('object');
    }
  });

  it('records a decision that `baton decision list` and the next brief show', async () => {
    const client = await connect();
    const recorded = await call(client, 'decision_record', {
      decision: 'Rotate session tokens on every login',
      reasoning: 'stolen cookies must expire fast',
    });
    expect(recorded.isError).toBeFalsy();
    const listed = JSON.parse(baton('decision', 'list', '--json')) as { decision: string }[];
    expect(listed.map((d) => d.decision)).toContain('Rotate session tokens on every login');
    const next = await connect();
    const brief = textOf(await call(next, 'resume_brief', { budget: 10_000 }));
    expect(brief).toMatch(/Rotate session tokens on every login/);
  });

  it('updates a todo so that the brief changes', async () => {
    const client = await connect();
    const content = 'Write the CSRF middleware test';
    const added = await call(client, 'todo_add', { content });
    const number = (added.structuredContent as { todo: { number: number } }).todo.number;
    const briefText = async () => {
      const r = await client.readResource({ uri: 'baton://brief' });
      return r.contents.map((c) => ('text' in c ? c.text : '')).join('');
    };
    expect(await briefText()).toContain(`#${number} [pending] ${content}`);
    await call(client, 'todo_update', { todo: number, status: 'in_progress' });
    const during = await briefText();
    expect(during).toContain(`#${number} [in progress] ${content}`);
    expect(during).toMatch(new RegExp(`## Task in progress\\n#${number} ${content}`));
    await call(client, 'todo_update', { todo: number, status: 'completed' });
    expect(await briefText()).toContain(`#${number} [done] ${content}`);
    const cli = JSON.parse(baton('todo', 'list', '--all', '--json')) as {
      number: number;
      status: string;
    }[];
    expect(cli.find((t) => t.number === number)?.status).toBe('completed');
  });

  it('serves the project named by --project, or by Claude Code’s CLAUDE_PROJECT_DIR', async () => {
    const other = join(root, 'other');
    mkdirSync(other);
    for (const client of [
      await connect({ args: ['--project', other] }),
      await connect({ env: { CLAUDE_PROJECT_DIR: other } }),
    ]) {
      const brief = textOf(await call(client, 'resume_brief'));
      expect(brief).toMatch(/^# Baton recovery brief: other\n/);
      const todos = await call(client, 'todo_list', { status: 'all' });
      expect((todos.structuredContent as { todos: unknown[] }).todos).toEqual([]);
    }
    const here = textOf(await call(await connect(), 'resume_brief'));
    expect(here).toMatch(/^# Baton recovery brief: app\n/);
  });

  it('exits 0 when the client closes stdin, without help from a signal', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], {
      cwd: projectDir,
      env: { ...process.env, BATON_HOME: home },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.stdin.end(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }) + '\n',
    );
    const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 10_000));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(out).toMatch(/"serverInfo":\{"name":"baton"/);
  });
});
