// Pins the calling agent's step of whichSession: a write that names no session goes to the live
// session of the agent that called (an MCP server the agent started), not to another agent's, and
// the environment's session still comes first.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { addTodo } from './index.js';
import type { OpsWorld } from './index.js';

function setup(callerAgent: string | null, envSession: string | null = null) {
  const clock = fixedClock(Date.parse('2026-03-05T09:00:00Z'), 1000);
  const store = openMemoryStore(clock);
  const project = store.projects.ensure({ key: 'path:/a', root: '/a', remoteUrl: null, name: 'a' });
  const codex = store.sessions.start({ agent: 'codex', projectId: project.id });
  const claude = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  const world: OpsWorld = { store, clock, envSession, git: null, callerAgent };
  return { world, project, codex, claude };
}

describe('whichSession: the calling agent', () => {
  it("attributes an unnamed todo to the caller's live session, though another agent's is newer", () => {
    const { world, project, codex } = setup('codex');
    const todo = addTodo(world, { projectId: project.id, content: 'Ship it' });
    expect(todo.originSessionId).toBe(codex.id);
  });

  it('attributes nothing when the caller is unknown or has no live session', () => {
    const unknown = setup(null);
    expect(
      addTodo(unknown.world, { projectId: unknown.project.id, content: 'x' }).originSessionId,
    ).toBeNull();
    const gemini = setup('gemini');
    expect(
      addTodo(gemini.world, { projectId: gemini.project.id, content: 'x' }).originSessionId,
    ).toBeNull();
  });

  it("prefers the session the environment names to the caller's live one", () => {
    const { world, project, claude } = setup('codex');
    const named = { ...world, envSession: claude.id };
    expect(addTodo(named, { projectId: project.id, content: 'x' }).originSessionId).toBe(claude.id);
  });
});
