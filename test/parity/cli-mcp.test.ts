// The CLI and the MCP server are two faces of the same operations: the same actions, taken once
// through `baton …` (in process) and once through the MCP SDK's own client, on two fresh stores
// with the same frozen clock, must leave the same records — todos, decisions, facts, components,
// sessions, events and checkpoints — field by field. Only what is random by nature (ids, generated event refs, HLC
// stamps, machine ids, compressed sizes) and the one field that names the face (an event's
// `source`) are set aside. Then the same reads through both faces — search, the brief in each
// mode, from a session, from a checkpoint, focused on a todo, and the recovery prompt — must
// give the same answers.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_KINDS, fixedClock } from '../../src/core/index.js';
import type { Project } from '../../src/core/index.js';
import { createGitRunner, identifyProject } from '../../src/git/index.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { SqliteStore, storePath } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../../src/cli/index.js';

const NOW = Date.parse('2026-04-01T09:30:00Z');

/** One action as each face says it. */
type Step = readonly [cli: string[], tool: string, args: Record<string, unknown>];

const STEPS: Step[] = [
  [
    ['todo', 'add', 'Write the test', '--priority', 'high'],
    'todo_add',
    { content: 'Write the test', priority: 'high' },
  ],
  [['todo', 'add', 'Ship it'], 'todo_add', { content: 'Ship it' }],
  [
    ['todo', 'add', 'Maybe later', '--component', 'web'],
    'todo_add',
    { content: 'Maybe later', component: 'web' },
  ],
  [['todo', 'start', '1'], 'todo_update', { todo: 1, status: 'in_progress' }],
  [['todo', 'done', '1'], 'todo_update', { todo: 1, status: 'completed' }],
  // Completing a completed todo changes nothing and takes no second checkpoint.
  [['todo', 'done', '1'], 'todo_update', { todo: 1, status: 'completed' }],
  [
    ['todo', 'block', '2', 'waiting', 'for', 'review'],
    'todo_update',
    { todo: 2, status: 'blocked', blockedReason: 'waiting for review' },
  ],
  [
    ['todo', 'update', '2', '--content', 'Ship it today'],
    'todo_update',
    { todo: 2, content: 'Ship it today' },
  ],
  [['todo', 'cancel', '3'], 'todo_update', { todo: 3, status: 'cancelled' }],
  [
    ['decision', 'add', 'Use SQLite', '--reason', 'no server', '--file', 'src/db.ts'],
    'decision_record',
    { decision: 'Use SQLite', reasoning: 'no server', files: ['src/db.ts'] },
  ],
  [
    ['decision', 'add', 'Use SQLite in WAL mode', '--supersedes', '1'],
    'decision_record',
    { decision: 'Use SQLite in WAL mode', supersedes: 1 },
  ],
  [
    ['context', 'set', 'deploy.target', 'staging', '--priority', 'high'],
    'context_set',
    { key: 'deploy.target', value: 'staging', priority: 'high' },
  ],
  [
    ['context', 'set', 'api.limits', '{"rps":50}', '--expires', '1h', '--category', 'ops'],
    'context_set',
    { key: 'api.limits', value: { rps: 50 }, expiresIn: '1h', category: 'ops' },
  ],
  [
    ['context', 'set', 'editor', 'vim', '--global'],
    'context_set',
    { key: 'editor', value: 'vim', global: true },
  ],
  [
    ['component', 'set', 'backend', '--status', 'up', '--health', '90', '--meta', '{"v":1}'],
    'component_set',
    { name: 'backend', status: 'up', health: 90, metadata: { v: 1 } },
  ],
  [
    ['log', 'note', 'switched', 'the', 'target'],
    'log_event',
    { kind: 'note', text: 'switched the target' },
  ],
  [
    ['log', 'error', 'migration failed', '--tool', 'Bash', '--data', '{"file":"012.sql"}'],
    'log_event',
    { kind: 'error', text: 'migration failed', tool: 'Bash', data: { file: '012.sql' } },
  ],
  [
    ['checkpoint', 'create', '--label', 'before the release'],
    'checkpoint_create',
    { label: 'before the release' },
  ],
];

/** One read as each face says it: a tool call, or a prompt; `hits` for search, `text` for briefs. */
interface Read {
  cli: string[];
  mcp:
    | { tool: string; args: Record<string, unknown> }
    | { prompt: string; args: Record<string, string> };
}

const EVENTS_ONLY = EVENT_KINDS.join(',');

