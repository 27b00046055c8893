// Pins what the tools do beyond answering: paging and cursors, search hits read in context,
// attribution of writes to the calling session, checkpoint triggers, superseded decisions, facts
// with expiry, and restoring a checkpoint with rollback.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { NOW, closeClients, data, setup, textOf } from './in-memory-client.fixture.js';

afterEach(closeClients);

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

  it('fires the checkpoint triggers: todo completed once, decision recorded, error and activity logged', async () => {
    const { call, triggers } = await setup();
    await call('todo_update', { todo: 1, status: 'completed' });
    await call('todo_update', { todo: 1, status: 'completed' });
    await call('decision_record', { decision: 'z' });
    await call('log_event', { kind: 'error', text: 'boom' });
    await call('log_event', { kind: 'note', text: 'fine' });
    expect(triggers.map((t) => t.trigger)).toEqual([
      'todo-completed',
      'decision-recorded',
      'error',
      'activity',
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
