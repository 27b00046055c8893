// Pins the doctor's daemon checks on a real temporary home: the daemon's state — not running,
// outdated, files left by a killed one, how it is started. (History and retention:
// src/operations/diagnostics.test.ts.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetIds, tempClaudeHome } from '../../test/helpers/claude-records.js';
import type { CheckResult, DoctorContext } from '../doctor/index.js';
import { SqliteStore } from '../store/index.js';
import { daemonChecks } from './daemon-checks.js';
import { daemonPaths } from './daemon-paths.js';
import { installService } from './service-file.js';

let home: ReturnType<typeof tempClaudeHome>;
let store: SqliteStore;
beforeEach(() => {
  resetIds();
  home = tempClaudeHome();
  store = SqliteStore.open({ path: join(home.root, 'baton.db') });
});
afterEach(() => {
  store.close();
  home.cleanup();
});

const ctx = (): DoctorContext => ({
  store,
  storeError: null,
  storePath: join(home.root, 'baton.db'),
  home: home.root,
  now: Date.now(),
  env: { HOME: home.root, XDG_CONFIG_HOME: join(home.root, '.config') },
  cwd: home.root,
  thorough: false,
});
const byId = (results: CheckResult[], id: string) => results.find((r) => r.id === id);
describe('doctor: daemon', () => {
  const check = (version = '1.2.3') => daemonChecks(version)(ctx());

  it('says the daemon is not running, nothing is stale and how to have it started', () => {
    const results = check();
    expect(results.map((r) => r.id)).toEqual(['daemon', 'daemon:stale', 'daemon:autostart']);
    expect(byId(results, 'daemon')).toMatchObject({ status: 'info', data: { running: false } });
    expect(byId(results, 'daemon:stale')).toMatchObject({ status: 'ok', data: { stale: [] } });
    expect(byId(results, 'daemon:autostart')).toMatchObject({
      summary: 'started only by `baton daemon start`',
      data: { autostart: false, service: null },
    });
  });

  it('warns when the running daemon is another version, and not when it is this one', () => {
    const paths = daemonPaths(home.root);
    writeFileSync(paths.lock, `${process.pid}\n`);
    const pid = { pid: process.pid, port: 4999, startedAt: 1, version: '1.0.0' };
    writeFileSync(paths.pid, JSON.stringify(pid));
    expect(byId(check('1.2.3'), 'daemon')).toMatchObject({
      status: 'warn',
      summary: `running Baton 1.0.0 (pid ${process.pid}, http://127.0.0.1:4999), this is 1.2.3`,
      fix: 'baton daemon restart',
    });
    expect(byId(check('1.0.0'), 'daemon')).toMatchObject({ status: 'ok' });
  });

  it('names the lock and pid file a killed daemon left', () => {
    const paths = daemonPaths(home.root);
    const gone = 2 ** 22 + 12345; // above Linux's default pid_max
    writeFileSync(paths.lock, `${gone}\n`);
    writeFileSync(paths.pid, JSON.stringify({ pid: gone, port: 4999, startedAt: 1 }));
    const stale = byId(check(), 'daemon:stale')!;
    expect(stale).toMatchObject({ status: 'info', details: [paths.lock, paths.pid] });
    expect(byId(check(), 'daemon')).toMatchObject({ data: { running: false } });
  });

  it('reports the autostart setting and an installed service file', () => {
    store.setSetting('daemon.autostart', true);
    const installed = process.platform === 'linux' || process.platform === 'darwin';
    if (installed) {
      installService({
        platform: process.platform,
        env: ctx().env,
        userHome: home.root,
        batonHome: home.root,
        launch: { command: 'baton', args: [] },
      });
    }
    const start = byId(check(), 'daemon:autostart')!;
    expect(start.data).toMatchObject({ autostart: true });
    expect(start.summary).toContain('with the first hook of a session');
    if (installed) expect(start.summary).toContain('at login');
  });
});
