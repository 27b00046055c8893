// Recovery and the tools around it: checkpoints (list, diff, create, restore) through their
// operations, the brief, search, the diagnostics (the same checks as `baton doctor`), and an import of whatever
// agents and hooks wrote since the recorder's last pass.
import { Hono } from 'hono';
import { z } from 'zod';
import { SLOW_CHECKS, runDoctor } from '../doctor/index.js';
import type { DoctorContext } from '../doctor/index.js';
import * as ops from '../operations/index.js';
import { BRIEF_MODES, diffCheckpoints, resumeBrief } from '../recover/index.js';
import { storePath } from '../store/index.js';
import { doctorReportToJson, searchResultToJson, toJson } from '../wire/index.js';
import { checkpointBody, restoreBody } from './api-shapes.js';
import type { ApiWorld } from './api-world.js';
import { daemonChecks } from './daemon-checks.js';
import { intParam, param, opsWorldOf, projectOf, searchWorldOf } from './request-scope.js';

export function recoveryRoutes(world: ApiWorld, log: (line: string) => void): Hono {
  const app = new Hono();
  const w = () => opsWorldOf(world, log);

  app.get('/checkpoints', (c) => {
    const list = ops.listCheckpoints(w(), {
      projectId: projectOf(world, c).id,
      session: param(c, 'session'),
      limit: intParam(c, 'limit', 50, 1000),
      offset: intParam(c, 'offset', 0, 1_000_000),
    });
    return c.json({ checkpoints: list.map(toJson.checkpoint) });
  });
  app.get('/checkpoints/diff', (c) => {
    const d = diffCheckpoints(world.store, param(c, 'from') ?? '', param(c, 'to') ?? '');
    return c.json({
      from: toJson.checkpoint(d.from),
      to: toJson.checkpoint(d.to),
      state: d.state,
      events: d.events,
    });
  });
  app.post('/checkpoints', async (c) => {
    const body = checkpointBody.parse(await c.req.json().catch(() => ({})));
    const cp = ops.takeCheckpoint(w(), {
      projectId: projectOf(world, c).id,
      whenUnnamed: 'last',
      staleEnv: 'ignore',
      ...body,
    });
    return c.json({ checkpoint: toJson.checkpoint(cp) }, 201);
  });
  app.post('/checkpoints/:ref/restore', async (c) => {
    const body = restoreBody.parse(await c.req.json().catch(() => ({})));
    const r = ops.restoreCheckpoint(w(), {
      ref: c.req.param('ref'),
      rollback: body.rollback ?? false,
    });
    return c.json({
      checkpoint: toJson.checkpoint(r.checkpoint),
      undo: r.undo && toJson.checkpoint(r.undo),
      rolledBack: r.rolledBack,
    });
  });

  app.get('/brief', async (c) => {
    const mode = z.enum(BRIEF_MODES).parse(param(c, 'mode') ?? 'quick');
    const session = param(c, 'session');
    const r = await resumeBrief(world.store, {
      projectId: projectOf(world, c).id,
      mode,
      now: world.clock.now(),
      format: 'md',
      ...(session && { sessionRef: session }),
      ...(param(c, 'budget') && { budget: intParam(c, 'budget', 9500, 100_000) }),
    });
    return c.json({ text: r.text, brief: r.json, omitted: r.omitted });
  });

  // The search operation of `baton search`: with embeddings configured, fused with their matches.
  app.get('/search', async (c) => {
    const q = param(c, 'q') ?? '';
    const project = param(c, 'project') ? projectOf(world, c) : null;
    const r = await ops.searchMemory(searchWorldOf(world), {
      query: q,
      ...(project && { projectId: project.id }),
      limit: intParam(c, 'limit', 20, 500) || 20,
      offset: intParam(c, 'offset', 0, 100_000),
    });
    return c.json(searchResultToJson(q, r));
  });

  const doctorContext = (skipSlow: boolean): DoctorContext => ({
    store: world.store,
    storeError: null,
    storePath: storePath(world.home),
    home: world.home,
    now: world.clock.now(),
    env: world.env,
    cwd: world.home,
    thorough: false,
    skipSlow,
  });

  // `?slow=later` leaves out the check that reads the whole store (integrity); `/doctor/slow` runs
  // it alone. The viewer asks for both, so the page shows every other check while that one
  // (seconds on a big store, on a worker thread: this thread stays free) still runs.
  app.get('/doctor', async (c) => {
    const checks = await runDoctor(
      doctorContext(param(c, 'slow') === 'later'),
      ops.diagnosticChecks(daemonChecks(world.version ?? 'unknown')),
    );
    return c.json(doctorReportToJson(storePath(world.home), checks));
  });

  app.get('/doctor/slow', async (c) => {
    const checks = await runDoctor(doctorContext(false), SLOW_CHECKS);
    return c.json(doctorReportToJson(storePath(world.home), checks));
  });

  app.post('/import', async (c) => c.json({ report: await world.importNow() }));
  return app;
}
