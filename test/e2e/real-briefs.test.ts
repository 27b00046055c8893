// Golden briefs of real sessions: the agents' own transcripts (BATON_REAL_FIXTURES, laid out as
// their home folders) imported with a fixed clock, and the default brief of a few sessions per
// agent compared with the reviewed text in src/recover/brief/__golden__/real/. The transcripts
// are never copied here; only our output is. BATON_UPDATE_GOLDEN=1 rewrites the files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { fixedClock } from '../../src/core/index.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const GOLDEN = resolve('src/recover/brief/__golden__/real');
/** A session per agent, and the Claude Code ones that show a fixed and an open failure. */
const SESSIONS = [
  ['SESSION-250614-001', 'claude-code, type errors fixed and a CI workflow added'],
  ['SESSION-251117-001', 'claude-code, a todo in progress and failures never fixed'],
  ['SESSION-260418-002', 'claude-code subagent, committed its work'],
  ['SESSION-250919-001', 'codex, a plan worked through from an IDE prompt'],
  ['SESSION-260423-001', 'gemini, a GEMINI.md written'],
] as const;

let home: string;
let env: NodeJS.ProcessEnv;

async function baton(args: string[]): Promise<string> {
  const chunks: Buffer[] = [];
  const stdout = new Writable({
    write(c: Buffer | string, _e, done) {
      chunks.push(Buffer.from(c));
      done();
    },
  });
  const stdin = new PassThrough();
  stdin.end();
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  const code = await runCli(args, {
    env,
    cwd: join(home, 'work'),
    stdin,
    stdout,
    stderr,
    clock: fixedClock(NOW),
  });
  expect(code).toBe(0);
  return Buffer.concat(chunks).toString('utf8');
}

describe.skipIf(!FIXTURES)('golden briefs of real sessions', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'baton-real-briefs-'));
    for (const [agent, dir] of [
      ['claude-code', '.claude'],
      ['codex', '.codex'],
      ['gemini', '.gemini'],
    ])
      symlinkSync(resolve(FIXTURES!, agent!), join(home, dir!));
    mkdirSync(join(home, 'work'));
    env = { PATH: process.env.PATH, HOME: home, BATON_HOME: join(home, 'baton'), TZ: 'UTC' };
    await baton(['import']);
  }, 60_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each(SESSIONS)('%s (%s)', async (handle) => {
    const text = (await baton(['resume', '--session', handle, '--no-git']))
      .replace(/\[REDACTED:([a-z_]+):[0-9a-f]+\]/g, '[REDACTED:$1:*]')
      .replaceAll(home, '$HOME');
    const path = join(GOLDEN, `${handle}.md.txt`);
    if (process.env.BATON_UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    expect(existsSync(path), `golden brief ${handle} is missing`).toBe(true);
    expect(text).toBe(readFileSync(path, 'utf8'));
    expect(text.length).toBeLessThanOrEqual(6000);
  });
});
