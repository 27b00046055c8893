// Pins the maintenance commands as a user runs them: backup and restore-backup (with the
// confirmation rules), a damaged store's one-line message naming the backup, forget deleting for
// real down to the file bytes, config and prune applying retention, and doctor's exit codes.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorReportShape } from '../../src/schemas/index.js';
import { baton, openStore, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

const DAY = 86_400_000;
let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.dispose());

function seed(now = Date.now()) {
  const { store, project } = openStore(box, now);
  const old = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    startedAt: now - 200 * DAY,
  });
  const recent = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    startedAt: now - DAY,
  });
  store.events.append([
    {
      sessionId: old.id,
      kind: 'user_message',
      text: 'my password is Zebra-Quartz-991',
      source: 'api',
      ts: now - 200 * DAY,
    },
    { sessionId: old.id, kind: 'note', text: 'an old note', source: 'cli', ts: now - 199 * DAY },
    {
      sessionId: recent.id,
      kind: 'note',
      text: 'a recent note',
      source: 'cli',
      ts: now - 3_600_000,
    },
  ]);
  store.sessions.update(old.id, { status: 'ended' });
  store.checkpoints.insert({
    sessionId: old.id,
    projectId: project.id,
    trigger: 'manual',
    journalSeq: 2,
    snapshot: '{"said":"Zebra-Quartz-991"}',
    createdAt: now - 199 * DAY,
  });
  store.close();
  return { old, recent };
}

const storeFile = () => join(box.home, 'baton.db');
const fileHas = (text: string) =>
  [storeFile(), `${storeFile()}-wal`]
    .filter(existsSync)
    .some((f) => readFileSync(f).includes(Buffer.from(text)));

describe('backup and restore-backup', () => {
  it('backs up to the default folder, lists backups and restores one with --yes', () => {
    seed();
    const made = baton(box, ['backup', '--json']);
    expect(made.code).toBe(0);
    const { path } = JSON.parse(made.stdout) as { path: string };
    expect(path).toMatch(/backups\/baton-\d{8}-\d{6}\.db$/);
    expect(baton(box, ['restore-backup']).stdout).toContain(path);
    baton(box, ['log', 'note', 'written after the backup']);
    const refused = baton(box, ['restore-backup', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'baton: this cannot be undone and there is no terminal to confirm on (add --yes to go ahead from a script)\n',
    );
    const restored = baton(box, ['restore-backup', path, '--yes']);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/restored .* \(2 sessions, 3 events\)/);
    expect(baton(box, ['search', 'written', '--all-projects', '--json']).stdout).toContain(
      '"hits": []',
    );
    expect(readdirSync(box.home).some((f) => f.startsWith('baton.db.before-restore-'))).toBe(true);
  });

  it('writes to a path given, and refuses to overwrite', () => {
    seed();
    const target = join(box.project, 'copy.db');
    expect(baton(box, ['backup', target]).stdout).toMatch(
      /^backed up to .*copy\.db \(\d+\.\d MB, \d+ ms\)\n$/,
    );
    const again = baton(box, ['backup', target]);
    expect(again.code).toBe(7);
    expect(again.stderr).toContain('already exists');
  });

  it('tells the user how to restore when the store is damaged', () => {
    seed();
    const { path } = JSON.parse(baton(box, ['backup', '--json']).stdout) as { path: string };
    writeFileSync(storeFile(), Buffer.alloc(16_384, 0x41));
    for (const f of ['-wal', '-shm'])
      if (existsSync(storeFile() + f)) writeFileSync(storeFile() + f, '');
    const r = baton(box, ['session', 'list']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(
      `baton: the store is damaged: file is not a database (restore the newest backup: baton restore-backup ${path}; or copy what the file still holds into a new store: baton doctor --salvage)\n`,
    );
    const doctor = baton(box, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/✗ store .*file is not a database/);
    expect(doctor.stdout).toContain(`fix: restore the newest backup: baton restore-backup ${path}`);
    expect(baton(box, ['restore-backup', path, '--yes']).code).toBe(0);
    expect(baton(box, ['session', 'list', '--all-projects']).code).toBe(0);
  });
});

describe('forget', () => {
  it('counts on --dry-run, refuses without --yes off a terminal, then deletes down to the bytes', () => {
    seed();
    expect(fileHas('Zebra-Quartz-991')).toBe(true);
    const dry = baton(box, ['forget', '--match', 'zebra-quartz-991', '--dry-run']);
    expect(dry.stdout).toBe('would forget 1 event, 1 checkpoint rewritten\n');
    expect(baton(box, ['forget', '--match', 'zebra-quartz-991']).code).toBe(2);
    expect(fileHas('Zebra-Quartz-991')).toBe(true);
    const done = baton(box, ['forget', '--match', 'zebra-quartz-991', '--yes', '--json']);
    expect(JSON.parse(done.stdout)).toMatchObject({
      dryRun: false,
      events: 1,
      checkpointsRewritten: 1,
    });
    expect(fileHas('Zebra-Quartz-991')).toBe(false);
    expect(fileHas('zebra')).toBe(false);
    expect(baton(box, ['search', 'zebra', '--all-projects', '--json']).stdout).toContain(
      '"hits": []',
    );
  });

  it('forgets a whole session by handle', () => {
    const { old } = seed();
    const r = baton(box, ['forget', '--session', old.handle, '--yes']);
    expect(r.stdout).toBe('forgot 2 events, 1 session, 1 checkpoint\n');
    expect(baton(box, ['session', 'show', old.handle]).code).toBe(3);
  });

  it('says what to give when nothing is selected', () => {
    const r = baton(box, ['forget']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('baton: say what to forget: --session, --match or --before\n');
  });
});

describe('config and prune', () => {
  it('keeps retention settings and applies them with prune', () => {
    seed();
    expect(baton(box, ['prune']).stdout).toMatch(/no retention set/);
    expect(baton(box, ['config', 'set', 'retention.days', 'ninety']).code).toBe(2);
    expect(baton(box, ['config', 'set', 'retention.dayz', '90']).stderr).toMatch(
      /unknown setting "retention.dayz".*retention.days/,
    );
    expect(baton(box, ['config', 'set', 'retention.days', '90']).stdout).toBe(
      'retention.days = 90\n',
    );
    expect(baton(box, ['config', 'get', 'retention.days']).stdout).toBe('90\n');
    expect(JSON.parse(baton(box, ['config', 'list', '--json']).stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'retention.days', value: 90 }),
        expect.objectContaining({ key: 'backup.keep', value: 10 }),
      ]),
    );
    expect(baton(box, ['prune', '--dry-run']).stdout).toBe(
      'would delete 2 events, 1 session, 1 checkpoint\n',
    );
    expect(JSON.parse(baton(box, ['prune', '--json']).stdout)).toMatchObject({
      events: 2,
      sessions: 1,
      checkpoints: 1,
    });
    expect(fileHas('an old note')).toBe(false);
    expect(baton(box, ['search', 'recent', '--all-projects', '--json']).stdout).toContain(
      'a recent note',
    );
    expect(baton(box, ['config', 'unset', 'retention.days']).code).toBe(0);
    expect(baton(box, ['config', 'get', 'retention.days']).stdout).toBe('(not set)\n');
  });
});

