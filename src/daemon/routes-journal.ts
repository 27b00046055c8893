// The journal: projects, sessions, a session's events page by page, the events ingest (Events
// JSONL v1, acknowledged only once committed — capture's events import does the work, as for
// `baton import --format events`) and a live stream of new events as server-sent events.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { TimeSlicer, importEvents } from '../capture/index.js';
import { BatonError, SESSION_STATUSES } from '../core/index.js';
import { lowerBulkPriority } from '../store/index.js';
import type { EventFilter } from '../store/index.js';
import { eventLineV1 } from '../schemas/index.js';
import { toJson } from '../wire/index.js';
import type { ApiWorld } from './api-world.js';
import { intParam, param } from './request-scope.js';

const PAGE = 200;
const MAX_PAGE = 5000;
/**
 * Bodies up to this size are parsed on the daemon's thread: starting a parsing worker costs more
 * than it saves on a request's worth of lines (on 5,000 lines the daemon's thread imported 2–3×
 * faster), and a hook's few lines show up sooner. Bulk uploads beyond it get the worker.
 */
const WORKER_FROM_BYTES = 8 * 1024 * 1024;
/** From this size a body is bulk work: the daemon lowers its CPU priority for good. */
const BULK_FROM_BYTES = 1024 * 1024;

export function journalRoutes(world: ApiWorld): Hono {
  const app = new Hono();
  const { store } = world;

  app.get('/projects', (c) => c.json({ projects: store.projects.list().map(toJson.project) }));

  app.get('/sessions', (c) => {
    const status = param(c, 'status');
    if (status && !(SESSION_STATUSES as readonly string[]).includes(status)) {
      throw new BatonError('USAGE', `?status must be one of ${SESSION_STATUSES.join(', ')}`);
    }
    const projectRef = param(c, 'project');
    const project = projectRef ? store.projects.get(projectRef) : null;
    if (projectRef && !project) throw new BatonError('NOT_FOUND', `no project "${projectRef}"`);
    const agent = param(c, 'agent');
    const sessions = store.sessions.list({
      ...(project && { projectId: project.id }),
      ...(status && { status: status as (typeof SESSION_STATUSES)[number] }),
      ...(agent && { agent }),
      limit: intParam(c, 'limit', 50, 1000),
    });
    return c.json({ sessions: sessions.map(toJson.session) });
  });

  app.get('/sessions/:ref', (c) => {
    const session = store.sessions.get(c.req.param('ref'));
    if (!session) throw new BatonError('NOT_FOUND', `no session "${c.req.param('ref')}"`);
    return c.json({ session: toJson.session(session) });
  });

  // Paged by journal position: `next` is the `after` of the following page, null at the end.
  app.get('/events', (c) => {
    const filter = eventFilter(world, param(c, 'session'), param(c, 'project'));
    const limit = intParam(c, 'limit', PAGE, MAX_PAGE);
    const events = store.events.list({
      ...filter,
      afterSeq: intParam(c, 'after', 0, Number.MAX_SAFE_INTEGER),
      limit,
      order: 'asc',
    });
    const last = events.at(-1);
    return c.json({
      events: events.map(toJson.event),
      next: events.length === limit && last ? last.seq : null,
    });
  });

  // One ingest at a time: they would take turns at the store's write lock anyway, and one parsing
  // worker at a time keeps the daemon's memory flat under many concurrent clients.
  let ingest: Promise<unknown> = Promise.resolve();
  // Shared by every request: each then starts with transactions sized to the store's pace.
  const slicer = new TimeSlicer();
  app.post('/events', async (c) => {
    const length = Number(c.req.header('content-length'));
    const small = Number.isFinite(length) && length > 0 && length < WORKER_FROM_BYTES;
    // A bulk upload: hooks that agents wait on get the cores first (store/bulk-priority.ts).
    if (Number.isFinite(length) && length >= BULK_FROM_BYTES) lowerBulkPriority(world.env);
    const input = small ? await smallBody(c.req.raw) : largeBody(c.req.raw);
    const run = ingest.then(() =>
      importEvents(store, input, { schema: eventLineV1, slicer, ...(small && { thread: 'main' }) }),
    );
    ingest = run.catch(() => {});
    const r = await run;
    const report = { ...r, malformed: r.malformed.slice(0, 1000) };
    if (r.malformed.length === 0) return c.json(report);
    return c.json(
      {
        ...report,
        error: {
          code: 'PARTIAL',
          message: `${r.malformed.length} line(s) could not be imported; the rest was committed`,
        },
      },
      422,
    );
  });

  app.get('/events/stream', (c) => {
    const filter = eventFilter(world, param(c, 'session'), param(c, 'project'));
    const resume = c.req.header('last-event-id') ?? param(c, 'after');
    let after = resume ? Number(resume) || 0 : store.events.lastSeq();
    const pollMs = world.streamPollMs ?? 100;
    return streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after }) });
      while (!stream.aborted && !stream.closed && !world.closing?.aborted) {
        const events = store.events.list({ ...filter, afterSeq: after, limit: PAGE, order: 'asc' });
        for (const e of events) {
          await stream.writeSSE({
            id: String(e.seq),
            event: 'event',
            data: JSON.stringify(toJson.event(e)),
          });
          after = e.seq;
        }
        if (events.length < PAGE) await stream.sleep(pollMs);
      }
    });
  });
  return app;
}

function eventFilter(world: ApiWorld, sessionRef?: string, projectRef?: string): EventFilter {
  if (sessionRef) {
    const session = world.store.sessions.get(sessionRef);
    if (!session) throw new BatonError('NOT_FOUND', `no session "${sessionRef}"`);
    return { sessionId: session.id };
  }
  if (projectRef) {
    const project = world.store.projects.get(projectRef);
    if (!project) throw new BatonError('NOT_FOUND', `no project "${projectRef}"`);
    return { projectId: project.id };
  }
  return {};
}

const NO_BODY = 'send Events JSONL v1 lines as the request body';

/**
 * A body of known, small size read whole, as one chunk: the Node server reads it straight off the
 * socket (no web stream in between, and none back to a Node stream), and it is read while an
 * earlier request still holds the store.
 */
async function smallBody(request: Request): Promise<Readable> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength === 0) throw new BatonError('USAGE', NO_BODY);
  return Readable.from([bytes]);
}

/** A large or unsized body, streamed to the import as it arrives. */
function largeBody(request: Request): Readable {
  if (!request.body) throw new BatonError('USAGE', NO_BODY);
  return Readable.fromWeb(request.body as NodeWebStream<Uint8Array>);
}
