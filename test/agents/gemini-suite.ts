// The assertions on the Gemini CLI story, for the pinned Gemini CLI version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGemini } from './clients/gemini-client.js';
import { geminiUserTexts } from './fake-model/gemini-dialect.js';
import {
  DONE_STEP,
  FIRST_PROMPT,
  FORK_PROMPT,
  MCP_TODO,
  OPEN_STEP,
  SECOND_PROMPT,
  tellGeminiStory,
} from './gemini-story.js';
import type { GeminiStory } from './gemini-story.js';
import { expectForkOf, expectOneBriefQuoting } from './harness/story-assertions.js';
import { keepOrDispose } from './harness/agent-sandbox.js';
import { toolPairs } from './harness/store-reading.js';

export function describeGemini(version: string): void {
  const client = findGemini(version);
  const missing = 'missing' in client ? client.missing : undefined;
  if (missing) console.warn(`Gemini CLI ${version} suite skipped: ${missing}`);

  describe.skipIf(missing !== undefined)(
    `Gemini CLI ${version}, genuine client, Baton installed`,
    () => {
      let story: GeminiStory;
      beforeAll(async () => {
        if ('missing' in client) return;
        story = await tellGeminiStory(client);
      }, 420_000);
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
              e.text?.includes(FIRST_PROMPT),
          ),
        );

      it('installs', () => {
        expect(story.install.code, story.install.stderr).toBe(0);
      });

      it('stores each prompt once, as typed', () => {
        for (const prompt of [FIRST_PROMPT, SECOND_PROMPT])
          expect(
            story.events.filter((e) => e.kind === 'user_message' && e.text === prompt),
          ).toHaveLength(1);
      });

      it('titles each session with its prompt', () => {
        expect(story.sessions.map((s) => s.title).sort()).toEqual(
          [FIRST_PROMPT, SECOND_PROMPT, FORK_PROMPT].sort(),
        );
      });

      it('stores each tool call with its result, in call order, the failure marked', () => {
        const pairs = toolPairs(
          story.events.filter((e) => e.session === firstSession()!.agentSessionId),
        );
        const shell = pairs.filter((p) => p.tool === 'run_shell_command');
        expect(shell).toHaveLength(2);
        expect(shell[0]!.result).toContain('hello-from-shell');
        expect(pairs.map((p) => p.tool)).toEqual(expect.arrayContaining(['write_file', 'replace']));
        for (const p of pairs)
          expect(p.resultIndex, `${p.tool} result before its call`).toBeGreaterThan(p.callIndex);
      });

      it("turns write_todos into todos with the plan's final state", () => {
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

      it('ends each session with a reason when gemini -p exits', () => {
        expect(story.sessions.map((s) => s.status)).toEqual(['ended', 'ended', 'ended']);
      });

      it('logs no compaction and takes no checkpoint for PreCompress that compressed nothing', () => {
        expect(story.events.filter((e) => e.kind === 'compaction')).toEqual([]);
        expect(story.checkpoints.code).toBe(0);
        const checkpoints = JSON.parse(story.checkpoints.stdout) as { trigger: string }[];
        expect(checkpoints.filter((c) => c.trigger === 'compaction')).toEqual([]);
      });

      it('opens the second session with a brief naming the open MCP todo', () => {
        const text = geminiUserTexts(story.secondRequests[0]!).join('\n');
        expect(text).toContain('# Baton recovery brief');
        expect(text).toContain(MCP_TODO);
      });

      it("quotes the first session's real prompt and open todos in the second brief, not a brief in a brief", () => {
        expectOneBriefQuoting(geminiUserTexts(story.secondRequests[0]!).join('\n'), [
          FIRST_PROMPT,
          OPEN_STEP,
        ]);
      });

      it('links the session started from the first chat with --session-file to it, without its copied messages', () => {
        expect(story.fork.code).toBe(0);
        // Gemini did carry the history over: the model was sent the first session's command
        // output with the new prompt.
        const sent = JSON.stringify(story.forkRequests[0]!.body);
        expect(sent).toContain('hello-from-shell');
        expect(sent).toContain(FORK_PROMPT);
        expectForkOf(story, firstSession()!, FORK_PROMPT, { ownToolCalls: false });
      });

      it('adds nothing when the chats are imported afterwards', () => {
        expect(story.importRun.code, story.importRun.stderr).toBe(0);
        expect(story.eventsAfterImport.length).toBe(story.events.length);
      });

      it('uninstalls byte for byte', () => {
        expect(story.uninstall.code, story.uninstall.stderr).toBe(0);
        expect(story.settingsAfterUninstall?.toString('utf8')).toBe(
          story.settingsBefore?.toString('utf8'),
        );
      });
    },
  );
}
