// The durable records of a project — todos, decisions, context facts, components — each read and
// written through its operation, with bodies checked by their zod shapes (api-shapes.ts) first.
import { Hono } from 'hono';
import { z } from 'zod';
import { DECISION_STATUSES, TODO_STATUSES } from '../core/index.js';
import * as ops from '../operations/index.js';
import { toJson } from '../wire/index.js';
import { componentBody, decisionBody, factBody, todoBody, todoPatch } from './api-shapes.js';
import type { ApiWorld } from './api-world.js';
import { listParam, opsWorldOf, param, projectOf } from './request-scope.js';

export function recordRoutes(world: ApiWorld, log: (line: string) => void): Hono {
  const app = new Hono();
  const w = () => opsWorldOf(world, log);

  app.get('/todos', (c) => {
    const statuses = listParam(c, 'status');
    const all = statuses?.includes('all');
    const todos = ops.listTodos(w(), {
      projectId: projectOf(world, c).id,
      statuses: all ? 'all' : statuses?.map((s) => z.enum(TODO_STATUSES).parse(s)),
    });
    return c.json({ todos: todos.map(toJson.todo) });
  });
  app.post('/todos', async (c) => {
    const body = todoBody.parse(await c.req.json());
    const todo = ops.addTodo(w(), { projectId: projectOf(world, c).id, ...body });
    return c.json({ todo: toJson.todo(todo) }, 201);
  });
  app.patch('/todos/:ref', async (c) => {
    const { session, ...patch } = todoPatch.parse(await c.req.json());
    const change = ops.updateTodo(w(), {
      projectId: projectOf(world, c).id,
      ref: c.req.param('ref'),
      patch,
      session,
    });
    return c.json({ todo: toJson.todo(change.todo), previousStatus: change.previousStatus });
  });

  app.get('/decisions', (c) => {
    const statuses = listParam(c, 'status')?.map((s) => z.enum(DECISION_STATUSES).parse(s));
    const list = ops.listDecisions(w(), {
      projectId: projectOf(world, c).id,
      statuses: statuses,
    });
    return c.json({ decisions: list.map(toJson.decision) });
  });
  app.post('/decisions', async (c) => {
    const body = decisionBody.parse(await c.req.json());
    const r = ops.recordDecision(w(), { projectId: projectOf(world, c).id, ...body });
    return c.json(
      {
        decision: toJson.decision(r.decision),
        superseded: r.superseded && toJson.decision(r.superseded),
      },
      201,
    );
  });

  app.get('/facts', (c) => {
    const facts = ops.listFacts(w(), {
      projectId: projectOf(world, c).id,
      includeExpired: param(c, 'expired') === 'true',
    });
    const now = world.clock.now();
    return c.json({ facts: facts.map((f) => toJson.fact(f, now)) });
  });
  app.put('/facts/:key', async (c) => {
    const body = factBody.parse(await c.req.json());
    const fact = ops.setFact(w(), {
      projectId: projectOf(world, c).id,
      key: c.req.param('key'),
      ...body,
    });
    return c.json({ fact: toJson.fact(fact, world.clock.now()) });
  });

  app.get('/components', (c) => {
    const list = ops.listComponents(w(), { projectId: projectOf(world, c).id });
    return c.json({ components: list.map(toJson.component) });
  });
  app.put('/components/:name', async (c) => {
    const body = componentBody.parse(await c.req.json());
    const state = ops.setComponent(w(), {
      projectId: projectOf(world, c).id,
      name: c.req.param('name'),
      ...body,
    });
    return c.json({ component: toJson.component(state) });
  });
  return app;
}
