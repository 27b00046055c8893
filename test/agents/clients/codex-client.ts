// The genuine Codex CLI (`@openai/codex`, a Node launcher for a native binary shipped in a
// platform package), pointed at a fake Responses API through a model provider in config.toml.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { FakeModelServer } from '../fake-model/server.js';
import type { AgentSandbox } from '../harness/agent-sandbox.js';
import { runProcess } from '../harness/run-process.js';
import type { ProcessResult } from '../harness/run-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface CodexClient {
  version: string;
  launcher: string;
}

export function findCodex(version: string): CodexClient | { missing: string } {
  const manifest = join(ROOT, 'node_modules', '@openai', 'codex', 'package.json');
  if (!existsSync(manifest)) return { missing: '@openai/codex is not installed (npm ci)' };
  const found = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  if (!found.startsWith(version)) return { missing: `@openai/codex is ${found}, not ${version}` };
  try {
    const platform = `@openai/codex-${process.platform}-${process.arch}`;
    createRequire(manifest).resolve(`${platform}/package.json`);
  } catch {
    return { missing: 'the native codex binary is not installed for this machine' };
  }
  return {
    version: found,
    launcher: join(ROOT, 'node_modules', '@openai', 'codex', 'bin', 'codex.js'),
  };
}

export const codexHomeOf = (box: AgentSandbox) => join(box.home, '.codex');

/**
 * The user's config.toml before Baton: the fake provider, `update_plan` switched on (0.171 offers
 * it only so), and — as a hand-edited file may — no final newline.
 */
export function codexUserConfig(fake: FakeModelServer): string {
  return [
    'model = "fake-model"',
    'model_provider = "fake"',
    '',
    '[model_providers.fake]',
    'name = "fake"',
    `base_url = "${fake.url}/v1"`,
    'env_key = "FAKE_KEY"',
    'wire_api = "responses"',
    '',
    '[tools.update_plan]',
    'enabled = true',
  ].join('\n');
}

export function prepareCodexHome(box: AgentSandbox, config: string): string {
  mkdirSync(codexHomeOf(box), { recursive: true });
  const path = join(codexHomeOf(box), 'config.toml');
  writeFileSync(path, config);
  return path;
}

export function codexEnv(box: AgentSandbox): NodeJS.ProcessEnv {
  return { ...box.baseEnv(), CODEX_HOME: codexHomeOf(box), FAKE_KEY: 'dummy' };
}

/**
 * `codex exec PROMPT`, no sandbox, no approvals, with Baton's hooks trusted for this run (unless
 * `bypassTrust` is false: then Codex runs only the hooks config.toml trusts).
 */
export function codexExec(
  client: CodexClient,
  box: AgentSandbox,
  prompt: string,
  extra: string[] = [],
  bypassTrust = true,
): Promise<ProcessResult> {
  const args = [
    client.launcher,
    'exec',
    ...(bypassTrust ? ['--dangerously-bypass-hook-trust'] : []),
    '--dangerously-bypass-approvals-and-sandbox',
    '--skip-git-repo-check',
    ...extra,
    prompt,
  ];
  return runProcess(process.execPath, args, {
    cwd: box.project,
    env: codexEnv(box),
    timeoutMs: 90_000,
  });
}

/** `codex exec fork SESSION PROMPT`: a new session that starts from a copy of SESSION's history. */
export function codexExecFork(
  client: CodexClient,
  box: AgentSandbox,
  session: string,
  prompt: string,
): Promise<ProcessResult> {
  const args = [
    client.launcher,
    'exec',
    'fork',
    '--dangerously-bypass-hook-trust',
    '--dangerously-bypass-approvals-and-sandbox',
    '--skip-git-repo-check',
    session,
    prompt,
  ];
  return runProcess(process.execPath, args, {
    cwd: box.project,
    env: codexEnv(box),
    timeoutMs: 90_000,
  });
}

/** One hook as `codex app-server` lists it (`hooks/list`): Codex's own view of its trust. */
export interface CodexListedHook {
  key: string;
  command: string;
  currentHash: string;
  trustStatus: string;
}

/** Asks the genuine Codex which hooks it sees for the project and whether it trusts each. */
export async function codexHooksList(
  client: CodexClient,
  box: AgentSandbox,
): Promise<CodexListedHook[]> {
  const lines = [
    { id: 1, method: 'initialize', params: { clientInfo: { name: 'baton-test', version: '1' } } },
    { method: 'initialized' },
    { id: 2, method: 'hooks/list', params: { cwds: [box.project] } },
  ];
  const child = spawn(process.execPath, [client.launcher, 'app-server'], {
    cwd: box.project,
    env: codexEnv(box),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const reply = new Promise<CodexListedHook[]>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error('codex app-server: no hooks/list reply')),
      30_000,
    );
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, at)) as {
          id?: number;
          result?: { data: { hooks: CodexListedHook[] }[] };
        };
        buffer = buffer.slice(at + 1);
        if (message.id !== 2) continue;
        clearTimeout(timer);
        done(message.result?.data.flatMap((d) => d.hooks) ?? []);
      }
    });
  });
  // initialize must be answered before the rest is sent.
  child.stdin.write(`${JSON.stringify(lines[0])}\n`);
  await new Promise((r) => child.stdout.once('data', r));
  child.stdin.write(`${JSON.stringify(lines[1])}\n${JSON.stringify(lines[2])}\n`);
  const exited = new Promise((r) => child.once('close', r));
  try {
    return await reply;
  } finally {
    // EOF ends the app-server (and the native process behind the launcher) before the sandbox goes.
    child.stdin.end();
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