/** The reads, once the steps have left a checkpoint to name. */
function reads(checkpoint: string): Read[] {
  const search = (words: string, cli: string[], args: Record<string, unknown>): Read => ({
    // The MCP tool searches events only; the CLI is told the same.
    cli: ['search', ...words.split(' '), '--kind', EVENTS_ONLY, '--json', ...cli],
    mcp: { tool: 'search', args: { query: words, ...args } },
  });
  const brief = (cli: string[], args: Record<string, unknown>): Read => ({
    cli: ['resume', '--budget', '4000', ...cli],
    mcp: { tool: 'resume_brief', args: { budget: 4000, ...args } },
  });
  return [
    search('migration', [], {}),
    search('switched target', [], {}),
    search('failed', ['--kind', 'error', '--since', '1h'], { kinds: ['error'], since: '1h' }),
    search('target', ['--limit', '1', '--offset', '1'], { limit: 1, offset: 1 }),
    search('migration', ['--session', 'SESSION-260401-001'], { session: 'SESSION-260401-001' }),
    brief([], {}),
    brief(['--mode', 'full'], { mode: 'full' }),
    brief(['--mode', 'emergency'], { mode: 'emergency' }),
    brief(['--session', 'SESSION-260401-001'], { session: 'SESSION-260401-001' }),
    brief(['--checkpoint', checkpoint], { checkpoint }),
    brief(['--budget', '600'], { budget: 600 }),
    brief(['--todo', '2'], { todo: 2 }),
    brief(['--todo', '1', '--mode', 'full'], { todo: '1', mode: 'full' }),
    { cli: ['resume', '--prompt'], mcp: { prompt: 'resume', args: {} } },
    {
      cli: ['resume', '--prompt', '--checkpoint', checkpoint],
      mcp: { prompt: 'resume', args: { checkpoint } },
    },
  ];
}

interface Hit {
  session: { handle: string } | null;
  event: { seq: number; kind: string; ts: string; snippet: string } | null;
  score: number;
}

/** What a hit says, without the ids each store drew at random. */
const hitOf = (h: Hit) => ({
  session: h.session?.handle,
  event: h.event && { seq: h.event.seq, kind: h.event.kind, ts: h.event.ts, text: h.event.snippet },
  score: h.score,
});

interface Face {
  store: Store;
  project: Project;
}

/** A fresh store with the project and one active agent session, as a hook would have left it. */
function freshStore(home: string, projectDir: string): Face {
  const store = SqliteStore.open({ path: storePath(home), clock: fixedClock(NOW) });
  const project = store.projects.ensure(identifyProject(projectDir));
  store.sessions.start({ agent: 'claude-code', projectId: project.id, title: 'Release work' });
  return { store, project };
}

/** Random by nature (ids, an event's generated ref, HLC stamps), or the face's own name. */
const SET_ASIDE = new Set(['id', 'ref', 'hlc', 'machineId', 'size', 'source']);

/** Records as plain data, with every id replaced by a name both stores share. */
function snapshot({ store, project }: Face): unknown {
  const names = new Map<string, string>([[project.id, 'project']]);
  const sessions = store.sessions.list({ projectId: project.id });
  for (const s of sessions) names.set(s.id, s.handle);
  const todos = store.todos.list({ projectId: project.id });
  const decisions = store.decisions.list({ projectId: project.id });
  for (const t of todos) names.set(t.id, `todo ${t.number}`);
  for (const d of decisions) names.set(d.id, `decision ${d.number}`);
  const records = {
    sessions,
    todos,
    decisions,
    facts: store.facts.list({ projectId: project.id, includeExpired: true, now: NOW }),
    components: store.components.list(project.id),
    events: sessions.flatMap((s) => store.events.list({ sessionId: s.id })),
    // Taken in the same millisecond: ordered by handle, not by their random ids.
    checkpoints: store.checkpoints
      .list({ projectId: project.id })
      .sort((a, b) => a.handle.localeCompare(b.handle)),
  };
  return JSON.parse(
    JSON.stringify(records, (key, value: unknown) => {
      if (SET_ASIDE.has(key)) return undefined;
      return typeof value === 'string' ? (names.get(value) ?? value) : value;
    }),
  );
}

/**
 * The checkpoints each face lists: handle, trigger and label. Taken in the same millisecond, their
 * order follows random ids, so they are compared by handle.
 */
type Listed = { handle: string; trigger: string; label: string | null }[];

function listed(items: Listed): Listed {
  return items
    .map(({ handle, trigger, label }) => ({ handle, trigger, label }))
    .sort((a, b) => a.handle.localeCompare(b.handle));
}

interface Answers {
  listed: Listed;
  answers: unknown[];
}

