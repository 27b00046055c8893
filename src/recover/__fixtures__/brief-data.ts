// Fixed BriefData for the golden and property tests: a crashed Claude Code session in a small web
// shop project, with todos in every state, decisions, facts, components and git changes.
import type { ComponentState, ContextFact, Decision, Session, Todo } from '../../core/index.js';
import type { ActionEvent, BriefData, ChangeReport } from '../brief/brief-types.js';
import { emptyActivity } from '../brief/brief-types.js';

export const NOW = Date.parse('2026-03-04T14:00:00Z');
const H = 3_600_000;
const M = 60_000;
const stamp = { machineId: 'M1', hlc: '0' };

export function session(over: Partial<Session> = {}): Session {
  return {
    id: '01SESSION',
    handle: 'SESSION-260304-002',
    agent: 'claude-code',
    agentSessionId: '5f1c2d3e-aaaa-bbbb-cccc-000000000001',
    projectId: 'P1',
    cwd: '/home/ada/webshop',
    gitBranch: 'fix/rounding',
    gitHeadStart: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    gitHeadEnd: null,
    status: 'crashed',
    startedAt: NOW - 5 * H,
    lastActivityAt: NOW - 3 * H,
    endedAt: NOW - 3 * H,
    endReason: 'crashed: agent process 4242 is gone',
    title: 'Fix checkout rounding',
    parentId: null,
    parentKind: null,
    pid: 4242,
    eventCount: 148,
    meta: {},
    ...stamp,
    ...over,
  };
}

let todoNumber = 0;
export function todo(content: string, status: Todo['status'], over: Partial<Todo> = {}): Todo {
  todoNumber += 1;
  return {
    id: `T${todoNumber}`,
    projectId: 'P1',
    number: todoNumber,
    content,
    status,
    activeForm: null,
    priority: null,
    component: null,
    blockedReason: null,
    externalKey: null,
    originSessionId: '01SESSION',
    createdAt: NOW - 5 * H,
    updatedAt: NOW - 4 * H,
    startedAt: status === 'in_progress' || status === 'completed' ? NOW - 4 * H : null,
    completedAt: status === 'completed' ? NOW - 4 * H + 20 * M : null,
    ...stamp,
    ...over,
  };
}

export function decision(n: number, text: string, over: Partial<Decision> = {}): Decision {
  return {
    id: `D${n}`,
    projectId: 'P1',
    number: n,
    decision: text,
    reasoning: null,
    outcome: null,
    status: 'active',
    files: [],
    sessionId: '01SESSION',
    createdAt: NOW - 4 * H + n * M,
    updatedAt: NOW - 4 * H + n * M,
    ...stamp,
    ...over,
  };
}

export function fact(key: string, value: ContextFact['value'], over: Partial<ContextFact> = {}) {
  const f: ContextFact = {
    id: `F-${key}`,
    projectId: 'P1',
    key,
    value,
    category: null,
    priority: 'normal',
    expiresAt: null,
    sessionId: null,
    createdAt: NOW - 10 * H,
    updatedAt: NOW - 10 * H,
    ...stamp,
    ...over,
  };
  return f;
}

export function component(name: string, status: string, health: number | null): ComponentState {
  return {
    id: `C-${name}`,
    projectId: 'P1',
    name,
    status,
    health,
    lastChecked: NOW - 2 * H,
    metadata: {},
    updatedAt: NOW - 2 * H,
    ...stamp,
  };
}

let seq = 1000;
export function action(kind: ActionEvent['kind'], over: Partial<ActionEvent> = {}): ActionEvent {
  seq += 1;
  return {
    seq,
    ts: NOW - 3 * H - (2000 - seq) * 1000,
    kind,
    tool: null,
    text: '',
    files: [],
    command: null,
    failed: kind === 'error',
    ...over,
  };
}

