// Pins the recorder's pass on a real temporary home and SQLite file: transcripts are read through
// the import cursors (a second pass and `baton import` add nothing), appended lines are picked up,
// and a transcript the agent deleted after the daemon read it stays whole in the store.
import { appendFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SESSION,
  jsonl,
  prompt,
  resetIds,
  tempClaudeHome,
} from '../../test/helpers/claude-records.js';
import { claudeCode, discoverHistory, importHistory } from '../capture/index.js';
import { systemClock } from '../core/index.js';
import { SqliteStore, listBackups } from '../store/index.js';
import { createRecorder } from './recorder.js';
import type { PeriodicJob } from './recorder-jobs.js';

let home: ReturnType<typeof tempClaudeHome>;
let store: SqliteStore;
const logged: string[] = [];

beforeEach(() => {
  resetIds();
  home = tempClaudeHome();
  store = SqliteStore.open({ path: join(home.root, 'baton.db') });
  logged.length = 0;
});
afterEach(() => {
  store.close();
  home.cleanup();
});

const recorder = () =>
  createRecorder({
    store,
    home: home.root,
    env: { HOME: home.root },
    clock: systemClock,
    log: (line) => logged.push(line),
    adapters: [claudeCode],
  });
const texts = () =>
  store.events
    .list({ sessionId: store.sessions.get(SESSION)!.id, order: 'asc' })
    .map((e) => e.text);

describe('the recorder', () => {
  it('reads new and appended lines once, sharing cursors with the import', async () => {
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('one'), prompt('two')]));
    const r = recorder();
    expect(await r.tick()).toMatchObject({ imported: 2 });
    expect(await r.tick()).toMatchObject({ imported: 0 });
    appendFileSync(path, jsonl([prompt('three')]));
    expect(await r.tick()).toMatchObject({ imported: 1 });
    const env = { env: { HOME: home.root }, cwd: home.root };
    const again = importHistory(store, claudeCode, discoverHistory(claudeCode, env).files);
    expect(again).toMatchObject({ imported: 0, duplicates: 0 });
    expect(texts()).toEqual(['one', 'two', 'three']);
    expect(logged).toEqual([]);
  });

  it('reads a long append over several passes, saying while more is left', async () => {
    // 1 MiB and more of prompts: a pass of 1 byte stops at the end of the first chunk read.
    const lines = Array.from({ length: 3000 }, (_, i) => prompt(`line ${i} ${'x'.repeat(400)}`));
    home.write(`-p/${SESSION}.jsonl`, jsonl(lines));
    const r = createRecorder({
      store,
      home: home.root,
      env: { HOME: home.root },
      clock: systemClock,
      log: (line) => logged.push(line),
      adapters: [claudeCode],
      passBytes: 1,
    });
    const first = await r.tick();
    expect(first.more).toBe(true);
    expect(first.imported).toBeLessThan(lines.length);
    let passes = 1;
    for (let last = first; last.more; passes++) last = await r.tick();
    expect(passes).toBeGreaterThan(1);
    expect(texts()).toEqual(lines.map((_, i) => `line ${i} ${'x'.repeat(400)}`));
    expect(await r.tick()).toMatchObject({ imported: 0, more: false });
    // An import asked for (`POST /v1/import`) reads everything in one call.
    const later = Array.from({ length: 3000 }, (_, i) => prompt(`later ${i} ${'y'.repeat(400)}`));
    appendFileSync(join(home.projects, '-p', `${SESSION}.jsonl`), jsonl(later));
    expect(await r.tickAll()).toMatchObject({ imported: later.length, more: false });
  });

  it('calls its bulk-work hook before a pass with a MiB or more of new transcript, only then', async () => {
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('small')]));
    let bulk = 0;
    const r = createRecorder({
      store,
      home: home.root,
      env: { HOME: home.root },
      clock: systemClock,
      log: (line) => logged.push(line),
      adapters: [claudeCode],
      onBulkWork: () => (bulk += 1),
    });
    await r.tick();
    expect(bulk).toBe(0); // A few bytes: the pass keeps the daemon's priority.
    const big = Array.from({ length: 3000 }, (_, i) => prompt(`big ${i} ${'x'.repeat(400)}`));
    appendFileSync(path, jsonl(big));
    expect(await r.tickAll()).toMatchObject({ imported: big.length });
    expect(bulk).toBe(1);
    appendFileSync(path, jsonl([prompt('after')]));
    expect(await r.tick()).toMatchObject({ imported: 1 });
    expect(bulk).toBe(1); // Caught up: a small append is not bulk work.
  });

  it('keeps a transcript whole after the agent deletes it', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => prompt(`line ${i}`));
    const path = home.write(`-p/${SESSION}.jsonl`, jsonl(lines));
    const r = recorder();
    const first = await r.tick();
    expect(first.folders).toContain(join(home.projects, '-p'));
    rmSync(path);
    await r.tick();
    expect(texts()).toEqual(lines.map((_, i) => `line ${i}`));
  });

  it('joins passes asked for while one runs, and stop waits for them', async () => {
    home.write(`-p/${SESSION}.jsonl`, jsonl([prompt('a')]));
    const r = recorder();
    const reports = await Promise.all([r.tick(), r.tick(), r.tick()]);
    expect(reports.map((x) => x.imported).reduce((a, b) => a + b, 0)).toBe(1);
    await r.stop();
    expect(await r.tick()).toMatchObject({ imported: 0, folders: [] });
    expect(texts()).toEqual(['a']);
  });
});

