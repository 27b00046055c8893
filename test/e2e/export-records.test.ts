// The whole CLI round trip of a project's memory: `baton export` in one home, `baton import` into
// a fresh one, and every list the user reads — todos, decisions, context facts, components, the
// events, the checkpoints and what each holds — reads the same in both (store-local ids and change
// times aside); an imported checkpoint restores and briefs in its new home.
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
    ok(['checkpoint', 'create', '--label', 'before the refactor'], inA);
    ok(['todo', 'add', 'a todo after the checkpoint'], inA);
    ok(['decision', 'add', 'a decision after it'], inA);
    ok(['context', 'set', 'test.cmd', 'npm run test:all'], inA);
    ok(['log', 'note', 'went on after the checkpoint'], inA);
    ok(['checkpoint', 'create'], inA);
    // Besides these two, Baton took some of its own (a todo done, a decision recorded).
    const checkpoints = (JSON.parse(ok(['checkpoint', 'list', '--json'], inA)) as []).length;
    expect(checkpoints).toBeGreaterThanOrEqual(2);
    const file = join(root, 'all.jsonl');
    ok(['export', '--format', 'events', '--all-projects', '-o', file], inA);

    const imported = JSON.parse(ok(['import', '--format', 'events', file, '--json'], inB)) as {
      imported: number;
      records: Record<string, number>;
    };
    expect(imported.imported).toBe(2);
    expect(imported.records).toEqual({
      todo: 3,
      decision: 2,
      fact: 2,
      component: 1,
      checkpoint: checkpoints,
    });
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
    expect(shown(ok(['todo', 'list', '--all', '--json'], inB))).toHaveLength(3);
    expect(shown(ok(['checkpoint', 'list', '--json'], inB))).toHaveLength(checkpoints);
  });

  it('gives back the checkpoints: listed, shown, restored and briefed from in the new home', () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    const project = join(root, 'project');
    const inA = { home: a, cwd: project };
    const inB = { home: b, cwd: project };
    const list = (where: typeof inA) =>
      JSON.parse(ok(['checkpoint', 'list', '--json'], where)) as Record<string, unknown>[];
    const local = new Set(['sessionId', 'projectId', 'journalSeq', 'size', 'hlc', 'machineId']);
    const listed = (where: typeof inA) =>
      list(where).map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !local.has(k))));
    expect(listed(inA).length).toBeGreaterThanOrEqual(2);
    expect(listed(inB)).toEqual(listed(inA));

    const first = (list(inA) as { id: string; label: string }[]).find(
      (c) => c.label === 'before the refactor',
    );
    type Shown = { snapshot: Record<string, { id: string; [k: string]: unknown }[]> };
    const show = (where: typeof inA) =>
      JSON.parse(ok(['checkpoint', 'show', first!.id, '--json'], where)) as Shown;
    const held = (s: Shown) => ({
      todos: s.snapshot.todos!.map((t) => [t.content, t.status, t.priority]),
      decisions: s.snapshot.decisions!.map((d) => [d.decision, d.reasoning, d.status]),
      facts: s.snapshot.facts!.map((f) => [f.key, f.value, f.projectId === null]),
      components: s.snapshot.components!.map((c) => [c.name, c.status, c.health]),
    });
    const inAShown = show(inA);
    expect(held(inAShown).todos).toHaveLength(2);
    expect(held(show(inB))).toEqual(held(inAShown));
    // Its ids are the new home's: the todos' project and the facts' ids are those B lists.
    const shownB = show(inB);
    const todosB = JSON.parse(ok(['todo', 'list', '--all', '--json'], inB)) as {
      id: string;
      projectId: string;
    }[];
    const factsB = JSON.parse(ok(['context', 'list', '--json'], inB)) as {
      id: string;
      key: string;
    }[];
    expect(shownB.snapshot.todos!.map((t) => t.projectId)).toEqual(
      shownB.snapshot.todos!.map(() => todosB[0]!.projectId),
    );
    const editor = shownB.snapshot.facts!.find((f) => f.key === 'editor')!;
    expect(editor.id).toBe(factsB.find((f) => f.key === 'editor')!.id);

    // Restoring it with rollback returns B's records to what it held, as it does in A.
    const restored = JSON.parse(
      ok(['checkpoint', 'restore', first!.id, '--rollback', '--json'], inB),
    ) as { rolledBack: Record<string, number> };
    expect(Object.values(restored.rolledBack).some((n) => n > 0)).toBe(true);
    const todos = JSON.parse(ok(['todo', 'list', '--all', '--json'], inB)) as { content: string }[];
    expect(todos.map((t) => t.content).sort()).toEqual(['fix the cart total', 'write the docs']);
    const facts = JSON.parse(ok(['context', 'list', '--json'], inB)) as {
      key: string;
      value: unknown;
    }[];
    expect(facts.find((f) => f.key === 'test.cmd')!.value).toBe('npm test');
    // And the brief is built from it.
    const brief = ok(['resume', '--checkpoint', first!.id, '--no-git'], inB);
    expect(brief).toContain('fix the cart total');
    expect(brief).not.toContain('a todo after the checkpoint');
  });
});
