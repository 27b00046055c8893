// Prompts: `resume` hands the agent the recovery prompt (previous context, project state and what
// to do first); `emergency_resume` the smallest brief that still carries the open work.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { recoveryBrief } from '../operations/index.js';
import type { McpDeps } from './deps.js';
import { opsWorldFor } from './tool-call.js';
import { protocolError } from './tool-error.js';

const asUserMessage = (text: string, description: string): GetPromptResult => ({
  description,
  messages: [{ role: 'user', content: { type: 'text', text } }],
});

const EMERGENCY_INSTRUCTIONS = `You are resuming work after a crash or a lost context. Below is Baton's emergency brief: only the open work and the critical facts.
1. Say in two lines what you understand was in progress.
2. Check the repository state before changing anything (git status, the files named below).
3. Continue with the task in progress, or ask if it is unclear. Use the baton MCP tools (resume_brief with mode 'full', search, todo_list) for more.`;

export function registerPrompts(server: McpServer, deps: McpDeps): void {
  const optional = (what: string) => z.string().optional().describe(what);

  server.registerPrompt(
    'resume',
    {
      title: 'Resume work',
      description:
        'Resume work from the last session (or a given session or checkpoint) with its full recovery context',
      argsSchema: {
        session: optional('a session handle to resume from (default: the last one)'),
        checkpoint: optional('a RECOVERY-… checkpoint to resume from'),
      },
    },
    async ({ session, checkpoint }) => {
      try {
        const { text } = await recoveryBrief(opsWorldFor(deps, deps.clock.now()), {
          projectId: deps.project.id,
          sessionRef: session || undefined,
          checkpointRef: checkpoint || undefined,
          prompt: true,
        });
        return asUserMessage(text, `Resume work on ${deps.project.name}`);
      } catch (error) {
        throw protocolError(error);
      }
    },
  );

  server.registerPrompt(
    'emergency_resume',
    {
      title: 'Emergency resume',
      description: 'Resume after a crash with only the open work and critical facts (tiny)',
      argsSchema: { session: optional('a session handle to resume from (default: the last one)') },
    },
    async ({ session }) => {
      try {
        const brief = await recoveryBrief(opsWorldFor(deps, deps.clock.now()), {
          projectId: deps.project.id,
          mode: 'emergency',
          sessionRef: session || undefined,
          format: 'md',
        });
        return asUserMessage(
          `${EMERGENCY_INSTRUCTIONS}\n\n${brief.text}`,
          `Emergency resume of ${deps.project.name}`,
        );
      } catch (error) {
        throw protocolError(error);
      }
    },
  );
}
