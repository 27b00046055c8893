// Test data shared by the in-memory and the stdio tests of the MCP server: a seeded project, and
// for every tool one valid call and one invalid call with the words its error must contain.
import type { Project } from '../core/index.js';
import type { Store } from '../store/index.js';

export interface Seeded {
  project: Project;
  sessionHandle: string;
  eventId: string;
  eventSeq: number;
  checkpointHandle: string;
}

const T0 = Date.parse('2026-03-04T10:00:00Z');

/** A project with one session of a few events, two todos, a decision, a fact, a component. */
export function seedProject(store: Store, project: Project): Omit<Seeded, 'checkpointHandle'> {
  const session = store.sessions.start({
    agent: 'claude-code',
    agentSessionId: 'cc-1',
    projectId: project.id,
    title: 'Fix the login bug',
    startedAt: T0,
  });
  const { seqs } = store.events.append(
    [
      'The login form rejects valid passwords since the upgrade',
      'Looking at the bcrypt comparison in src/auth/verifyPassword.ts',
      'npm test -- auth',
      'The salt rounds constant was read as a string; parseInt fixes it',
      'All auth tests pass now',
    ].map((text, i) => ({
      sessionId: session.id,
      ts: T0 + i * 60_000,
      kind:
        i === 2
          ? ('command' as const)
          : i % 2
            ? ('assistant_message' as const)
            : ('user_message' as const),
      text,
      source: 'import' as const,
      ref: `r${i}`,
    })),
  );
  store.todos.add({ projectId: project.id, content: 'Write a regression test for salt rounds' });
  store.todos.add({
    projectId: project.id,
    content: 'Deploy the fix to staging',
    priority: 'high',
  });
  store.decisions.add({
    projectId: project.id,
    decision: 'Parse numeric env values at load',
    reasoning: 'strings slipped through',
  });
  store.facts.set({
    projectId: project.id,
    key: 'deploy.target',
    value: 'staging',
    priority: 'high',
  });
  store.components.set({ projectId: project.id, name: 'auth', status: 'up', health: 90 });
  const event = store.events.get(seqs[3]!)!;
  return { project, sessionHandle: session.handle, eventId: event.id, eventSeq: event.seq };
}

export interface ToolCase {
  valid: Record<string, unknown>;
  invalid: Record<string, unknown>;
  /** Words the invalid call's error text must contain (case-insensitive). */
  error: RegExp;
}

export function toolCases(s: Seeded): Record<string, ToolCase> {
  return {
    search: { valid: { query: 'salt rounds' }, invalid: { query: '' }, error: /query/i },
    list_sessions: { valid: { limit: 5 }, invalid: { limit: 0 }, error: /limit/i },
    get_session: {
      valid: { session: s.sessionHandle, limit: 2 },
      invalid: { session: 'SESSION-000000-999' },
      error: /no session/i,
    },
    timeline: {
      valid: { event: s.eventId, before: 1, after: 1 },
      invalid: { event: 'nope' },
      error: /no event/i,
    },
    resume_brief: { valid: { mode: 'quick' }, invalid: { mode: 'slow' }, error: /mode/i },
    checkpoint_create: {
      valid: { label: 'before deploy' },
      invalid: { label: 42 },
      error: /label/i,
    },
    checkpoint_list: {
      valid: { limit: 3 },
      invalid: { session: 'SESSION-000000-999' },
      error: /no session/i,
    },
    checkpoint_restore: {
      valid: { checkpoint: s.checkpointHandle },
      invalid: { checkpoint: 'RECOVERY-NOPE' },
      error: /no checkpoint/i,
    },
    todo_list: { valid: { status: 'all' }, invalid: { status: 'someday' }, error: /status/i },
    todo_add: {
      valid: { content: 'Update the changelog' },
      invalid: { content: '   ' },
      error: /content/i,
    },
    todo_update: {
      valid: { todo: 1, status: 'in_progress' },
      invalid: { todo: 1 },
      error: /nothing to change/i,
    },
    decision_record: {
      valid: { decision: 'Keep bcrypt', reasoning: 'argon2 needs a native build' },
      invalid: { decision: 'x', supersedes: 999 },
      error: /no decision #999/i,
    },
    decision_list: { valid: {}, invalid: { status: 'maybe' }, error: /status/i },
    context_set: {
      valid: { key: 'test.command', value: 'npm test' },
      invalid: { key: 'has space', value: 1 },
      error: /no spaces/i,
    },
    context_get: {
      valid: { key: 'deploy.target' },
      invalid: { key: 'no.such.key' },
      error: /no context fact/i,
    },
    context_list: { valid: {}, invalid: { offset: -1 }, error: /offset/i },
    component_set: {
      valid: { name: 'db', status: 'degraded', health: 40 },
      invalid: { name: 'db', health: 101 },
      error: /health/i,
    },
    component_list: { valid: {}, invalid: { limit: 'ten' }, error: /limit/i },
    log_event: {
      valid: { kind: 'note', text: 'checked the deploy logs' },
      invalid: { kind: 'shout', text: 'x' },
      error: /kind/i,
    },
  };
}