export function changes(over: Partial<ChangeReport> = {}): ChangeReport {
  return {
    unavailable: null,
    base: {
      head: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      branch: 'fix/rounding',
      at: NOW - 3 * H,
    },
    current: { head: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432', branch: 'main' },
    commits: [
      {
        sha: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432',
        author: 'Grace',
        at: NOW - 1 * H,
        subject: 'Rework cart totals',
      },
      {
        sha: '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3',
        author: 'Grace',
        at: NOW - 2 * H,
        subject: 'Bump dependencies',
      },
    ],
    commitCount: 2,
    baseMissing: false,
    committed: [
      { path: 'src/cart.ts', status: 'M' },
      { path: 'package.json', status: 'M' },
    ],
    uncommitted: [{ path: 'notes.txt', status: '?' }],
    editedSince: ['notes.txt'],
    ...over,
  };
}

/** The full fixture: every section has something to say. */
export function sampleBriefData(): BriefData {
  todoNumber = 0;
  seq = 1000;
  const todos = [
    todo('Write a failing test for cart rounding', 'completed', { priority: 'high' }),
    todo('Fix rounding in src/cart.ts totals', 'in_progress', {
      priority: 'high',
      activeForm: 'Fixing rounding',
    }),
    todo('Deploy the fix to staging', 'blocked', {
      blockedReason: 'waiting for staging DB credentials',
    }),
    todo('Add a property test for totals', 'pending', { priority: 'medium' }),
    todo('Update the changelog', 'pending', { priority: 'low' }),
  ];
  const recent = emptyActivity();
  recent.prompts = [
    action('user_message', {
      text: 'Checkout totals are off by a cent; fix the rounding in cart.ts',
    }),
  ];
  recent.actions = [
    action('tool_call', { tool: 'Read', files: ['src/cart.ts'], text: 'Read src/cart.ts' }),
    action('tool_call', { tool: 'Edit', files: ['src/cart.ts'], text: 'Edit src/cart.ts' }),
    action('tool_call', { tool: 'Bash', command: 'npm test', text: 'npm test' }),
    action('error', {
      tool: 'Bash',
      command: 'npm test',
      text: 'FAIL cart.test.ts: expected 10.01, got 10.00',
    }),
    action('tool_call', { tool: 'Edit', files: ['src/cart.ts', 'src/money.ts'], text: 'Edit' }),
  ];
  recent.errors = recent.actions.filter((a) => a.failed);
  recent.assistant = action('assistant_message', {
    text: 'I will switch totals to integer cents and re-run the tests.',
  });
  recent.eventCount = 148;
  return {
    now: NOW,
    project: { name: 'webshop', root: '/home/ada/webshop' },
    session: session(),
    endState: 'crashed',
    checkpoint: null,
    todos,
    decisions: [
      decision(1, 'Store money as integer cents', {
        reasoning: 'floats lose cents',
        files: ['src/cart.ts'],
      }),
      decision(2, 'Use vitest for tests', { reasoning: 'fast, ESM native' }),
    ],
    facts: [
      fact('deploy.target', 'staging', { priority: 'critical' }),
      fact('test.command', 'npm test', { priority: 'high' }),
      fact('editor', 'vim', { projectId: null }),
      fact('api.token.rotation', 'monthly', { expiresAt: NOW - 24 * H }),
    ],
    components: [component('backend', 'up', 95), component('db', 'degraded', 40)],
    recent,
    changes: changes(),
    drift: null,
    timeline: [],
    focus: null,
  };
}

/** Full mode: the same data with a timeline of three sessions and their checkpoints. */
export function sampleFullData(): BriefData {
  const data = sampleBriefData();
  data.timeline = [
    {
      kind: 'session',
      ts: NOW - 30 * H,
      handle: 'SESSION-260303-001',
      agent: 'codex',
      title: 'Set up the cart module',
      endState: 'ended',
      endedAt: NOW - 28 * H,
      lastActivityAt: NOW - 28 * H,
      events: 212,
      errors: 0,
    },
    {
      kind: 'checkpoint',
      ts: NOW - 28 * H,
      handle: 'RECOVERY-SESSION-260303-001-120000',
      trigger: 'session-end',
      label: null,
    },
    {
      kind: 'session',
      ts: NOW - 6 * H,
      handle: 'SESSION-260304-001',
      agent: 'claude-code',
      title: null,
      endState: 'cleared',
      endedAt: NOW - 5 * H - 10 * M,
      lastActivityAt: NOW - 5 * H - 10 * M,
      events: 9,
      errors: 1,
    },
    {
      kind: 'session',
      ts: NOW - 5 * H,
      handle: 'SESSION-260304-002',
      agent: 'claude-code',
      title: 'Fix checkout rounding',
      endState: 'crashed',
      endedAt: NOW - 3 * H,
      lastActivityAt: NOW - 3 * H,
      events: 148,
      errors: 1,
    },
    {
      kind: 'checkpoint',
      ts: NOW - 4 * H + 20 * M,
      handle: 'RECOVERY-SESSION-260304-002-102000',
      trigger: 'todo-completed',
      label: null,
    },
    {
      kind: 'checkpoint',
      ts: NOW - 3 * H + M,
      handle: 'RECOVERY-SESSION-260304-002-110100',
      trigger: 'crash',
      label: null,
    },
  ];
  return data;
}

/** `--todo 2`: the task in progress, with its history. */
export function sampleFocusData(): BriefData {
  const data = sampleBriefData();
  const todo = data.todos[1]!;
  data.focus = {
    todo,
    sessions: [
      {
        handle: 'SESSION-260304-002',
        agent: 'claude-code',
        startedAt: NOW - 5 * H,
        lastActivityAt: NOW - 3 * H,
      },
    ],
    events: [
      action('tool_call', {
        tool: 'TodoWrite',
        text: 'Fix rounding in src/cart.ts totals: in_progress',
      }),
      action('note', { text: 'todo 2: the rounding happens in two places, cart.ts and money.ts' }),
    ],
    files: ['src/cart.ts', 'src/money.ts'],
    checkpoint: {
      handle: 'RECOVERY-SESSION-260304-002-102000',
      createdAt: NOW - 4 * H + 20 * M,
      status: 'in_progress',
    },
    remaining: [data.todos[3]!, data.todos[4]!, data.todos[2]!],
  };
  return data;
}
