// Claude Code with Baton installed (hooks and MCP server), but Baton's MCP server never connects
// (its command cannot start): every hook Baton routes through the server (`mcp_tool` handlers) is
// skipped by Claude Code. Nothing may be lost for it: the session's end, a detached command, still
// imports the transcript, so the store holds the prompt once, each tool call with its result after
// it, and the session ended with its reason. The same session with the server connected is the
// main story (claude-code-suite.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicDialect } from './fake-model/anthropic-dialect.js';
import { FakeModelServer } from './fake-model/server.js';
import { claudePrint, findClaudeCode, prepareClaudeHome } from './clients/claude-code-client.js';
import { AgentSandbox, keepOrDispose } from './harness/agent-sandbox.js';
import type { StoredEvent, StoredSession } from './harness/agent-sandbox.js';
import type { ProcessResult } from './harness/run-process.js';
import { toolPairs } from './harness/store-reading.js';

const PROMPT = 'Greet the world from the shell';

interface Unconnected {
  box: AgentSandbox;
  fake: FakeModelServer;
  run: ProcessResult;
  debugLog: string;
  sessions: StoredSession[];
  events: StoredEvent[];
}

async function tell(client: { version: string; binary: string }): Promise<Unconnected> {
  const box = AgentSandbox.create(`claude-unconnected-${client.version}`);
  const fake = await FakeModelServer.start(anthropicDialect);
  prepareClaudeHome(box);
  const install = box.baton(['install', 'claude-code']);
  if (install.code !== 0) throw new Error(`install failed: ${install.stderr}`);
  // Baton's server entry as installed, with a command that cannot start.
  const configPath = join(box.home, '.claude.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as {
    mcpServers: Record<string, { command: string }>;
  };
  config.mcpServers.baton!.command = join(box.root, 'no-such-baton');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  fake.scripted(
    [{ tools: [{ name: 'Bash', input: { command: 'echo hi-there', description: 'greet' } }] }],
    'Greeted.',
  );
  const run = await claudePrint(client, box, fake, PROMPT, ['--debug']);
  const debugLog = readFileSync(join(box.home, '.claude', 'debug', 'latest'), 'utf8');
  return { box, fake, run, debugLog, sessions: box.sessions(), events: box.events() };
}

export function describeClaudeCodeUnconnected(version: string): void {
  const client = findClaudeCode(version);
  const missing = 'missing' in client ? client.missing : undefined;
  describe.skipIf(missing !== undefined)(
    `Claude Code ${version}, Baton's MCP server not connected`,
    () => {
      let story: Unconnected;
      beforeAll(async () => {
        if ('missing' in client) return;
        story = await tell(client);
      }, 180_000);
      afterAll(async () => {
        await story?.fake.close();
        keepOrDispose(story?.box);
      });

      it('runs, with the hooks routed through the server skipped', () => {
        expect(story.run.code, story.run.stderr).toBe(0);
        expect(story.debugLog).toMatch(/mcp_tool hook (skipped|error)/);
      });

      it('still stores the prompt once, the tool call and its result in order, and the end', () => {
        const prompts = story.events.filter((e) => e.kind === 'user_message' && e.text === PROMPT);
        expect(prompts).toHaveLength(1);
        const pairs = toolPairs(story.events);
        expect(pairs.map((p) => p.tool)).toEqual(['Bash']);
        expect(pairs[0]!.result).toContain('hi-there');
        expect(pairs[0]!.resultIndex).toBeGreaterThan(pairs[0]!.callIndex);
        expect(story.sessions).toHaveLength(1);
        expect(story.sessions[0]).toMatchObject({ status: 'ended', title: PROMPT });
        expect(story.sessions[0]!.endReason).toBeTruthy();
      });
    },
  );
}
