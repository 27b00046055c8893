// Pins `baton mirror` as real processes: off by default; once enabled, `.baton/STATE.md` in the
// project holds the open todos, decisions and facts and follows every change made with the CLI;
// once disabled it is left as it was.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, sandbox } from './cli-process.js';

describe('baton mirror', () => {
  const box = sandbox();
  const mirror = join(box.project, '.baton', 'STATE.md');
  const text = () => readFileSync(mirror, 'utf8');
  afterAll(() => box.dispose());

  it('keeps .baton/STATE.md in step with the project’s state once enabled', () => {
    expect(baton(box, ['todo', 'add', 'wire the exporter']).code).toBe(0);
    expect(existsSync(mirror)).toBe(false);
    expect(baton(box, ['mirror', 'enable']).code).toBe(0);
    expect(text()).toContain('- [ ] wire the exporter');

    expect(baton(box, ['todo', 'add', 'write the changelog']).code).toBe(0);
    expect(baton(box, ['decision', 'add', 'Ship JSONL first', '--reason', 'simplest']).code).toBe(
      0,
    );
    expect(baton(box, ['context', 'set', 'db', 'postgres']).code).toBe(0);
    expect(text()).toContain('- [ ] write the changelog');
    expect(text()).toContain('- Ship JSONL first — simplest');
    expect(text()).toContain('- **db**: postgres');

    expect(baton(box, ['todo', 'done', '1']).code).toBe(0);
    expect(text()).not.toContain('wire the exporter');
    const status = baton(box, ['mirror', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ enabled: true });

    expect(baton(box, ['mirror', 'disable']).code).toBe(0);
    const frozen = text();
    expect(baton(box, ['todo', 'add', 'after the mirror was turned off']).code).toBe(0);
    expect(text()).toBe(frozen);
  });
});
