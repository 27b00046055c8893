// Pins the doctor's daemon and history checks on a real temporary home: a transcript not yet
// imported is reported (and no longer once read), Claude Code's cleanupPeriodDays is read from its
// settings, and a stopped daemon is reported as not running.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SESSION,
  jsonl,
  prompt,
  resetIds,
  tempClaudeHome,
} from '../../test/helpers/claude-records.js';
import { claudeCode, discoverHistory, importHistory } from '../capture/index.js';
import type { DoctorContext } from '../doctor/index.js';
import { SqliteStore } from '../store/index.js';
import { daemonCheck, historyCheck } from './daemon-checks.js';

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
  env: { HOME: home.root },
  cwd: home.root,
  thorough: false,
});

describe('doctor: daemon and history', () => {
  it('reports transcripts not held yet and the agent retention setting', () => {
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('kept?')]));
    writeFileSync(join(home.configDir, 'settings.json'), '{"cleanupPeriodDays": 7}');
    const [before] = historyCheck(ctx());
    expect(before).toMatchObject({ data: { notHeld: 1, claudeCleanupPeriodDays: 7 } });
    expect(before!.summary).toContain('7 days');
    const env = { env: { HOME: home.root }, cwd: home.root };
    importHistory(store, claudeCode, discoverHistory(claudeCode, env).files);
    expect(historyCheck(ctx())[0]).toMatchObject({ status: 'ok', data: { notHeld: 0 } });
  });

  it('says the daemon is not running when it is not', () => {
    expect(daemonCheck(ctx())[0]).toMatchObject({ id: 'daemon', data: { running: false } });
  });
});
