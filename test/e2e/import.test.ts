// End to end: `baton import` finds the machine's Claude Code history under $HOME/.claude, imports it
// incrementally (a second run adds nothing, appended lines come in, a torn last line waits), reports
// malformed lines with exit code 1, keeps `--format events` working, and quickstart shows the
// brief of the project the user is in.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assistant,
  jsonl,
  prompt,
  resetIds,
  text,
  toolResult,
  toolUse,
} from '../helpers/claude-records.js';

const BIN = resolve('bin/baton.js');
const S = 'cccccccc-0000-4000-8000-000000000003';
let root: string;
let env: NodeJS.ProcessEnv;
let project: string;
let transcript: string;

beforeEach(() => {
  resetIds();
  root = mkdtempSync(join(tmpdir(), 'baton-e2e-import-'));
  project = join(root, 'code', 'shop');
  mkdirSync(project, { recursive: true });
  const { CLAUDE_CONFIG_DIR: _c, BATON_SESSION: _s, ...rest } = process.env;
  env = {
    ...rest,
    HOME: join(root, 'home'),
    BATON_HOME: join(root, 'baton'),
    NO_COLOR: '1',
    CI: '1',
  };
  const dir = join(root, 'home', '.claude', 'projects', '-code-shop');
  mkdirSync(dir, { recursive: true });
  transcript = join(dir, `${S}.jsonl`);
  const at = { cwd: project, sessionId: S };
  writeFileSync(
    transcript,
    jsonl([
      prompt('make checkout totals exact', at),
      assistant(
        'msg_1',
        [
          text('Looking at cart.ts'),
          toolUse('toolu_1', 'Read', { file_path: join(project, 'cart.ts') }),
        ],
        at,
      ),
      toolResult('toolu_1', 'export const total = …', { extra: at }),
      assistant('msg_2', [text('Use integer cents.')], at),
    ]),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function baton(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...env, ...extraEnv },
    cwd: project,
    encoding: 'utf8',
    input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Summary {
  agents: {
    agent: string;
    files: number;
    unchanged: number;
    newSessions: number;
    imported: number;
    duplicates: number;
    problems: { line: number; reason: string }[];
  }[];
}

describe('baton import (e2e)', () => {
  it('imports every agent’s history, then only what was appended', () => {
    const first = baton(['import', '--json']);
    expect(first.code).toBe(0);
    const s1 = JSON.parse(first.stdout) as Summary;
    expect(s1.agents[0]).toMatchObject({
      agent: 'claude-code',
      files: 1,
      newSessions: 1,
      imported: 5,
      problems: [],
    });
    expect((JSON.parse(baton(['import', '--json']).stdout) as Summary).agents[0]).toMatchObject({
      unchanged: 1,
      imported: 0,
    });

    const line = JSON.stringify(prompt('and round half to even', { cwd: project, sessionId: S }));
    appendFileSync(transcript, line.slice(0, 30));
    expect(
      (JSON.parse(baton(['import', 'claude-code', '--json']).stdout) as Summary).agents[0]!
        .imported,
    ).toBe(0);
    appendFileSync(transcript, line.slice(30) + '\n');
    expect(
      (JSON.parse(baton(['import', 'claude-code', '--json']).stdout) as Summary).agents[0]!
        .imported,
    ).toBe(1);

    const table = baton(['import']);
    expect(table.stdout).toMatch(/agent\s+files\s+unchanged/);
    expect(table.stdout).toMatch(/claude-code\s+1\s+1\s+0\s+0/);
  });

  it('reports malformed lines with where and why, keeps the rest, and exits 1', () => {
    appendFileSync(transcript, '{not json\n');
    const r = baton(['import', 'claude-code', transcript, '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.agents[0]!.imported).toBe(5);
    expect(s.agents[0]!.problems).toEqual([expect.objectContaining({ line: 5, reason: 'json' })]);
    expect(r.stderr).toMatch(/skipped .*\.jsonl:5: json/);
  });

  it('keeps --format events working, round trip included', () => {
    expect(baton(['import']).code).toBe(0);
    const exported = baton(['export', '--format', 'events']).stdout;
    expect(exported.split('\n').filter(Boolean)).toHaveLength(5);
    const other = { BATON_HOME: join(root, 'other') };
    expect(baton(['import', '--format', 'events', '-'], other, exported).code).toBe(0);
    expect(baton(['export', '--format', 'events'], other).stdout).toBe(exported);
  });

  it('quickstart imports the history and prints this project’s brief', () => {
    const r = baton(['quickstart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 5 events into 1 new sessions from 1 transcripts');
    expect(r.stdout).toContain('The brief the next session in shop will start with');
    expect(r.stdout).toContain('make checkout totals exact');
    const json = JSON.parse(baton(['quickstart', '--json']).stdout) as {
      brief: string;
      project: string;
    };
    expect(json.project).toBe('shop');
    expect(json.brief).toContain('## Last actions');
  });

  it('quickstart falls back to the demo on a machine without history', () => {
    rmSync(join(root, 'home', '.claude'), { recursive: true });
    const r = baton(['quickstart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DEMO');
  });
});
