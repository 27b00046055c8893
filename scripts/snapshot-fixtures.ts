// Writes what Baton makes of a corpus of real agent transcripts into a folder: the exported Events
// JSONL and every session's brief in each mode. Run it before and after a refactor and `diff -r` the
// two folders: a change that should not alter behaviour leaves them identical.
//
//   node --import tsx scripts/snapshot-fixtures.ts OUT_DIR [FIXTURES_DIR]
//
// FIXTURES_DIR (default $BATON_REAL_FIXTURES) is laid out like the agents' home folders:
// claude-code/ as ~/.claude, codex/ as ~/.codex, gemini/ as ~/.gemini. The clock is fixed, so
// handles and relative times in briefs are the same on every run.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fixedClock } from '../src/core/index.js';
import { runCli } from '../src/cli/index.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');

/** What legitimately differs between two stores: the per-store redaction key and the temp folder. */
function normalise(text: string, home: string): string {
  return text
    .replace(/\[REDACTED:([a-z_]+):[0-9a-f]+\]/g, '[REDACTED:$1:*]')
    .replaceAll(home, '$HOME');
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(w, { text: () => Buffer.concat(chunks).toString('utf8') });
}

async function baton(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(args, { env, cwd, stdin, stdout, stderr, clock: fixedClock(NOW) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function main(): Promise<void> {
  const [outArg, fixturesArg] = process.argv.slice(2);
  const fixtures = fixturesArg ?? process.env.BATON_REAL_FIXTURES;
  if (!outArg || !fixtures) {
    console.error(
      'usage: snapshot-fixtures.ts OUT_DIR [FIXTURES_DIR] (or set BATON_REAL_FIXTURES)',
    );
    process.exit(2);
  }
  const out = resolve(outArg);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'baton-snapshot-'));
  try {
    for (const [agent, dir] of [
      ['claude-code', '.claude'],
      ['codex', '.codex'],
      ['gemini', '.gemini'],
    ] as const) {
      symlinkSync(resolve(fixtures, agent), join(home, dir));
    }
    const work = join(home, 'work');
    mkdirSync(work);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      BATON_HOME: join(home, 'baton'),
      TZ: 'UTC',
      LANG: 'C',
    };
    const imported = await baton(['import', '--json'], env, work);
    writeFileSync(join(out, 'import.txt'), `exit ${imported.code}\n${imported.stderr}`);
    const exported = await baton(['export', '--format', 'events', '--all-projects'], env, work);
    writeFileSync(join(out, 'events.jsonl'), normalise(exported.stdout, home));
    const listed = await baton(
      ['session', 'list', '--all-projects', '--json', '-n', '100000'],
      env,
      work,
    );
    const sessions = (JSON.parse(listed.stdout) as { handle: string }[])
      .map((s) => s.handle)
      .sort();
    writeFileSync(join(out, 'sessions.txt'), `${sessions.join('\n')}\n`);
    for (const handle of sessions) {
      for (const mode of ['quick', 'full', 'emergency']) {
        const r = await baton(
          ['resume', '--session', handle, '--mode', mode, '--no-git'],
          env,
          work,
        );
        writeFileSync(
          join(out, `${handle}.${mode}.md`),
          normalise(`exit ${r.code}\n${r.stdout}${r.stderr}`, home),
        );
      }
    }
    console.log(
      `${sessions.length} sessions, ${exported.stdout.split('\n').length - 1} events → ${out}`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
