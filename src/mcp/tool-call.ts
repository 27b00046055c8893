// What a tool has at hand while it runs: the deps, the time of the call, and the world the
// operations run in — this server's store and clock, the session the environment names, the agent
// calling (from the client's name), git for checkpoints — with automatic-checkpoint failures noted
// in the store rather than failing the write that was asked for. The store and project are read
// from the deps when a request arrives: the server opens them at the first request, not at start.
import type { OpsWorld } from '../operations/index.js';
import type { SessionInput } from '../store/index.js';
import type { McpDeps } from './deps.js';

export interface ToolCall {
  readonly deps: McpDeps;
  readonly now: number;
  readonly ops: OpsWorld;
  /** The session to start for this client when a write needs one and none is named or active. */
  newSession(): Omit<SessionInput, 'projectId'>;
}

/** The capture agent an MCP client's name (from `initialize`) belongs to, if any. */
export function agentOfClient(name: string | undefined): string | null {
  if (!name) return null;
  if (/claude/i.test(name)) return 'claude-code';
  if (/codex/i.test(name)) return 'codex';
  if (/gemini/i.test(name)) return 'gemini';
  return null;
}

/** The world the operations run in for one call or read, begun at `now`. */
export function opsWorldFor(deps: McpDeps, now: number, clientName?: string): OpsWorld {
  const { store, project, onTrigger } = deps;
  return {
    store,
    clock: deps.clock,
    envSession: deps.sessionRef,
    callerAgent: agentOfClient(clientName),
    git: deps.git,
    noteFailure: (message) => store.noteCapture('mcp-trigger', message),
    ...(onTrigger && {
      onTrigger: (trigger, sessionId) =>
        void onTrigger(store, { trigger, projectId: project.id, sessionId, now }),
    }),
  };
}

export function createToolCall(deps: McpDeps, clientName: () => string | undefined): ToolCall {
  const now = deps.clock.now();
  return {
    deps,
    now,
    ops: opsWorldFor(deps, now, clientName()),
    newSession() {
      const client = clientName();
      return {
        agent: 'mcp',
        cwd: deps.project.root,
        title: 'Recorded through MCP',
        startedAt: now,
        ...(client !== undefined && { meta: { client } }),
      };
    },
  };
}
