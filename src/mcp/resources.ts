// Resources: the project's brief, each session (`baton://session/{handle}`) and each checkpoint
// (`baton://checkpoint/{handle}`), listed and readable — for clients that attach context by URI.
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { BatonError } from '../core/index.js';
import type { JsonValue } from '../core/index.js';
import { toJson } from '../wire/index.js';
import type { McpDeps } from './deps.js';
import { checkpointLine, eventLine, lines, minute, sessionLine } from './present.js';
import { eventItem } from './shapes.js';
import { protocolError } from './tool-error.js';

const LISTED = 50;
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
  server.registerResource(
    'brief',
    'baton://brief',
    {
      title: `Recovery brief — ${deps.project.name}`,
      description:
        "This project's recovery brief: last session, open todos, decisions, facts, next step",
      mimeType: 'text/markdown',
    },
    (uri) =>
      guarded(async () => {
        const brief = await deps.resumeBrief(deps.store, {
          projectId: deps.project.id,
          mode: 'quick',
          format: 'md',
          now: deps.clock.now(),
        });
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: brief.text }] };
      }),
  );

  const sessions = new ResourceTemplate('baton://session/{handle}', {
    list: () => ({
      resources: deps.store.sessions
        .list({ projectId: deps.project.id, limit: LISTED })
        .map((s) => ({
          uri: `baton://session/${s.handle}`,
          name: s.handle,
          title: s.title ?? `${s.agent} session ${s.handle}`,
          description: sessionLine(s),
          mimeType: 'text/markdown',
        })),
    }),
  });
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
        const ref = one(vars.handle);
        const s = deps.store.sessions.get(ref);
        if (!s)
          throw new BatonError('NOT_FOUND', `no session "${ref}"`, { hint: 'list the resources' });
        const events = deps.store.events
          .list({ sessionId: s.id, order: 'desc', limit: SESSION_EVENTS })
          .reverse();
        const text = lines(
          `# ${s.handle}${s.title ? ` — ${s.title}` : ''}`,
          `${s.agent} · ${s.status}${s.endReason ? ` (${s.endReason})` : ''} · started ${minute(s.startedAt)} · last activity ${minute(s.lastActivityAt)} · ${s.eventCount} events`,
          '',
          events.map((e) => `- ${eventLine(eventItem(e, 500, false))}`),
        );
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
      }),
  );

  const checkpoints = new ResourceTemplate('baton://checkpoint/{handle}', {
    list: () => ({
      resources: deps.store.checkpoints
        .list({ projectId: deps.project.id, limit: LISTED })
        .map((c) => ({
          uri: `baton://checkpoint/${c.handle}`,
          name: c.handle,
          title: c.label ?? c.handle,
          description: checkpointLine(c),
          mimeType: 'application/json',
        })),
    }),
  });
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
        const ref = one(vars.handle);
        const c = deps.store.checkpoints.get(ref);
        if (!c)
          throw new BatonError('NOT_FOUND', `no checkpoint "${ref}"`, {
            hint: 'list the resources',
          });
        const raw = deps.store.checkpoints.snapshot(c.id);
        let snapshot: JsonValue;
        try {
          snapshot = JSON.parse(raw) as JsonValue;
        } catch {
          snapshot = raw;
        }
        const text = JSON.stringify({ checkpoint: toJson.checkpoint(c), snapshot }, null, 2);
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      }),
  );
}
