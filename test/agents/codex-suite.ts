// The assertions on the Codex story, for the pinned Codex CLI version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCodex } from './clients/codex-client.js';
import {
  DONE_STEP,
  FIRST_PROMPT,
  FORK_PROMPT,
  MCP_TODO,
  OPEN_STEP,
  SECOND_PROMPT,
  tellCodexStory,
} from './codex-story.js';
import type { CodexStory } from './codex-story.js';
import { openaiRequestText } from './fake-model/openai-dialect.js';
import { expectForkOf, expectOneBriefQuoting } from './harness/story-assertions.js';
import { keepOrDispose } from './harness/agent-sandbox.js';
import { toolPairs } from './harness/store-reading.js';

export function describeCodex(version: string): void {
  const client = findCodex(version);
  const missing = 'missing' in client ? client.missing : undefined;
  if (missing) console.warn(`Codex ${version} suite skipped: ${missing}`);

  describe.skipIf(missing !== undefined)(
    `Codex CLI ${version}, genuine client, Baton installed`,
    () => {
      let story: CodexStory;
      beforeAll(async () => {
        if ('missing' in client) return;
        story = await tellCodexStory(client);
      }, 240_000);
      afterAll(async () => {
        await story?.fake.close();
        keepOrDispose(story?.box);
      });

      const firstSession = () =>
        story.sessions.find((s) =>
          story.events.some(
            (e) =>
              e.session === s.agentSessionId &&
              e.kind === 'user_message' &&
              e.text === FIRST_PROMPT,
          ),
        );

      it('installs', () => {
        expect(story.install.code, story.install.stderr).toBe(0);
      });

      it('stores each prompt once', () => {
        for (const prompt of [FIRST_PROMPT, SECOND_PROMPT])
          expect(
            story.events.filter((e) => e.kind === 'user_message' && e.text === prompt),
          ).toHaveLength(1);
      });

      it('stores each command with its result, in call order, the failure marked', () => {
        const pairs = toolPairs(
          story.events.filter((e) => e.session === firstSession()!.agentSessionId),
        );
        const shell = pairs.filter((p) => p.tool !== 'update_plan' && !p.tool.includes('todo_add'));
        expect(shell).toHaveLength(3);
        expect(shell[0]!.result).toContain('hello-from-shell');
        expect(shell[1]!.result).toContain('No such file');
        for (const p of pairs)
          expect(p.resultIndex, `${p.tool} result before its call`).toBeGreaterThan(p.callIndex);
      });

      it("turns update_plan into todos with the plan's final state", () => {
        const byText = new Map(story.todos.map((t) => [t.content, t.status]));
        expect(byText.get(DONE_STEP)).toBe('completed');
        expect(byText.get(OPEN_STEP)).toBe('pending');
      });

      it("keeps the todo the model added through Baton's MCP server", () => {
        expect(story.todos.map((t) => t.content)).toContain(MCP_TODO);
      });

      it('attributes the todo the model added through MCP to the session it was added in', () => {
        const todo = story.todos.find((t) => t.content === MCP_TODO);
        expect(todo?.originSessionId).toBe(firstSession()!.id);
      });

      it('ends each session with a reason when codex exec exits', () => {
        const first = story.sessionsAfterFirst.find(
          (s) => s.agentSessionId === firstSession()!.agentSessionId,
        );
        expect(first?.status).toBe('ended');
        expect(story.sessions.map((s) => s.status)).toEqual(['ended', 'ended', 'ended']);
      });

      it('titles the first session with its prompt', () => {
        expect(firstSession()!.title).toBe(FIRST_PROMPT);
      });

      it('opens the second session with a brief', () => {
        const text = openaiRequestText(story.secondRequests[0]!);
        expect(text).toContain('# Baton recovery brief');
        expect(text.split('# Baton recovery brief')).toHaveLength(2);
        expect(text).toContain(MCP_TODO);
      });

      it("quotes the first session's prompt and open plan step in the second session's brief", () => {
        expectOneBriefQuoting(openaiRequestText(story.secondRequests[0]!), [
          FIRST_PROMPT,
          OPEN_STEP,
        ]);
      });

      it('links the session made by `codex exec fork` to its parent, without its copied history', () => {
        expect(story.fork.code).toBe(0);
        // Codex did fork: the model was sent the parent's history with the new prompt.
        const sent = openaiRequestText(story.forkRequests[0]!);
        expect(sent).toContain(FIRST_PROMPT);
        expect(sent).toContain(FORK_PROMPT);
        const fork = expectForkOf(story, firstSession()!, FORK_PROMPT, { ownToolCalls: false });
        expect(fork.title).toBe(FORK_PROMPT);
      });

      it('adds nothing when the rollouts are imported afterwards', () => {
        expect(story.importRun.code, story.importRun.stderr).toBe(0);
        expect(story.eventsAfterImport.length).toBe(story.events.length);
      });

      it('uninstalls byte for byte', () => {
        expect(story.uninstall.code, story.uninstall.stderr).toBe(0);
        expect(story.hooksAfterUninstall).toBeUndefined();
        expect(story.configAfterUninstall?.toString('utf8')).toBe(
          story.configBefore?.toString('utf8'),
        );
      });
    },
  );
}
