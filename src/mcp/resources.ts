// Resources: the project's brief (`baton://brief`, listed), each session
// (`baton://session/{handle}`) and each checkpoint (`baton://checkpoint/{handle}`), readable by URI
// through their templates — for clients that attach context by URI. `resources/list` names the
// brief only and the same for every project, so the small MCP entry answers it (and
// `resources/templates/list`) from its build-time listing: Claude Code asks for both as it
// connects, and listing sessions from the store there made every session start wait for the full
// server. The `list_sessions` tool and `baton://session/…` URIs reach the sessions.
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { recoveryBrief, sessionPage, showCheckpoint, withHint } from '../operations/index.js';
import { toJson } from '../wire/index.js';
import type { McpDeps } from './deps.js';
import { eventLine, lines, minute } from './present.js';
import { eventItem } from './shapes.js';
import { opsWorldFor } from './tool-call.js';
import { protocolError } from './tool-error.js';

const SESSION_EVENTS = 50;

async function guarded(read: () => ReadResourceResult | Promise<ReadResourceResult>) {
  try {
    return await read();
  } catch (error) {
    throw protocolError(error);
  }
}

const one = (variable: string | string[] | undefined) =>
  decodeURIComponent(Array.isArray(variable) ? (variable[0] ?? '') : (variable ?? ''));

export function registerResources(server: McpServer, deps: McpDeps): void {
  const world = () => opsWorldFor(deps, deps.clock.now());

  server.registerResource(
    'brief',
    'baton://brief',
    {
      title: 'Recovery brief',
      description:
        "This project's recovery brief: last session, open todos, decisions, facts, next step",
      mimeType: 'text/markdown',
    },
    (uri) =>
      guarded(async () => {
        const brief = await recoveryBrief(world(), {
          projectId: deps.project.id,
          mode: 'quick',
          format: 'md',
        });
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: brief.text }] };
      }),
  );

  const sessions = new ResourceTemplate('baton://session/{handle}', { list: undefined });
  server.registerResource(
    'session',
    sessions,
    {
      title: 'A session',
      description: 'One recorded session and its last 50 events',
      mimeType: 'text/markdown',
    },
    (uri, vars) =>
      guarded(() => {
        const { session: s, events } = withHint(
          () =>
            sessionPage(world(), {
              projectId: deps.project.id,
              session: one(vars.handle),
              limit: SESSION_EVENTS,
            }),
          'NOT_FOUND',
          'list the resources',
        );
        const text = lines(
          `# ${s.handle}${s.title ? ` — ${s.title}` : ''}`,
          `${s.agent} · ${s.status}${s.endReason ? ` (${s.endReason})` : ''} · started ${minute(s.startedAt)} · last activity ${minute(s.lastActivityAt)} · ${s.eventCount} events`,
          '',
          events.map((e) => `- ${eventLine(eventItem(e, 500, false))}`),
        );
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
      }),
  );

  const checkpoints = new ResourceTemplate('baton://checkpoint/{handle}', { list: undefined });
  server.registerResource(
    'checkpoint',
    checkpoints,
    {
      title: 'A checkpoint',
      description: 'One checkpoint and its snapshot, as JSON',
      mimeType: 'application/json',
    },
    (uri, vars) =>
      guarded(() => {
        const shown = showCheckpoint(world(), {
          ref: one(vars.handle),
        });
        const checkpoint = toJson.checkpoint(shown.checkpoint);
        const text = JSON.stringify({ checkpoint, snapshot: shown.snapshot }, null, 2);
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      }),
  );
}
