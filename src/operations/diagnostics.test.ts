// Pins the diagnostics every face runs, on a real temporary home and store: history not held yet
// and history only Baton still holds; each agent's own retention read from its settings (Claude
// Code's cleanupPeriodDays, Gemini CLI's sessionRetention) and weighed against whether Baton's
// hooks are installed; Baton's own retention settings; and the backup schedule.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
import type { CheckResult, DoctorContext } from '../doctor/index.js';
import { runDoctor } from '../doctor/index.js';
import { SqliteStore } from '../store/index.js';
import { backupStore } from './backup.js';
import {
  backupScheduleCheck,
  diagnosticChecks,
  historyCheck,
  keptOnlyByBaton,
  retentionCheck,
} from './diagnostics.js';
import { lastRunSetting } from './settings.js';

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

const NOW = Date.parse('2026-12-05T12:00:00Z');
const ctx = (now = NOW): DoctorContext => ({
  store,
  storeError: null,
  storePath: join(home.root, 'baton.db'),
  home: home.root,
  now,
  env: { HOME: home.root },
  cwd: home.root,
  thorough: false,
});
const byId = (results: CheckResult[], id: string) => results.find((r) => r.id === id);
const agentEnv = () => ({ env: { HOME: home.root }, cwd: home.root });
const importAll = () =>
  importHistory(store, claudeCode, discoverHistory(claudeCode, agentEnv()).files);
const installClaudeHooks = () =>
  claudeCode.installer.install(agentEnv(), {
    scope: 'user',
    dryRun: false,
    batonCommand: 'baton',
    backupDir: join(home.root, 'install-backups'),
  });

describe('diagnostics: history', () => {
  it('reports transcripts not held yet, and none once imported', async () => {
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('kept?')]));
    expect(byId(await historyCheck(ctx()), 'history')).toMatchObject({
      status: 'info',
      data: { notHeld: 1 },
      fix: 'baton import (or keep `baton daemon start` running)',
    });
    importAll();
    expect(byId(await historyCheck(ctx()), 'history')).toMatchObject({
      status: 'ok',
      data: { notHeld: 0 },
    });
  });

  it('counts the sessions of transcripts the agent deleted after Baton read them', async () => {
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('keep me')]));
    home.write('-p/22222222-2222-3333-4444-555555555555.jsonl', '');
    importAll();
    expect(byId(await historyCheck(ctx()), 'history:kept')).toMatchObject({
      data: { deletedTranscripts: 0, sessions: 0 },
    });
    rmSync(path);
    const kept = byId(await historyCheck(ctx()), 'history:kept')!;
    expect(kept).toMatchObject({
      status: 'ok',
      data: { deletedTranscripts: 1, sessions: 1 },
      details: [path],
    });
    expect(kept.summary).toContain('1 transcript(s) (1 session(s)) deleted by their agent');
    expect(keptOnlyByBaton(store).sessions).toBe(1);
    expect(store.sessions.findByAgentId('claude-code', SESSION)).not.toBeNull();
  });
});

