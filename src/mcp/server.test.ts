// Pins the MCP server as an agent sees it through the SDK's own client, in memory: what it lists,
// every tool with valid and invalid arguments, paging, attribution, triggers, resources, prompts,
// and that a failure inside a tool is a tool error while the server goes on.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BatonError, fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { defaultMemory } from './defaults/default-memory.js';
import type { McpDeps, TriggerEvent } from './deps.js';
import { createMcpServer } from './server.js';
import { seedProject, toolCases } from './tool-cases.fixture.js';
import { ALL_TOOLS } from './tools/all-tools.js';
import type { Seeded } from './tool-cases.fixture.js';

const NOW = Date.parse('2026-03-05T09:00:00Z');
const open: Client[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function setup(overrides: Partial<McpDeps> = {}) {
  const clock = fixedClock(NOW, 1000);
  const store = openMemoryStore(clock);
  const project = store.projects.ensure({
    key: 'path:/app',
    root: '/app',
    remoteUrl: null,
    name: 'app',
  });
  const base = seedProject(store, project);
  const session = store.sessions.get(base.sessionHandle)!;
  const checkpoint = await defaultMemory.checkpoints.create(store, {
    projectId: project.id,
    sessionId: session.id,
    label: 'seeded',
    trigger: 'user',
    now: NOW,
  });
  const seeded: Seeded = { ...base, checkpointHandle: checkpoint.handle };
  const triggers: TriggerEvent[] = [];
  const deps: McpDeps = {
    store,
    project,
    sessionRef: null,
    clock,
    ...defaultMemory,
    onTrigger: (_s, e) => void triggers.push(e),
    ...overrides,
  };
  const server = createMcpServer(deps);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  open.push(client);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { store, project, seeded, client, call, triggers };
}

const resourceText = (r: { contents: ({ text: string } | { blob: string })[] }) =>
  r.contents.map((c) => ('text' in c ? c.text : '')).join('\n');
const textOf = (r: CallToolResult) =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
const data = <T = Record<string, unknown>>(r: CallToolResult) => r.structuredContent as T;

describe('MCP server listing', () => {
  it('lists every tool with a description, an input schema and annotations', async () => {
    const { client, seeded } = await setup();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(toolCases(seeded)).sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.readOnlyHint !== undefined, tool.name).toBe(true);
    }
  });

  it('lists the brief, the sessions and the checkpoints as resources, and two prompts', async () => {
    const { client, seeded } = await setup();
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('baton://brief');
    expect(uris).toContain(`baton://session/${seeded.sessionHandle}`);
    expect(uris).toContain(`baton://checkpoint/${seeded.checkpointHandle}`);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'baton://checkpoint/{handle}',
      'baton://session/{handle}',
    ]);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['emergency_resume', 'resume']);
  });
});

