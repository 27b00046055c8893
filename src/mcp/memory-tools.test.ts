// Pins the operations behind the MCP server: resume_brief and the recovery prompts are
// Baton's real brief, and checkpoint_create / _list / _restore (with rollback and its undo) and the
// triggers of tool writes go through src/recover — driven through the SDK's own client.
import { afterEach, describe, expect, it } from 'vitest';
import { closeClients, data, setup } from './in-memory-client.fixture.js';

afterEach(closeClients);

describe('the operations behind the MCP server', () => {
  it('answers resume_brief with the real brief, in markdown and JSON', async () => {
    const { call, seeded } = await setup();
    const brief = data<{ text: string; sessionHandle: string; truncated: boolean }>(
      await call('resume_brief'),
    );
    expect(brief.text).toMatch(/^# Baton recovery brief: app\n/);
    expect(brief.text).toContain(`- Session: ${seeded.sessionHandle} · claude-code`);
    expect(brief.text).toContain('[pending] Write a regression test for salt rounds');
    expect(brief.sessionHandle).toBe(seeded.sessionHandle);
    const small = data<{ text: string; truncated: boolean }>(
      await call('resume_brief', { budget: 400 }),
    );
    expect(small.text.length).toBeLessThanOrEqual(400);
    expect(small.truncated).toBe(true);
  });

  it('gives the recovery prompt and the emergency prompt', async () => {
    const { client, seeded } = await setup();
    const resume = await client.getPrompt({ name: 'resume', arguments: {} });
    const text = (resume.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(new RegExp(`^You are resuming work from ${seeded.sessionHandle}`));
    expect(text).toContain('# Instructions');
    const emergency = await client.getPrompt({ name: 'emergency_resume', arguments: {} });
    expect((emergency.messages[0]!.content as { text: string }).text).toContain('EMERGENCY brief');
  });

  it('creates, lists and restores checkpoints with an undoable rollback', async () => {
    const { call, store, project, seeded } = await setup({ sessionRef: null });
    const created = data<{ checkpoint: { handle: string; trigger: string } }>(
      await call('checkpoint_create', { label: 'before', session: seeded.sessionHandle }),
    );
    expect(created.checkpoint.trigger).toBe('manual');
    store.todos.add({ projectId: project.id, content: 'added after the checkpoint' });
    const listed = data<{ checkpoints: { handle: string }[] }>(await call('checkpoint_list', {}));
    expect(listed.checkpoints.map((c) => c.handle)).toContain(created.checkpoint.handle);
    const restored = data<{ rolledBack: boolean; undoCheckpoint: { handle: string } | null }>(
      await call('checkpoint_restore', { checkpoint: created.checkpoint.handle, rollback: true }),
    );
    expect(restored.rolledBack).toBe(true);
    expect(store.todos.list({ projectId: project.id }).map((t) => t.content)).not.toContain(
      'added after the checkpoint',
    );
    const brief = data<{ checkpointHandle: string }>(await call('resume_brief'));
    expect(brief.checkpointHandle).toBe(created.checkpoint.handle);
    await call('checkpoint_restore', {
      checkpoint: restored.undoCheckpoint!.handle,
      rollback: true,
    });
    expect(store.todos.list({ projectId: project.id }).map((t) => t.content)).toContain(
      'added after the checkpoint',
    );
  });

  it('takes a checkpoint when a tool completes a todo in a session', async () => {
    // No observer in place of the checkpoint: the operation takes the real one.
    const { call, store, seeded } = await setup({ onTrigger: undefined });
    const session = store.sessions.get(seeded.sessionHandle)!;
    await call('todo_update', { todo: '1', status: 'completed', session: seeded.sessionHandle });
    const triggers = store.checkpoints.list({ sessionId: session.id }).map((c) => c.trigger);
    expect(triggers).toContain('todo-completed');
  });
});
