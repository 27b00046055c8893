// A write-ahead log cut in half after its writer was killed: SQLite would open what is left and
// drop the committed transactions in the missing half without a word (13,314 events in the
// campaign). The store now compares the log with the index its writer left before SQLite reads
// it, keeps a copy of the cut log, and `baton doctor` reports the loss (exit 1).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBaton, tempHome } from '../e2e/run-baton.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);
const STORE = resolve(import.meta.dirname, '..', '..', 'src', 'store', 'index.ts');

describe('a cut write-ahead log', () => {
  it('is found at open, kept aside and reported by doctor', () => {
    const db = join(home, 'baton.db');
    const script = join(home, 'writer.ts');
    writeFileSync(
      script,
      `import { SqliteStore } from ${JSON.stringify(STORE)};
const store = SqliteStore.open({ path: ${JSON.stringify(db)} });
const project = store.projects.ensure({ key: 'path:/w', root: '/w', remoteUrl: null, name: 'w' });
const session = store.sessions.start({ agent: 'writer', projectId: project.id });
for (let i = 0; i < 60; i++)
  store.events.append([{ sessionId: session.id, kind: 'note', text: 'event ' + i, source: 'api' }]);
process.kill(process.pid, 'SIGKILL');
`,
    );
    const w = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(w.signal).toBe('SIGKILL');
    const wal = `${db}-wal`;
    expect(existsSync(wal) && existsSync(`${db}-shm`)).toBe(true);
    truncateSync(wal, Math.floor(statSync(wal).size / 2));

    const r = runBaton(['doctor', '--json', '--quick'], { home });
    expect(r.code).toBe(1);
    const checks = (
      JSON.parse(r.stdout) as {
        checks: { id: string; status: string; summary: string; details: string[] }[];
      }
    ).checks;
    const cut = checks.find((c) => c.id === 'wal-cut');
    expect(cut?.status).toBe('fail');
    expect(cut?.summary).toMatch(/committed frames were missing/);
    const kept = /kept as (\S+)/.exec(cut!.details[0]!)![1]!;
    expect(existsSync(kept)).toBe(true);
    expect(kept.startsWith(`${wal}.cut-`)).toBe(true);
  });

  it('is not claimed for a log whose writer was killed but which is whole', () => {
    const other = join(home, 'whole');
    const db = join(other, 'baton.db');
    const script = join(home, 'writer2.ts');
    writeFileSync(
      script,
      `import { mkdirSync } from 'node:fs';
import { SqliteStore } from ${JSON.stringify(STORE)};
mkdirSync(${JSON.stringify(other)}, { recursive: true });
const store = SqliteStore.open({ path: ${JSON.stringify(db)} });
const project = store.projects.ensure({ key: 'path:/w', root: '/w', remoteUrl: null, name: 'w' });
const session = store.sessions.start({ agent: 'writer', projectId: project.id });
for (let i = 0; i < 20; i++)
  store.events.append([{ sessionId: session.id, kind: 'note', text: 'event ' + i, source: 'api' }]);
process.kill(process.pid, 'SIGKILL');
`,
    );
    spawnSync(process.execPath, ['--import', 'tsx', script]);
    expect(existsSync(`${db}-wal`)).toBe(true);
    const r = runBaton(['doctor', '--json', '--quick'], { home: other });
    const checks = (JSON.parse(r.stdout) as { checks: { id: string }[] }).checks;
    expect(checks.map((c) => c.id)).not.toContain('wal-cut');
  });
});
