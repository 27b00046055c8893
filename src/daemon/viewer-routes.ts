// The reads only the viewer asks for, each a thin adapter: a project's (or the whole store's)
// activity over time with the store file's size, the brief each agent would be handed next,
// search with every filter of `baton search` (agent, session, kinds, since, until), and the raw
// record an event was read from (where an assistant turn's thinking is kept).
import { statSync } from 'node:fs';
import { Hono } from 'hono';
import { BatonError } from '../core/index.js';
import * as ops from '../operations/index.js';
import { storePath } from '../store/index.js';
import { searchResultToJson } from '../wire/index.js';
import type { ApiWorld } from './api-world.js';
import {
  intParam,
  listParam,
  opsWorldOf,
  param,
  projectOf,
  searchWorldOf,
} from './request-scope.js';

export function viewerRoutes(world: ApiWorld, log: (line: string) => void): Hono {
  const app = new Hono();
  const w = () => opsWorldOf(world, log);

  app.get('/activity', (c) => {
    const project = param(c, 'project') ? projectOf(world, c) : null;
    const report = ops.projectActivity(w(), project?.id ?? null);
    return c.json({ ...report, storeBytes: fileSize(storePath(world.home)) });
  });

  app.get('/briefs', async (c) =>
    c.json({ briefs: await ops.nextBriefs(w(), projectOf(world, c)) }),
  );

  // The search operation of `baton search`, with every filter: the kinds are checked and the
  // times read there, and with embeddings configured the hits are fused with their matches.
  app.get('/hits', async (c) => {
    const q = param(c, 'q') ?? '';
    const project = param(c, 'project') ? projectOf(world, c) : null;
    const r = await ops.searchMemory(searchWorldOf(world), {
      query: q,
      ...(project && { projectId: project.id }),
      agent: param(c, 'agent') || undefined,
      sessionRef: param(c, 'session') || undefined,
      kinds: listParam(c, 'kind'),
      since: param(c, 'since') || undefined,
      until: param(c, 'until') || undefined,
      limit: intParam(c, 'limit', 20, 500) || 20,
      offset: intParam(c, 'offset', 0, 100_000),
    });
    return c.json(searchResultToJson(q, r));
  });

  app.get('/events/:seq/raw', (c) => {
    const seq = Number(c.req.param('seq'));
    if (!Number.isSafeInteger(seq) || seq < 1) {
      throw new BatonError('USAGE', 'name an event by its journal position');
    }
    if (!world.store.events.get(seq)) throw new BatonError('NOT_FOUND', `no event #${seq}`);
    return c.json({ raw: world.store.events.raw(seq) });
  });
  return app;
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