describe("the recorder's periodic jobs", () => {
  const T0 = Date.parse('2026-03-04T10:00:00Z');
  const MIN = 60_000;
  let now = T0;
  const clock = { now: () => now };
  const scheduled = (jobs?: readonly PeriodicJob[]) =>
    createRecorder({
      store,
      home: home.root,
      env: { HOME: home.root },
      clock,
      log: (line) => logged.push(line),
      adapters: [],
      ...(jobs && { jobs }),
    });
  const at = async (r: ReturnType<typeof scheduled>, minutes: number) => {
    now = T0 + minutes * MIN;
    return (await r.tick()).jobs;
  };

  it('makes a backup every backup.intervalHours and keeps backup.keep of them', async () => {
    store.setSetting('backup.intervalHours', 1);
    store.setSetting('backup.keep', 2);
    store.sessions.start({ agent: 'cli', projectId: null });
    const r = scheduled();
    expect(await at(r, 0)).toEqual([]);
    expect(await at(r, 59)).toEqual([]);
    expect(await at(r, 61)).toEqual(['backup']);
    expect(await at(r, 90)).toEqual([]);
    expect(await at(r, 122)).toEqual(['backup']);
    expect(await at(r, 183)).toEqual(['backup']);
    const kept = listBackups(home.root).map((b) => basename(b.path));
    expect(kept).toEqual(['baton-20260304-130300.db', 'baton-20260304-120200.db']);
    const copy = SqliteStore.open({ path: listBackups(home.root)[0]!.path, readonly: true });
    expect(copy.sessions.list({}).length).toBe(1);
    copy.close();
    expect(logged.filter((l) => l.startsWith('backup: '))).toHaveLength(3);
    // A restarted daemon goes on from the last run the store kept.
    expect(await at(scheduled(), 200)).toEqual([]);
    expect(await at(scheduled(), 244)).toEqual(['backup']);
    store.setSetting('backup.intervalHours', 0);
    expect(await at(scheduled(), 400)).toEqual([]);
    expect(listBackups(home.root)).toHaveLength(2);
  });

  it('runs each due job of the list, a failing one logged without stopping the others', async () => {
    const ran: number[] = [];
    const job = (name: string, everyMin: number, fail = false): PeriodicJob => ({
      name,
      every: () => everyMin * MIN,
      run: () => {
        if (fail) return Promise.reject(new Error('no network'));
        ran.push(now);
        return Promise.resolve(null);
      },
    });
    const r = scheduled([job('broken', 5, true), job('sync', 10)]);
    expect(await at(r, 0)).toEqual([]);
    expect(await at(r, 6)).toEqual([]);
    expect(await at(r, 11)).toEqual(['sync']);
    expect(logged).toEqual(['broken failed: no network', 'broken failed: no network']);
    expect(ran).toEqual([T0 + 11 * MIN]);
  });
});