describe('doctor', () => {
  it('exits 0 on a healthy store and 1 with the problem named when something is wrong', () => {
    seed();
    const healthy = baton(box, ['doctor', '--json']);
    const report = doctorReportShape.parse(JSON.parse(healthy.stdout));
    expect(healthy.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'store',
        'integrity',
        'contents',
        'sessions',
        'capture',
        'crashed',
        'silent',
        'backup',
        'daemon',
        'daemon:stale',
        'daemon:autostart',
        'history',
        'history:kept',
      ]),
    );
    const daemon = report.checks.find((c) => c.id === 'daemon');
    expect(daemon).toMatchObject({ status: 'info', fix: 'baton daemon start' });

    const hooks = report.checks.filter((c) => c.id.startsWith('hooks:'));
    expect(hooks.map((c) => [c.id, c.status, c.summary])).toEqual([
      ['hooks:claude-code', 'info', 'not installed'],
      ['hooks:codex', 'info', 'Codex CLI is not on this machine'],
      ['hooks:gemini', 'info', 'Gemini CLI is not on this machine'],
    ]);
    expect(baton(box, ['install', 'claude-code']).code).toBe(0);
    expect(baton(box, ['doctor']).stdout).toMatch(/✓ claude-code hooks +installed/);

    const { store } = openStore(box);
    store.noteCapture('hook:claude-code', 'payload was not JSON');
    store.close();
    const sick = baton(box, ['doctor']);
    expect(sick.code).toBe(1);
    expect(sick.stdout).toMatch(/! capture hook:claude-code +never succeeded; failing since/);
    expect(sick.stderr).toBe('baton: doctor found 1 problem(s): capture:hook:claude-code\n');
  });
});
