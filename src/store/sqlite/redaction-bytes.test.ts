// Pins redaction at the byte level: secrets written through every path of the store are absent
// from the database file and its WAL, not merely from query results.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_CORES, SECRET_SAMPLES } from '../../core/redact.test.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileBytes(path: string): string {
  return [path, `${path}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p).toString('latin1'))
    .join('\n');
}

describe('redaction reaches the file bytes', () => {
  it('keeps every secret type and private span out of the main file and the WAL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-redact-'));
    dirs.push(dir);
    const path = join(dir, 'baton.db');
    const store = SqliteStore.open({ path });
    const project = store.projects.ensure({
      key: 'path:/r',
      root: '/r',
      remoteUrl: null,
      name: 'r',
    });
    const session = store.sessions.start({
      agent: 'cli',
      projectId: project.id,
      title: SECRET_SAMPLES.github_token!,
    });
    const all = Object.values(SECRET_SAMPLES).join('\n');
    const privateText = 'my private diary entry 7c1f';
    store.events.append([
      {
        sessionId: session.id,
        kind: 'tool_result',
        text: `${all}\n<private>${privateText}</private>`,
        source: 'cli',
      },
      {
        sessionId: session.id,
        kind: 'tool_call',
        text: 'env',
        data: { env: all, password: 'pw-under-key-42' },
        source: 'cli',
        raw: { line: all },
      },
    ]);
    store.todos.add({ projectId: project.id, content: `rotate ${SECRET_SAMPLES.openai_key!}` });
    store.decisions.add({
      projectId: project.id,
      decision: 'use vault',
      reasoning: SECRET_SAMPLES.aws_access_key!,
    });
    store.facts.set({
      projectId: project.id,
      key: 'db',
      value: { url: SECRET_SAMPLES.url_password! },
    });
    store.components.set({
      projectId: project.id,
      name: 'api',
      metadata: { token: SECRET_SAMPLES.slack_token! },
    });
    // A component named by a secret: redacted, and set again it is the same component.
    const named = { projectId: project.id, name: `db ${SECRET_SAMPLES.stripe_key!}` };
    store.components.set({ ...named, status: 'down' });
    store.components.set({ ...named, status: 'up' });
    const redactedNames = store.components.list(project.id).map((c) => c.name);
    expect(redactedNames).toEqual(['api', expect.stringMatching(/^db \[REDACTED:stripe_key:/)]);
    expect(store.components.list(project.id)[1]!.status).toBe('up');
    store.checkpoints.insert({
      sessionId: session.id,
      projectId: project.id,
      trigger: 'manual',
      journalSeq: 0,
      snapshot: all,
    });

    // While open: the data sits in the WAL.
    const live = fileBytes(path);
    expect(existsSync(`${path}-wal`)).toBe(true);
    for (const [type, core] of Object.entries(SECRET_CORES)) {
      expect(live.includes(core), `${type} found in WAL/main bytes`).toBe(false);
    }
    expect(live.includes(privateText)).toBe(false);
    expect(live.includes('pw-under-key-42')).toBe(false);
    // The marks are there instead, so the redaction really ran on this data.
    expect(live).toContain('[REDACTED:');

    store.close(); // checkpoints the WAL into the main file
    const closed = fileBytes(path);
    for (const core of Object.values(SECRET_CORES)) expect(closed.includes(core)).toBe(false);
    expect(closed.includes(privateText)).toBe(false);
  });
});
