// Pins the recorder's pass on a real temporary home and SQLite file: transcripts are read through
// the import cursors (a second pass and `baton import` add nothing), appended lines are picked up,
// and a transcript the agent deleted after the daemon read it stays whole in the store.
import { appendFileSync, rmSync } from 'node:fs';
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
import { systemClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { createRecorder } from './recorder.js';

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
