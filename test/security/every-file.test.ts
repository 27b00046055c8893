// Every secret form absent from every file under BATON_HOME — the store, its WAL, the spool (while
// payloads wait in it and after the drain), logs, backups, checkpoints, caches — after a run that
// writes the secrets through every way in: agent hooks (spooled and lifecycle, an unparseable
// payload), a transcript import, an events import and the CLI's records (a component named by a
// secret included), then a checkpoint, a backup and an export.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_CORES, SECRET_SAMPLES } from '../../src/core/redact.test.js';
import { assistant, prompt, text, toolUse } from '../helpers/claude-records.js';
import { ok } from '../e2e/cli.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';

const { home: root, cleanup } = tempHome();
afterAll(cleanup);
const home = join(root, 'baton');
const project = join(root, 'app');
const inputs = join(root, 'inputs');
mkdirSync(project);
mkdirSync(inputs);

// The forms a campaign found getting through, beside the store's own samples.
const MORE_SAMPLES: Record<string, [string, string]> = {
  mysql_glued: ['mysql -u root -pGluedPw7731x shop', 'GluedPw7731x'],
  cli_password: ['psql --password FlagPw55219y', 'FlagPw55219y'],
  db_pass: ['DB_PASS=dbpass-4471-z npm start', 'dbpass-4471-z'],
  curl_user: ['curl -u alice:CurlPw-8812q https://x.example', 'CurlPw-8812q'],
  basic_auth: [
    `Authorization: Basic ${Buffer.from('bob:BasicPw-9931').toString('base64')}`,
    Buffer.from('bob:BasicPw-9931').toString('base64'),
  ],
  nested_private: [
    '<private>outer <private>inner-7a1</private> tail-private-88</private>',
    'tail-private-88',
  ],
};
const ALL = [...Object.values(SECRET_SAMPLES), ...Object.values(MORE_SAMPLES).map(([s]) => s)].join(
  '\n',
);
const CORES: Record<string, string> = {
  ...SECRET_CORES,
  ...Object.fromEntries(Object.entries(MORE_SAMPLES).map(([k, [, core]]) => [k, core])),
  nested_private_inner: 'inner-7a1',
};

const baton = (args: string[], input?: string) =>
  runBaton(args, { home: root, cwd: project, env: { BATON_HOME: home }, ...(input && { input }) });
const must = (args: string[]) => ok(args, { home: root, cwd: project, env: { BATON_HOME: home } });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    return d.isDirectory() ? filesUnder(path) : d.isFile() ? [path] : [];
  });
}

/** `[file, secret type]` for each secret core found in a file's bytes, as text both ways. */
function leaks(): [string, string][] {
  const found: [string, string][] = [];
  for (const file of filesUnder(home)) {
    const bytes = readFileSync(file);
    const views = [bytes.toString('latin1'), bytes.toString('utf8')];
    for (const [type, core] of Object.entries(CORES))
      if (views.some((v) => v.includes(core))) found.push([relative(home, file), type]);
  }
  return found;
}

const hook = (payload: Record<string, unknown> | string) =>
  baton(
    ['hook', 'claude-code'],
    typeof payload === 'string'
      ? payload
      : JSON.stringify({ session_id: 'sec-1', cwd: project, ...payload }),
  );

describe('secrets under BATON_HOME', () => {
  it('are in no file, spool and logs included, after every way in', () => {
    expect(hook({ hook_event_name: 'SessionStart', source: 'startup' }).code).toBe(0);
    // Spooled: a prompt, a tool call, and a tool result large enough for Node's cipher.
    hook({ hook_event_name: 'UserPromptSubmit', prompt: `deploy with ${ALL}` });
    hook({
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: ALL },
      tool_use_id: 'toolu_sec_1',
    });
    hook({
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'env' },
      tool_response: { stdout: `${ALL}\n${'x'.repeat(40_000)}` },
      tool_use_id: 'toolu_sec_1',
    });
    hook(`{"not json ${ALL}`);
    const spooled = filesUnder(home).filter((f) => f.includes(`${join(home, 'spool')}/`));
    expect(spooled.length).toBeGreaterThanOrEqual(3);
    expect(leaks()).toEqual([]);

    hook({ hook_event_name: 'Stop' }); // drains the spool
    hook({ hook_event_name: 'SessionEnd', reason: 'exit' });

    const transcript = join(inputs, 'sec-2.jsonl');
    const records = [
      prompt(`use ${ALL}`, { sessionId: 'sec-2', cwd: project }),
      assistant(
        'msg_sec',
        [text(`noted ${ALL}`), toolUse('toolu_sec_2', 'Bash', { command: ALL })],
        {
          sessionId: 'sec-2',
          cwd: project,
        },
      ),
    ];
    writeFileSync(transcript, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    must(['import', 'claude-code', transcript]);
    const events = join(inputs, 'events.jsonl');
    writeFileSync(
      events,
      JSON.stringify({
        session: 'sec-3',
        agent: 'codex',
        project,
        ts: '2026-03-04T10:00:00Z',
        kind: 'tool_result',
        text: ALL,
        data: { env: ALL, password: 'under-a-key-31' },
        title: `title ${SECRET_SAMPLES.github_token!}`,
      }) + '\n',
    );
    must(['import', '--format', 'events', events]);

    must(['session', 'start', '--title', `fix ${SECRET_SAMPLES.openai_key!}`]);
    must(['log', 'note', ALL]);
    must(['todo', 'add', `rotate ${SECRET_SAMPLES.aws_access_key!}`]);
    must(['decision', 'add', 'use the vault', '--reason', ALL]);
    must(['context', 'set', 'db.url', SECRET_SAMPLES.url_password!]);
    must(['component', 'set', `db ${SECRET_SAMPLES.stripe_key!}`, '--status', 'up']);
    must(['checkpoint', 'create', '--label', `before ${SECRET_SAMPLES.npm_token!}`]);
    must(['backup']);
    const exported = must(['export', '--format', 'events', '--all-projects']);
    writeFileSync(join(home, 'export.jsonl'), exported);
    baton(['doctor']);

    const files = filesUnder(home).map((f) => relative(home, f));
    expect(files).toContain('baton.db');
    expect(files.some((f) => f.startsWith('backups/'))).toBe(true);
    expect(files.some((f) => f.startsWith('logs/'))).toBe(true);
    expect(leaks()).toEqual([]);
    // The secrets did arrive: marks stand where they were.
    expect(exported).toContain('[REDACTED:');
    expect(statSync(join(home, 'baton.db')).size).toBeGreaterThan(0);
  });
});