async function throughCli(face: Face, home: string, projectDir: string): Promise<Answers> {
  face.store.close();
  const world = {
    env: { BATON_HOME: home, NO_COLOR: '1' },
    cwd: projectDir,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    clock: fixedClock(NOW),
  };
  for (const [args] of STEPS) {
    const code = await runCli([...args], world);
    expect(code, `baton ${args.join(' ')}: ${String(world.stderr.read() ?? '')}`).toBe(0);
  }
  world.stdout.read();
  expect(await runCli(['checkpoint', 'list', '--json', '--limit', '50'], world)).toBe(0);
  const checkpoints = listed(JSON.parse(String(world.stdout.read())) as Listed);
  const answers: unknown[] = [];
  for (const read of reads(labelled(checkpoints))) {
    const code = await runCli(read.cli, world);
    const out = String(world.stdout.read() ?? '');
    expect(code, `baton ${read.cli.join(' ')}: ${String(world.stderr.read() ?? '')}`).toBe(0);
    answers.push(
      read.cli[0] === 'search'
        ? (JSON.parse(out) as { hits: Hit[] }).hits.map(hitOf)
        : out.replace(/\n$/, ''),
    );
  }
  return { listed: checkpoints, answers };
}

/** The checkpoint the steps took by hand. */
const labelled = (checkpoints: Listed) =>
  checkpoints.find((c) => c.label === 'before the release')!.handle;

async function readThroughMcp(client: Client, read: Read): Promise<unknown> {
  if ('prompt' in read.mcp) {
    const r = await client.getPrompt({ name: read.mcp.prompt, arguments: read.mcp.args });
    return (r.messages[0]!.content as { text: string }).text;
  }
  const r = (await client.callTool({
    name: read.mcp.tool,
    arguments: read.mcp.args,
  })) as CallToolResult;
  expect(r.isError, `${read.mcp.tool}: ${JSON.stringify(r.content)}`).toBeFalsy();
  const data = r.structuredContent as { hits?: Hit[]; text?: string };
  return data.hits ? data.hits.map(hitOf) : data.text;
}

async function throughMcp(face: Face): Promise<Answers> {
  const server = createMcpServer({
    store: face.store,
    project: face.project,
    sessionRef: null,
    clock: fixedClock(NOW),
    // As `baton mcp` serves it: git for checkpoints and the brief's changes, like the CLI.
    git: createGitRunner({ env: {} }),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'parity', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    for (const [, name, args] of STEPS) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(r.isError, `${name}: ${JSON.stringify(r.content)}`).toBeFalsy();
    }
    const r = (await client.callTool({
      name: 'checkpoint_list',
      arguments: { limit: 50 },
    })) as CallToolResult;
    const checkpoints = listed((r.structuredContent as { checkpoints: Listed }).checkpoints);
    const answers: unknown[] = [];
    for (const read of reads(labelled(checkpoints)))
      answers.push(await readThroughMcp(client, read));
    return { listed: checkpoints, answers };
  } finally {
    await client.close();
  }
}

describe('the CLI and the MCP server', () => {
  let dir: string;
  let projectDir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-parity-'));
    projectDir = join(dir, 'app');
    mkdirSync(projectDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leave the same records after the same actions', async () => {
    const cliHome = join(dir, 'cli-home');
    const byCli = await throughCli(freshStore(cliHome, projectDir), cliHome, projectDir);
    const mcp = freshStore(join(dir, 'mcp-home'), projectDir);
    const byMcp = await throughMcp(mcp);
    const listedByCli = byCli.listed;
    const listedByMcp = byMcp.listed;
    // Both faces list the same checkpoints, through the same operation.
    expect(listedByCli).toHaveLength(5);
    expect(listedByCli).toEqual(listedByMcp);
    const cliStore = SqliteStore.open({ path: storePath(cliHome) });
    try {
      const fromCli = snapshot({ store: cliStore, project: cliStore.projects.get(projectDir)! });
      const fromMcp = snapshot(mcp);
      expect(fromCli).toEqual(fromMcp);
      // The comparison has something to compare: one checkpoint per completed todo, and so on.
      const triggers = (fromMcp as { checkpoints: { trigger: string }[] }).checkpoints.map(
        (c) => c.trigger,
      );
      expect(triggers.sort()).toEqual([
        'decision-recorded',
        'decision-recorded',
        'error',
        'manual',
        'todo-completed',
      ]);
    } finally {
      cliStore.close();
      mcp.store.close();
    }
    // The same reads give the same answers, one by one (named, so a failure says which).
    const asked = reads(labelled(listedByCli));
    asked.forEach((read, i) => {
      expect(byCli.answers[i], `baton ${read.cli.join(' ')}`).toEqual(byMcp.answers[i]);
    });
    // And there was something to compare: hits for each search, a brief naming the work.
    const searches = byCli.answers.slice(0, 5) as unknown[][];
    expect(searches.map((hits) => hits.length)).toEqual([1, 1, 1, 0, 1]);
    expect(byCli.answers[5]).toMatch(/Ship it today/);
    expect(byCli.answers[9]).toMatch(/Ship it today/);
    expect(byCli.answers[11]).toMatch(/waiting for review/);
  });
});
