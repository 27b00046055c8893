// A damaged search index is found and mended in place: a search that meets it fails in one line
// with exit 6 naming the remedy (before: "a bug", exit 70, and only a backup offered), doctor
// reports it, and `doctor --fix` rebuilds it from the events — every event found again, nothing
// lost, no backup needed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../e2e/cli.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);
const WORD = 'quokkazebra';

/** Overwrites the index's copies of WORD (not the events' own text, "… with WORD") with 0xff. */
function damageIndex(path: string): number {
  const bytes = readFileSync(path);
  const needle = Buffer.from(WORD);
  let patched = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    if (bytes.subarray(at - 5, at).toString('latin1') === 'with ') continue;
    bytes.fill(0xff, at - 8, at + 30);
    patched += 1;
  }
  writeFileSync(path, bytes);
  return patched;
}

describe('a damaged search index', () => {
  it('is reported with its remedy, and doctor --fix rebuilds it losing nothing', () => {
    for (let i = 0; i < 5; i++) ok(['log', 'note', `note ${i} with ${WORD}`], { home });
    const found = ok(['search', WORD, '--json'], { home });
    const path = join(home, 'baton.db');
    expect(existsSync(`${path}-wal`)).toBe(false); // folded into the file at close
    expect(damageIndex(path)).toBeGreaterThan(0);

    const search = runBaton(['search', WORD], { home });
    expect(search.code).toBe(6);
    expect(search.stderr.trim().split('\n')).toHaveLength(1);
    expect(search.stderr).toMatch(/^baton: the search index is damaged: .*baton doctor --fix/);

    const doctor = runBaton(['doctor', '--json'], { home });
    expect(doctor.code).toBe(1);
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string }[] })
      .checks;
    expect(checks.find((c) => c.id === 'search-index')?.status).toBe('fail');

    const fix = runBaton(['doctor', '--fix', '--json'], { home });
    expect(fix.stderr).toContain('fixed search-index: rebuilt the search index from 5 events');
    const after = (JSON.parse(fix.stdout) as { checks: { id: string; status: string }[] }).checks;
    expect(after.find((c) => c.id === 'search-index')?.status).toBe('ok');
    expect(after.find((c) => c.id === 'integrity')?.status).toBe('ok');
    expect(ok(['search', WORD, '--json'], { home })).toBe(found);
  });
});
