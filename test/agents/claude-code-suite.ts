// The assertions on the Claude Code story, run by the suite file of each pinned version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaudeCode, INTERACTIVE_PROMPT } from './clients/claude-code-client.js';
import {
  briefIn,
  DONE_TASK,
  FIRST_PROMPT,
  FORK_PROMPT,
  MCP_TODO,
  OPEN_TASK,
  tellClaudeStory,
} from './claude-code-story.js';
import type { ClaudeStory } from './claude-code-story.js';
import { expectForkOf, expectOneBriefQuoting } from './harness/story-assertions.js';
import { keepOrDispose } from './harness/agent-sandbox.js';
import { toolPairs } from './harness/store-reading.js';

export function describeClaudeCode(version: string, options: { toolSearch: boolean }): void {
  const client = findClaudeCode(version);
  const missing = 'missing' in client ? client.missing : undefined;
  if (missing) console.warn(`Claude Code ${version} suite skipped: ${missing}`);

  describe.skipIf(missing !== undefined)(
    `Claude Code ${version}, genuine client, Baton installed`,
    () => {
      let story: ClaudeStory;
      beforeAll(async () => {
        if ('missing' in client) return;
        story = await tellClaudeStory(client, options.toolSearch);
      }, 420_000);
      afterAll(async () => {
        await story?.fake.close();
        keepOrDispose(story?.box);
      });

      const firstSession = () =>
        story.sessions.find((s) =>
          story.events.some((e) => e.session === s.agentSessionId && e.text === FIRST_PROMPT),
        );

      it('installs', () => {
        expect(story.install.code, story.install.stderr).toBe(0);
      });

      it('stores the first prompt once, in the session it was typed in', () => {
        const prompts = story.events.filter(
          (e) => e.kind === 'user_message' && e.text === FIRST_PROMPT,
        );
        expect(prompts).toHaveLength(1);
        expect(firstSession()).toBeDefined();
      });

      it("keeps Claude Code's tasks and the MCP todo with their final state", () => {
        const byText = new Map(story.todos.map((t) => [t.content, t.status]));
        expect(byText.get(DONE_TASK)).toBe('completed');
        expect(byText.get(OPEN_TASK)).toBe('pending');
        expect(byText.get(MCP_TODO)).toBe('pending');
      });

      it('attributes the todo the model added through MCP to the session it was added in', () => {
        const todo = story.todos.find((t) => t.content === MCP_TODO);
        expect(todo?.originSessionId).toBe(firstSession()!.id);
      });

      it('opens the second session with a brief naming the open todos', () => {
        const brief = briefIn(story.secondRequests[0]!);
        expect(brief).toBeDefined();
        expect(brief).toContain(OPEN_TASK);
        expect(brief).toContain(MCP_TODO);
        // The subagent's end comes back as a user turn (2.1.332): not the person's last request.
        expect(brief).not.toContain('<task-notification>');
      });

      it('stores each tool call with its result, the result after its call, failures marked', () => {
        const pairs = toolPairs(
          story.events.filter((e) => e.session === firstSession()!.agentSessionId),
        );
        const bash = pairs.filter((p) => p.tool === 'Bash');
        expect(bash.map((p) => p.input)).toEqual([
          expect.objectContaining({ command: 'echo hello-from-bash' }),
          expect.objectContaining({ command: 'cat no-such-file.txt' }),
        ]);
        expect(bash[0]!.result).toContain('hello-from-bash');
        expect(bash[0]!.failed).toBe(false);
        expect(bash[1]!.failed).toBe(true);
        // Each result after its call, in the journal (the pair's hooks run as separate processes
        // that race; the call is stored first whichever spools or drains first).
        for (const p of pairs)
          expect(p.resultIndex, `${p.tool} result after its call`).toBeGreaterThan(p.callIndex);
        expect(pairs.map((p) => p.tool)).toEqual(
          expect.arrayContaining(['Write', 'Edit', 'mcp__baton__todo_add']),
        );
      });

      it('ends the first session with a reason when claude -p exits', () => {
        const s = story.sessionsAfterFirst.find(
          (x) => x.agentSessionId === firstSession()!.agentSessionId,
        );
        expect(s?.status).toBe('ended');
        expect(s?.endReason).toBeTruthy();
      });

      it('links the subagent to the first session and ends it', () => {
        const sub = story.sessions.filter(
          (s) => s.parentId === firstSession()!.id && s.parentKind === 'subagent',
        );
        expect(sub).toHaveLength(1);
        expect(sub[0]!.status).not.toBe('active');
      });

      it('links the session forked with --fork-session to its parent, without its copied history', () => {
        expect(story.fork.code).toBe(0);
        expectForkOf(story, firstSession()!, FORK_PROMPT);
      });

      it('records no session for `claude mcp list`', () => {
        expect(story.mcpList.code).toBe(0);
        expect(story.mcpList.stdout).toContain('baton');
        expect(story.sessionsAfterMcpList.map((s) => s.id)).toEqual(
          story.sessionsAfterFirst.map((s) => s.id),
        );
      });

      it("quotes the first session's prompt in the second session's brief, once", () => {
        expectOneBriefQuoting(briefIn(story.secondRequests[0]!)!, [FIRST_PROMPT]);
      });

      it('leaves no session active after normal exits', () => {
        expect(story.sessions.filter((s) => s.status !== 'ended').map((s) => s.handle)).toEqual([]);
      });

      it('adds nothing when the transcripts are imported afterwards', () => {
        expect(story.importRun.code, story.importRun.stderr).toBe(0);
        expect(story.eventsAfterImport.length).toBe(story.events.length);
      });

      it('stores no prompt twice', () => {
        const prompts = story.events
          .filter((e) => e.kind === 'user_message')
          .map((e) => `${e.session} ${e.text}`);
        expect(prompts).toEqual([...new Set(prompts)]);
      });

      it('ends the interactive session with the reason /exit gives', () => {
        const prompt = story.events.find(
          (e) => e.kind === 'user_message' && e.text === INTERACTIVE_PROMPT,
        );
        const session = story.sessions.find((s) => s.agentSessionId === prompt?.session);
        expect(session?.status).toBe('ended');
        expect(session?.endReason).toBe('prompt_input_exit');
      });

      it('uninstalls byte for byte', () => {
        expect(story.uninstall.code, story.uninstall.stderr).toBe(0);
        expect(story.settingsAfterUninstall).toEqual(story.settingsBefore);
      });
    },
  );
}
