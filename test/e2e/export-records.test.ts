// The whole CLI round trip of a project's memory: `baton export` in one home, `baton import` into
// a fresh one, and every list the user reads — todos, decisions, context facts, components, the
// events — reads the same in both (store-local ids and change times aside).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from './cli.js';
import { tempHome } from './run-baton.js';

const { home: root, cleanup } = tempHome();
afterAll(cleanup);

/** What a list shows, without what belongs to one store (ids, stamps, change times). */
function shown(text: string): unknown[] {
  const local = new Set(['id', 'projectId', 'updatedAt', 'lastChecked', 'hlc', 'machineId']);
  return (JSON.parse(text) as Record<string, unknown>[]).map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !local.has(k))),
  );
}

describe('export → import into a fresh home', () => {
  it('gives back the todos, decisions, facts, components and events', () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    const project = join(root, 'project');
    for (const d of [a, b, project]) mkdirSync(d);
    const inA = { home: a, cwd: project };
    const inB = { home: b, cwd: project };
    ok(['log', 'note', 'started the cart rewrite'], inA);
    ok(['todo', 'add', 'fix the cart total', '--priority', 'high'], inA);
    ok(['todo', 'add', 'write the docs'], inA);
    ok(['todo', 'done', '2'], inA);
    ok(['decision', 'add', 'keep money in cents', '--reason', 'floats lose cents'], inA);
    ok(['context', 'set', 'test.cmd', 'npm test'], inA);
    ok(['context', 'set', 'editor', 'vim', '--global'], inA);
    ok(['component', 'set', 'api', '--status', 'up', '--health', '90'], inA);
    const file = join(root, 'all.jsonl');
    ok(['export', '--format', 'events', '--all-projects', '-o', file], inA);

    const imported = JSON.parse(ok(['import', '--format', 'events', file, '--json'], inB)) as {
      imported: number;
      records: Record<string, number>;
    };
    expect(imported.imported).toBe(1);
    expect(imported.records).toEqual({ todo: 2, decision: 1, fact: 2, component: 1 });
    for (const list of [
      ['todo', 'list', '--all', '--json'],
      ['decision', 'list', '--json'],
      ['context', 'list', '--json'],
      ['component', 'list', '--json'],
    ]) {
      const before = shown(ok(list, inA));
      expect(before.length, list.join(' ')).toBeGreaterThan(0);
      expect(shown(ok(list, inB)), list.join(' ')).toEqual(before);
    }
    expect(ok(['export', '--format', 'events', '--all-projects'], inB)).toBe(
      ok(['export', '--format', 'events', '--all-projects'], inA),
    );
    // Importing the same file again adds nothing.
    ok(['import', '--format', 'events', file], inB);
    expect(shown(ok(['todo', 'list', '--all', '--json'], inB))).toHaveLength(2);
  });
});
