// The crash test: a real writer process records a session and is killed with SIGKILL mid-session;
// the next `baton resume` marks the session crashed (its pid is known and gone), says so first,
// and every event the writer saw acknowledged is still there.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from './cli.js';

// tsx is resolved from here: the writer runs in a folder of its own.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let root: string;
let work: string;
let home: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'baton-e2e-crash-')));
  work = join(root, 'project');
  home = join(root, 'home');
  mkdirSync(work);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the writer, waits for `acks` acknowledged events, kills it, returns what it saw. */
async function killWriterAfter(acks: number) {
  const writer = spawn(
    process.execPath,
    ['--import', TSX, join(import.meta.dirname, 'fixtures', 'crash-writer.ts')],
    {
      cwd: work,
      env: { ...process.env, BATON_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const seen = { session: '', ids: [] as string[], seqs: [] as number[] };
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    writer.on('exit', (_code, signal) => resolve(signal)),
  );
  for await (const line of createInterface({ input: writer.stdout })) {
    const [word, a, b] = line.split(' ');
    if (word === 'session') seen.session = a!;
    if (word === 'ack') {
      seen.seqs.push(Number(a));
      seen.ids.push(b!);
    }
    if (seen.ids.length >= acks) {
      writer.kill('SIGKILL');
      break;
    }
  }
  // The pid is gone only once the process is reaped, not merely signalled.
  expect(await exited).toBe('SIGKILL');
  return { ...seen, pid: writer.pid! };
}

describe('a writer killed with SIGKILL mid-session', () => {
  it('is marked crashed by the next resume, and keeps every acknowledged event', async () => {
    const seen = await killWriterAfter(40);
    expect(seen.session).toMatch(/^SESSION-/);

    const brief = ok(['resume'], { cwd: work, home });
    expect(brief.split('\n')[1]).toBe(
      `**The last session crashed** (agent process ${seen.pid} is gone): ${seen.session} stopped without an end record. Verify its last actions before building on them.`,
    );
    expect(brief).toContain(
      `- Session: ${seen.session} · claude-code · crashed (agent process ${seen.pid} is gone)`,
    );
    const last = seen.ids.length;
    // The last acknowledged action is the last one the brief lists.
    const lastTool = Math.max(
      ...Array.from({ length: last }, (_, i) => i + 1).filter((i) => i % 5 !== 0),
    );
    expect(brief).toContain(`\`src/file-${lastTool}.ts\``);

    const shown = JSON.parse(
      ok(['session', 'show', seen.session, '--events', '100000', '--json'], { cwd: work, home }),
    ) as {
      session: { status: string; endReason: string };
      events: { id: string; seq: number }[];
    };
    expect(shown.session.status).toBe('crashed');
    const stored = new Set(shown.events.map((e) => e.id));
    for (const id of seen.ids) expect(stored.has(id)).toBe(true);

    const checkpoints = JSON.parse(ok(['checkpoint', 'list', '--json'], { cwd: work, home })) as {
      trigger: string;
      journalSeq: number;
    }[];
    const crash = checkpoints.find((c) => c.trigger === 'crash');
    expect(crash?.journalSeq).toBeGreaterThanOrEqual(Math.max(...seen.seqs));
  });
});
