// Importers meet what a real disk holds: a file or a folder that cannot be read, a FIFO named as a
// transcript, symlinked transcripts and project folders (with a link back up the tree), a line
// holding terminal escapes. Each is reported on its own line and the rest is imported — no stack
// trace, no hang, no raw control bytes on the terminal. As root, the runs are made as nobody so
// that mode 000 really denies.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistant, prompt, text } from '../helpers/claude-records.js';
import { BATON_BIN, tempHome } from '../e2e/run-baton.js';

let root: string;
let cleanup: () => void;
const asRoot = process.getuid?.() === 0;
beforeEach(() => ({ home: root, cleanup } = tempHome()));
afterEach(() => {
  execFileSync('chmod', ['-R', 'u+rwX', root]);
  cleanup();
});

/** Gives the tree to nobody when we are root (then runs as nobody), so modes apply. */
function handOver(): void {
  if (asRoot) execFileSync('chown', ['-R', '65534:65534', root]);
  chmodSync(root, 0o755);
}

function baton(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BATON_BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: root, BATON_HOME: join(root, 'baton'), NO_COLOR: '1' },
    ...(asRoot && { uid: 65534, gid: 65534 }),
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectCleanReport(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |node:internal|Node\.js v/);
  expect(stderr).not.toContain('\u001b');
  for (const line of stderr.trim().split('\n')) expect(line).toMatch(/^baton: /);
}

const transcript = (session: string, words: string) =>
  [
    prompt(`please ${words}`, { sessionId: session, cwd: root }),
    assistant(`msg_${session}`, [text(`done: ${words}`)], { sessionId: session, cwd: root }),
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n';

describe('an events import', () => {
  it('reports an unreadable file, a FIFO and an escaped bad line, and imports the rest', () => {
    const dir = join(root, 'in');
    mkdirSync(dir);
    const line = { session: 's1', ts: '2026-01-01T00:00:00Z', kind: 'note', text: 'kept' };
    writeFileSync(join(dir, 'good.jsonl'), JSON.stringify(line) + '\n');
    writeFileSync(join(dir, 'locked.jsonl'), JSON.stringify({ ...line, text: 'x' }) + '\n');
    writeFileSync(join(dir, 'bad.jsonl'), 'not \u001b[31mjson\n');
    execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
    handOver();
    chmodSync(join(dir, 'locked.jsonl'), 0o000);
    const files = ['good', 'locked', 'pipe', 'bad'].map((f) => join('in', `${f}.jsonl`));
    const r = baton(['import', '--format', 'events', ...files, '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { imported: number; problems: string[] };
    expect(summary.imported).toBe(1);
    expect(summary.problems).toEqual([
      expect.stringMatching(/^in\/locked\.jsonl: cannot read .*permission denied/),
      expect.stringMatching(/^in\/pipe\.jsonl: cannot read .*FIFO.*refused/),
      expect.stringMatching(/^in\/bad\.jsonl:1: not JSON/),
    ]);
    expectCleanReport(r.stderr);
    expect(r.stderr).toContain('\\x1b');
  });
});

describe('a transcript import', () => {
  it('follows symlinks once, refuses a FIFO, reports an unreadable folder, imports the rest', () => {
    const projects = join(root, '.claude', 'projects');
    const readable = join(projects, '-work-app');
    const locked = join(projects, '-work-secret');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(readable, { recursive: true });
    mkdirSync(locked);
    mkdirSync(elsewhere);
    writeFileSync(
      join(readable, 'aaaaaaaa-0000-4000-8000-000000000001.jsonl'),
      transcript('a1', 'fix the build'),
    );
    writeFileSync(
      join(locked, 'aaaaaaaa-0000-4000-8000-000000000002.jsonl'),
      transcript('a2', 'x'),
    );
    writeFileSync(
      join(elsewhere, 'aaaaaaaa-0000-4000-8000-000000000003.jsonl'),
      transcript('a3', 'linked file'),
    );
    mkdirSync(join(elsewhere, 'more'));
    writeFileSync(
      join(elsewhere, 'more', 'aaaaaaaa-0000-4000-8000-000000000004.jsonl'),
      transcript('a4', 'linked folder'),
    );
    symlinkSync(
      join(elsewhere, 'aaaaaaaa-0000-4000-8000-000000000003.jsonl'),
      join(readable, 'linked.jsonl'),
    );
    symlinkSync(join(elsewhere, 'more'), join(projects, '-work-linked'));
    symlinkSync(projects, join(elsewhere, 'more', 'loop')); // back up the tree
    execFileSync('mkfifo', [join(readable, 'pipe.jsonl')]);
    handOver();
    chmodSync(locked, 0o000);

    const r = baton(['import', 'claude-code', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      agents: {
        agent: string;
        newSessions: number;
        problems: { file: string; message: string }[];
      }[];
    };
    const claude = report.agents.find((a) => a.agent === 'claude-code')!;
    expect(claude.newSessions).toBe(3); // a1, a3 through the file link, a4 through the folder link
    expect(claude.problems.map((p) => [p.file, p.message])).toEqual(
      expect.arrayContaining([
        [join(readable, 'pipe.jsonl'), expect.stringMatching(/FIFO.*refused/)],
        [locked, expect.stringMatching(/cannot read|permission denied/)],
      ]),
    );
    expect(claude.problems).toHaveLength(2);
    expectCleanReport(r.stderr);
  });
});