describe('diagnostics: retention', () => {
  it("reads Claude Code's cleanupPeriodDays and is content only once Baton's hooks are installed", async () => {
    writeFileSync(join(home.configDir, 'settings.json'), '{"cleanupPeriodDays": 7}');
    const before = byId(await retentionCheck(ctx()), 'retention:claude-code')!;
    expect(before).toMatchObject({
      status: 'info',
      data: { days: 7, setting: 'cleanupPeriodDays', hooksInstalled: false },
      fix: expect.stringContaining('baton install claude-code') as string,
    });
    expect(before.summary).toContain('Claude Code deletes transcripts after 7 days');
    installClaudeHooks();
    const after = byId(await retentionCheck(ctx()), 'retention:claude-code')!;
    expect(after).toMatchObject({
      status: 'ok',
      fix: null,
      data: { days: 7, hooksInstalled: true },
    });
    expect(after.summary).toContain("Baton's hooks record each session as it runs");
  });

  it("assumes Claude Code's 30 days when unset, and says why when its settings cannot be read", async () => {
    expect(byId(await retentionCheck(ctx()), 'retention:claude-code')).toMatchObject({
      data: { days: 30 },
    });
    writeFileSync(join(home.configDir, 'settings.json'), '{"cleanupPeriodDays": 7');
    const broken = byId(await retentionCheck(ctx()), 'retention:claude-code')!;
    expect(broken.data).toMatchObject({ days: 30 });
    expect(broken.details[0]).toContain('not valid JSON, so its default is assumed');
  });

  it("reads Gemini CLI's sessionRetention only when Gemini CLI is on this machine", async () => {
    const gemini = join(home.root, '.gemini');
    expect(byId(await retentionCheck(ctx()), 'retention:gemini')).toBeUndefined();
    mkdirSync(gemini);
    expect(byId(await retentionCheck(ctx()), 'retention:gemini')).toMatchObject({
      status: 'info',
      data: { days: 30, maxCount: null, setting: 'general.sessionRetention' },
    });
    const settings = (policy: object) =>
      writeFileSync(
        join(gemini, 'settings.json'),
        JSON.stringify({ general: { sessionRetention: policy } }),
      );
    settings({ maxAge: '1w', maxCount: 50 });
    const limited = byId(await retentionCheck(ctx()), 'retention:gemini')!;
    expect(limited.data).toMatchObject({ days: 7, maxCount: 50 });
    expect(limited.summary).toContain('after 7 days and beyond the newest 50');
    settings({ enabled: false, maxAge: '1d' });
    expect(byId(await retentionCheck(ctx()), 'retention:gemini')).toMatchObject({
      status: 'ok',
      summary: 'Gemini CLI keeps its transcripts (general.sessionRetention)',
      data: { days: null, maxCount: null },
    });
  });

  it("states Baton's own retention settings", async () => {
    expect(byId(await retentionCheck(ctx()), 'retention:baton')).toMatchObject({
      status: 'ok',
      data: { days: null, checkpointDays: null },
    });
    store.setSetting('retention.days', 90);
    store.setSetting('retention.checkpointDays', 14);
    const set = byId(await retentionCheck(ctx()), 'retention:baton')!;
    expect(set).toMatchObject({ status: 'info', data: { days: 90, checkpointDays: 14 } });
    expect(set.summary).toContain('older than 90 days (retention.days)');
    expect(set.summary).toContain('checkpoints older than 14 days (retention.checkpointDays)');
  });
});

describe('diagnostics: backups', () => {
  it('says whether the newest backup is as recent as the schedule promises', async () => {
    const none = byId(backupScheduleCheck(ctx()), 'backup:schedule')!;
    expect(none).toMatchObject({ status: 'info', data: { intervalHours: 24, backups: 0 } });
    expect(none.summary).toContain('none made yet');
    const world = { store, clock: { now: () => Date.now() }, envSession: null, git: null };
    await backupStore(world, { home: home.root });
    store.setSetting(lastRunSetting('backup'), Date.now() - 3 * 3_600_000);
    const fresh = byId(backupScheduleCheck(ctx(Date.now())), 'backup:schedule')!;
    expect(fresh).toMatchObject({ status: 'ok', data: { backups: 1, keep: 10 } });
    expect(fresh.details).toEqual(['next scheduled backup due in 21 h']);
    expect(
      byId(backupScheduleCheck(ctx(Date.now() + 3 * 86_400_000)), 'backup:schedule'),
    ).toMatchObject({
      status: 'info',
      fix: expect.stringContaining('baton daemon start') as string,
    });
    store.setSetting('backup.intervalHours', 0);
    expect(byId(backupScheduleCheck(ctx()), 'backup:schedule')).toMatchObject({
      status: 'info',
      data: { intervalHours: 0 },
    });
  });
});

describe('diagnostics: the one list', () => {
  it("runs the store's checks, hooks, the face's daemon checks, history, retention and backups in order", async () => {
    const daemon = () => [
      {
        id: 'daemon',
        title: 'Daemon',
        status: 'ok' as const,
        summary: '',
        details: [],
        fix: null,
        data: {},
      },
    ];
    const ids = (await runDoctor(ctx(), diagnosticChecks(daemon))).map((r) => r.id);
    const at = (id: string) => ids.indexOf(id);
    for (const id of [
      'store',
      'hooks:claude-code',
      'spool',
      'daemon',
      'history',
      'retention:claude-code',
      'retention:baton',
      'backup',
      'backup:schedule',
    ])
      expect(ids).toContain(id);
    expect(at('hooks:claude-code')).toBeLessThan(at('daemon'));
    expect(at('daemon')).toBeLessThan(at('history'));
    expect(at('history')).toBeLessThan(at('retention:claude-code'));
    expect(ids.at(-1)).toBe('backup:schedule');
    expect((await runDoctor(ctx(), diagnosticChecks(null))).map((r) => r.id)).not.toContain(
      'daemon',
    );
  });
});
