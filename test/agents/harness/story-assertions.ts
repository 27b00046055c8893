// Assertions every real-client story makes the same way, whatever the agent: a forked session is
// linked to its parent and holds only its own prompt (not the copied history), and the second
// session's brief quotes the first session's real prompt (and open work) — one brief, never a
// brief inside a brief.
import { expect } from 'vitest';
import type { AgentSandbox, StoredEvent, StoredSession } from './agent-sandbox.js';

const BRIEF_TITLE = '# Baton recovery brief';

/** The session whose stored prompts include `prompt`. */
export function sessionWithPrompt(
  story: { sessions: StoredSession[]; events: StoredEvent[] },
  prompt: string,
): StoredSession | undefined {
  return story.sessions.find((s) =>
    story.events.some(
      (e) => e.session === s.agentSessionId && e.kind === 'user_message' && e.text === prompt,
    ),
  );
}

/**
 * The session that `forkPrompt` was typed in is a fork of `parent`: linked to it, shown so by
 * `baton session show`, and holding its own prompt only (with `ownToolCalls: false`, no tool call
 * either: the parent's were copied, not made). Returns the fork.
 */
export function expectForkOf(
  story: { box: AgentSandbox; sessions: StoredSession[]; events: StoredEvent[] },
  parent: StoredSession,
  forkPrompt: string,
  opts: { ownToolCalls?: boolean } = {},
): StoredSession {
  const fork = sessionWithPrompt(story, forkPrompt);
  expect(fork, `no session holds the fork's prompt "${forkPrompt}"`).toBeDefined();
  expect(fork!.parentId).toBe(parent.id);
  expect(fork!.parentKind).toBe('fork');
  const own = story.events.filter((e) => e.session === fork!.agentSessionId);
  expect(own.filter((e) => e.kind === 'user_message').map((e) => e.text)).toEqual([forkPrompt]);
  if (opts.ownToolCalls === false) expect(own.filter((e) => e.kind === 'tool_call')).toEqual([]);
  const shown = story.box.baton(['session', 'show', fork!.handle]);
  expect(shown.stdout).toMatch(new RegExp(`Parent +${parent.handle} \\(forked from it\\)`));
  return fork!;
}

/**
 * `sent` (what the model received) carries exactly one brief, and the brief quotes each of
 * `quoted` (the first session's real prompt, its open todo or plan step).
 */
export function expectOneBriefQuoting(sent: string, quoted: string[]): void {
  const at = sent.indexOf(BRIEF_TITLE);
  expect(at, 'the request carries no brief').toBeGreaterThanOrEqual(0);
  expect(sent.split(BRIEF_TITLE), 'a brief inside a brief').toHaveLength(2);
  const brief = sent.slice(at);
  for (const q of quoted) expect(brief).toContain(q);
}
