// A store for the viewer's browser tests, written through the store and the operations before the
// daemon starts: a working session (an edit with its result, a failed command, a compaction,
// thinking, enough filler to scroll, one rare word to search for), a subagent nested under it, a
// session of hostile content, todos, a decision, a fact, a component and two checkpoints.
import type { Session } from '../../../src/core/index.js';
import * as ops from '../../../src/operations/index.js';
import type { OpsWorld } from '../../../src/operations/index.js';
import type { EventInput } from '../../../src/store/index.js';
import { openStore } from '../cli-process.js';
import type { Sandbox } from '../cli-process.js';

/** Each line of hostile text would run script if any part of the page treated it as HTML. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '[click me](javascript:window.__pwned=3;alert(3))',
  '![pic](javascript:alert(4))',
  '<a href="javascript:alert(5)">html link</a>',
  '[data link](data:text/html,<script>alert(6)</script>)',
  '<iframe src="javascript:alert(7)"></iframe>',
  '<svg onload="alert(8)"></svg>',
];

export const RARE_WORD = 'zanzibarquux';
export const FILLER = 400;
export const LIVE_AGENT_ID = 'live-session-1';

export interface Seeded {
  projectId: string;
  projectName: string;
  work: Session;
  sub: Session;
  hostile: Session;
  rareSeq: number;
  checkpoints: { before: string; after: string };
}

export function seedStore(box: Sandbox): Seeded {
  const now = Date.now();
  const { store, project } = openStore(box, now - 3 * 3600_000);
  const world: OpsWorld = { store, clock: { now: () => Date.now() }, envSession: null, git: null };
  const work = store.sessions.start({
    agent: 'claude-code',
    agentSessionId: LIVE_AGENT_ID,
    projectId: project.id,
    title: 'Fix the cart totals',
    startedAt: now - 2 * 3600_000,
  });
  const sub = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    title: 'Explore the tests',
    parentId: work.id,
    parentKind: 'subagent',
    startedAt: now - 90 * 60_000,
  });
  const hostile = store.sessions.start({
    agent: 'codex',
    projectId: project.id,
    title: 'Hostile transcript',
    startedAt: now - 3600_000,
  });
  const at = (i: number) => now - 2 * 3600_000 + i * 1000;
  const ev = (s: Session, i: number, e: Omit<EventInput, 'sessionId' | 'source'>): EventInput => ({
    sessionId: s.id,
    source: 'transcript',
    ts: at(i),
    ...e,
  });
  const head: EventInput[] = [
    ev(work, 0, {
      kind: 'user_message',
      role: 'user',
      text: 'Please fix **rounding** in `cart.ts`',
    }),
    ev(work, 1, {
      kind: 'assistant_message',
      role: 'assistant',
      text: "I'll look at the cart first.",
      data: { thinkingChars: 42 },
    }),
    ev(work, 2, {
      kind: 'tool_call',
      tool: 'Edit',
      text: 'Edit src/cart.ts',
      data: {
        toolUseId: 'tu-edit',
        input: {
          file_path: 'src/cart.ts',
          old_string: 'return a + b;',
          new_string: 'return Math.round(a + b);',
        },
      },
    }),
    ev(work, 3, {
      kind: 'tool_result',
      tool: 'Edit',
      text: 'The file src/cart.ts has been updated.',
      data: { toolUseId: 'tu-edit' },
    }),
    ev(work, 4, {
      kind: 'tool_call',
      tool: 'Bash',
      text: 'npm test',
      data: { toolUseId: 'tu-test', input: { command: 'npm test' } },
    }),
    ev(work, 5, {
      kind: 'error',
      tool: 'Bash',
      text: 'Exit code 1\nFAIL cart.test.ts',
      data: { toolUseId: 'tu-test', isError: true },
    }),
    ev(work, 6, { kind: 'compaction', text: 'Conversation compacted' }),
  ];
  const filler = Array.from({ length: FILLER }, (_, k) =>
    ev(work, 7 + k, {
      kind: k % 2 ? 'assistant_message' : 'user_message',
      role: k % 2 ? 'assistant' : 'user',
      text:
        k === FILLER - 50
          ? `the ${RARE_WORD} figure is the one to keep`
          : `step ${k}: checking line ${k} of the totals`,
    }),
  );
  const tail = [
    ev(work, 7 + FILLER, {
      kind: 'assistant_message',
      role: 'assistant',
      text: 'Done: totals now use **integer cents**; see [the docs](https://example.com/docs).',
    }),
    ev(sub, 0, { kind: 'user_message', role: 'user', text: 'List the tests of the cart' }),
    ...HOSTILE.map((text, i) =>
      ev(hostile, i, { kind: i % 2 ? 'assistant_message' : 'user_message', text }),
    ),
    ev(hostile, 20, {
      kind: 'tool_call',
      tool: 'Bash',
      text: HOSTILE[0]!,
      data: { toolUseId: 'h1', input: { command: HOSTILE[1]! } },
    }),
    ev(hostile, 21, {
      kind: 'tool_result',
      tool: 'Bash',
      text: HOSTILE[6]!,
      data: { toolUseId: 'h1' },
    }),
  ];
  const appended = store.events.append([...head, ...filler, ...tail]);
  const rareSeq = appended.seqs[head.length + FILLER - 50]!;

  ops.addTodo(world, { projectId: project.id, content: 'Write the property test for totals' });
  const changelog = ops.addTodo(world, { projectId: project.id, content: 'Update the changelog' });
  ops.recordDecision(world, {
    projectId: project.id,
    decision: 'Keep totals as floats',
    reasoning: 'simplest',
  });
  ops.setFact(world, {
    projectId: project.id,
    key: 'test-command',
    value: 'npm test',
    expiresIn: '7d',
  });
  ops.setComponent(world, {
    projectId: project.id,
    name: 'checkout',
    status: 'degraded',
    health: 60,
  });
  const before = ops.takeCheckpoint(world, {
    projectId: project.id,
    label: 'before the changelog',
    session: work.id,
    whenUnnamed: 'last',
  });
  ops.updateTodo(world, {
    projectId: project.id,
    ref: changelog.number,
    patch: { status: 'completed' },
  });
  const after = ops.takeCheckpoint(world, {
    projectId: project.id,
    label: 'after the changelog',
    session: work.id,
    whenUnnamed: 'last',
  });
  store.close();
  return {
    projectId: project.id,
    projectName: project.name,
    work,
    sub,
    hostile,
    rareSeq,
    checkpoints: { before: before.id, after: after.id },
  };
}