describe('every tool', () => {
  it('answers a valid call with text and structured content of its output shape', async () => {
    const { call, seeded } = await setup();
    for (const [name, c] of Object.entries(toolCases(seeded))) {
      const result = await call(name, c.valid);
      expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
      expect(textOf(result).length, name).toBeGreaterThan(0);
      const shape = ALL_TOOLS.find((t) => t.name === name)!.output;
      const parsed = shape.strict().safeParse(result.structuredContent);
      expect(parsed.error, name).toBeUndefined();
    }
  });

  it('answers an invalid call with a tool error that says what to fix', async () => {
    const { call, seeded } = await setup();
    for (const [name, c] of Object.entries(toolCases(seeded))) {
      const result = await call(name, c.invalid);
      expect(result.isError, name).toBe(true);
      expect(textOf(result), name).toMatch(c.error);
    }
  });

  it('rejects arguments it does not know, naming them', async () => {
    const { call } = await setup();
    const result = await call('todo_list', { statuses: ['pending'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/statuses/);
  });
});

describe('tool behaviour', () => {
  it('pages todo_list and says how to get the next page', async () => {
    const { call } = await setup();
    for (const content of ['a', 'b', 'c']) await call('todo_add', { content });
    const first = await call('todo_list', { limit: 2 });
    expect(data<{ page: { more: boolean; nextOffset: number } }>(first).page).toMatchObject({
      more: true,
      nextOffset: 2,
    });
    expect(textOf(first)).toMatch(/More: call todo_list with \{"status":"open","offset":2\}/);
    const rest = await call('todo_list', { limit: 2, offset: 2 });
    const numbers = (r: CallToolResult) =>
      data<{ todos: { number: number }[] }>(r).todos.map((t) => t.number);
    expect(numbers(rest)).toEqual([3, 4]);
    const last = await call('todo_list', { limit: 2, offset: 4 });
    expect(numbers(last)).toEqual([5]);
    expect(data<{ page: { more: boolean } }>(last).page.more).toBe(false);
    expect(textOf(last)).not.toMatch(/More:/);
  });

  it('pages through a session with before/after cursors and trims texts', async () => {
    const { call, seeded } = await setup();
    const latest = await call('get_session', {
      session: seeded.sessionHandle,
      limit: 2,
      textChars: 20,
    });
    const page = data<{
      events: { seq: number; text: string; textOmitted: number }[];
      cursors: { olderBefore: number | null; newerAfter: number | null };
    }>(latest);
    expect(page.events).toHaveLength(2);
    expect(page.cursors.newerAfter).toBeNull();
    expect(page.events[0]!.text.length).toBe(20);
    expect(page.events[0]!.textOmitted).toBeGreaterThan(0);
    const older = data<typeof page>(
      await call('get_session', {
        session: seeded.sessionHandle,
        before: page.cursors.olderBefore,
        limit: 10,
      }),
    );
    expect(older.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(older.cursors.olderBefore).toBeNull();
    const fromStart = data<typeof page>(
      await call('get_session', { session: seeded.sessionHandle, after: 0, limit: 1 }),
    );
    expect(fromStart.events[0]!.seq).toBe(1);
  });

  it('shows what happened around a search hit', async () => {
    const { call } = await setup();
    const found = data<{ hits: { event: { id: string; snippet: string } }[] }>(
      await call('search', { query: 'salt rounds' }),
    );
    expect(found.hits[0]!.event.snippet).toMatch(/salt rounds/);
    const around = data<{ anchor: number; events: { seq: number }[] }>(
      await call('timeline', { event: found.hits[0]!.event.id, before: 2, after: 1 }),
    );
    expect(around.events.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(around.anchor).toBe(4);
  });

  it('attributes writes to the session named by the argument, else the environment', async () => {
    const { call, seeded, store } = await setup({ sessionRef: 'cc-1' });
    const fromEnv = data<{ todo: { originSessionId: string } }>(
      await call('todo_add', { content: 'x' }),
    );
    const session = store.sessions.get(seeded.sessionHandle)!;
    expect(fromEnv.todo.originSessionId).toBe(session.id);
    const other = store.sessions.start({ agent: 'codex', projectId: seeded.project.id });
    const named = data<{ decision: { sessionId: string } }>(
      await call('decision_record', { decision: 'y', session: other.handle }),
    );
    expect(named.decision.sessionId).toBe(other.id);
  });

  it('starts an mcp session for a log when nothing names one and none is active', async () => {
    const { call, store, seeded } = await setup();
    store.sessions.update(store.sessions.get(seeded.sessionHandle)!.id, { status: 'ended' });
    const logged = data<{ session: { handle: string } }>(
      await call('log_event', { text: 'hello' }),
    );
    const session = store.sessions.get(logged.session.handle)!;
    expect(session.agent).toBe('mcp');
    expect(session.meta).toEqual({ client: 'test-agent' });
  });

  it('fires the checkpoint triggers: todo completed, decision recorded, error logged', async () => {
    const { call, triggers } = await setup();
    await call('todo_update', { todo: 1, status: 'completed' });
    await call('todo_update', { todo: 1, status: 'completed' });
    await call('decision_record', { decision: 'z' });
    await call('log_event', { kind: 'error', text: 'boom' });
    await call('log_event', { kind: 'note', text: 'fine' });
    expect(triggers.map((t) => t.trigger)).toEqual([
      'todo_completed',
      'decision_recorded',
      'error',
    ]);
  });

  it('marks the decision it supersedes', async () => {
    const { call } = await setup();
    const r = data<{ superseded: { number: number; status: string } }>(
      await call('decision_record', { decision: 'Parse env with zod', supersedes: 1 }),
    );
    expect(r.superseded).toMatchObject({ number: 1, status: 'superseded' });
    const active = data<{ decisions: { number: number }[] }>(await call('decision_list'));
    expect(active.decisions.map((d) => d.number)).toEqual([2]);
  });

  it('sets, reads and lists context facts, with expiry', async () => {
    const { call } = await setup();
    await call('context_set', {
      key: 'api.limits',
      value: { rps: 50 },
      expiresIn: '1h',
      priority: 'critical',
    });
    const got = data<{ fact: { value: unknown; expiresAt: string } }>(
      await call('context_get', { key: 'api.limits' }),
    );
    expect(got.fact.value).toEqual({ rps: 50 });
    expect(Date.parse(got.fact.expiresAt)).toBeGreaterThan(NOW);
    const listed = data<{ facts: { key: string }[] }>(await call('context_list'));
    expect(listed.facts[0]!.key).toBe('api.limits');
    const bad = await call('context_set', { key: 'k', value: 1, expiresIn: 'soon' });
    expect(textOf(bad)).toMatch(/duration/);
  });

  it('restores a checkpoint with rollback and returns the undo checkpoint', async () => {
    const { call, seeded } = await setup();
    await call('todo_update', { todo: 1, status: 'completed' });
    const r = data<{ rolledBack: boolean; undoCheckpoint: { handle: string } }>(
      await call('checkpoint_restore', { checkpoint: seeded.checkpointHandle, rollback: true }),
    );
    expect(r.rolledBack).toBe(true);
    const todo = data<{ todos: { number: number; status: string }[] }>(
      await call('todo_list', { status: 'all' }),
    );
    expect(todo.todos.find((t) => t.number === 1)?.status).toBe('pending');
    const brief = data<{ checkpointHandle: string }>(await call('resume_brief'));
    expect(brief.checkpointHandle).toBe(seeded.checkpointHandle);
  });
});

describe('failures', () => {
  it('turns an internal failure into a tool error and keeps serving', async () => {
    const { call } = await setup({
      search: () => {
        throw new Error('disk on fire');
      },
    });
    const failed = await call('search', { query: 'x' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/internal error in Baton: disk on fire/);
    const next = await call('todo_list');
    expect(next.isError).toBeFalsy();
  });

  it('passes a BatonError hint through to the model', async () => {
    const { call } = await setup({
      resumeBrief: () => {
        throw new BatonError('NOT_FOUND', 'no such session', { hint: 'see list_sessions' });
      },
    });
    const r = await call('resume_brief');
    expect(textOf(r)).toBe('no such session — see list_sessions');
  });
});

describe('resources and prompts', () => {
  it('reads the brief, a session and a checkpoint', async () => {
    const { client, seeded } = await setup();
    const brief = await client.readResource({ uri: 'baton://brief' });
    expect(resourceText(brief)).toMatch(/Deploy the fix to staging/);
    const session = await client.readResource({ uri: `baton://session/${seeded.sessionHandle}` });
    expect(resourceText(session)).toMatch(/Fix the login bug[\s\S]*All auth tests pass now/);
    const checkpoint = await client.readResource({
      uri: `baton://checkpoint/${seeded.checkpointHandle}`,
    });
    const parsed = JSON.parse(resourceText(checkpoint)) as {
      checkpoint: { label: string };
      snapshot: { todos: unknown[] };
    };
    expect(parsed.checkpoint.label).toBe('seeded');
    expect(parsed.snapshot.todos).toHaveLength(2);
    await expect(
      client.readResource({ uri: 'baton://session/SESSION-000000-999' }),
    ).rejects.toThrow(/no session/);
  });

  it('gives the resume and emergency prompts', async () => {
    const { client, seeded } = await setup();
    const resume = await client.getPrompt({ name: 'resume', arguments: {} });
    const text = (resume.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(new RegExp(`resuming work from ${seeded.sessionHandle}`));
    expect(text).toMatch(/Propose the next actions/);
    const emergency = await client.getPrompt({ name: 'emergency_resume', arguments: {} });
    const small = (emergency.messages[0]!.content as { text: string }).text;
    expect(small).toMatch(/Write a regression test/);
    expect(small).not.toMatch(/Last actions/);
  });
});
