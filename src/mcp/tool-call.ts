// What a tool has at hand while it runs: the deps, the time of the call, and the session its
// writes are attributed to — the `session` argument, else $BATON_SESSION, else (for writes that
// need one) the project's active session or a new one.
import { BatonError } from '../core/index.js';
import type { Session } from '../core/index.js';
import type { McpDeps, McpTrigger } from './deps.js';

export interface ToolCall {
  readonly deps: McpDeps;
  readonly now: number;
  /** The session named by the caller or the environment, or null. Unknown names are an error. */
  namedSession(ref: string | undefined): Session | null;
  /** The calling session; starts one for this client when nothing names one and none is active. */
  writingSession(ref: string | undefined): Session;
  trigger(
    trigger: McpTrigger,
    sessionId: string | null,
    detail?: Record<string, string | number>,
  ): Promise<void>;
}

export function createToolCall(deps: McpDeps, clientName: () => string | undefined): ToolCall {
  const now = deps.clock.now();
  const { store, project } = deps;
  const namedSession = (ref: string | undefined): Session | null => {
    if (ref !== undefined) {
      const found = store.sessions.get(ref);
      if (!found) {
        throw new BatonError('NOT_FOUND', `no session "${ref}"`, {
          hint: 'give a handle from list_sessions (SESSION-YYMMDD-NNN), or leave session out',
        });
      }
      return found;
    }
    // A stale $BATON_SESSION (another store, a forgotten session) must not break every write.
    return deps.sessionRef ? store.sessions.get(deps.sessionRef) : null;
  };
  return {
    deps,
    now,
    namedSession,
    writingSession(ref) {
      const named = namedSession(ref);
      if (named) return named;
      const [active] = store.sessions.list({ projectId: project.id, status: 'active', limit: 1 });
      if (active) return active;
      const client = clientName();
      return store.sessions.start({
        agent: 'mcp',
        projectId: project.id,
        cwd: project.root,
        title: 'Recorded through MCP',
        startedAt: now,
        ...(client !== undefined && { meta: { client } }),
      });
    },
    async trigger(trigger, sessionId, detail = {}) {
      if (!deps.onTrigger) return;
      try {
        await deps.onTrigger(store, { trigger, projectId: project.id, sessionId, now, detail });
      } catch (error) {
        // The write the agent asked for is done; a failed automatic checkpoint is only noted.
        store.noteCapture('mcp-trigger', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
