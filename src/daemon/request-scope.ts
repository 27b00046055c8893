// What a route needs from its request besides its body: the operations' world (a request names
// no environment session: writes are attributed only to a session the body names), the project a
// `?project=` names, and bounded whole numbers for paging.
import type { Context } from 'hono';
import { BatonError } from '../core/index.js';
import type { Project } from '../core/index.js';
import type { OpsWorld, SearchWorld } from '../operations/index.js';
import { createGitRunner } from '../recover/index.js';
import type { ApiWorld } from './api-world.js';

export function opsWorldOf(world: ApiWorld, log: (line: string) => void): OpsWorld {
  return {
    store: world.store,
    clock: world.clock,
    envSession: null,
    git: createGitRunner({ env: world.env }),
    noteFailure: log,
  };
}

/** What a search reads: the store, the clock, and the daemon's environment (an embeddings key). */
export function searchWorldOf(world: ApiWorld): SearchWorld {
  return { store: world.store, clock: world.clock, env: world.env };
}

/** The project `?project=` names (id, key, folder or name); required by project-scoped routes. */
export function projectOf(world: ApiWorld, c: Context): Project {
  const ref = param(c, 'project');
  if (!ref) {
    throw new BatonError('USAGE', 'name the project: ?project=<id, key, folder or name>', {
      hint: 'GET /v1/projects lists them',
    });
  }
  const project = world.store.projects.get(ref);
  if (!project) throw new BatonError('NOT_FOUND', `no project "${ref}"`);
  return project;
}

/** A query-string parameter (the first, if repeated), or undefined. */
export function param(c: Context, name: string): string | undefined {
  return c.req.queries(name)?.[0];
}

export function intParam(c: Context, name: string, fallback: number, max: number): number {
  const text = param(c, name);
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new BatonError('USAGE', `?${name} must be a whole number from 0 to ${max}`);
  }
  return n;
}

/** A comma-separated list parameter, or undefined when absent. */
export function listParam(c: Context, name: string): string[] | undefined {
  const text = param(c, name);
  return text ? text.split(',').map((s) => s.trim()) : undefined;
}
