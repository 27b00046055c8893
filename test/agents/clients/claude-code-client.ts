// The genuine Claude Code, as installed by `npm ci` from the devDependencies (one npm alias per
// pinned version, e.g. `claude-code-2.1.197`). The `claude` binary is native and ships in a
// platform package that is an optional dependency of the alias; it is resolved from the alias's
// folder, so the wrapper's postinstall (which only copies it into place) is not needed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { FakeModelServer } from '../fake-model/server.js';
import type { AgentSandbox } from '../harness/agent-sandbox.js';
import { runProcess } from '../harness/run-process.js';
import { TmuxPane } from '../../e2e/tmux-pane.js';
import type { ProcessResult } from '../harness/run-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface ClaudeClient {
  version: string;
  binary: string;
}

/** The pinned client, or why it cannot run here. */
export function findClaudeCode(version: string): ClaudeClient | { missing: string } {
  const alias = join(ROOT, 'node_modules', `claude-code-${version}`, 'package.json');
  if (!existsSync(alias)) return { missing: `claude-code-${version} is not installed (npm ci)` };
  const platform = `@anthropic-ai/claude-code-${process.platform}-${process.arch}`;
  try {
    const manifest = createRequire(alias).resolve(`${platform}/package.json`);
    const found = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (found !== version) return { missing: `${platform} is ${found}, not ${version}` };
    const binary = join(dirname(manifest), 'claude');
    return existsSync(binary) ? { version, binary } : { missing: `${binary} is missing` };
  } catch {
    return { missing: `${platform} (the native claude binary) is not installed for this machine` };
  }
}

/** Settings a first run would otherwise ask about: onboarding, the API key, the folder's trust. */
export function prepareClaudeHome(box: AgentSandbox): void {
  const config = {
    hasCompletedOnboarding: true,
    customApiKeyResponses: { approved: ['dummy'], rejected: [] },
    projects: { [box.project]: { hasTrustDialogAccepted: true, allowedTools: [] } },
  };
  writeFileSync(join(box.home, '.claude.json'), `${JSON.stringify(config, null, 2)}\n`);
  mkdirSync(join(box.home, '.claude'), { recursive: true });
}

export function claudeEnv(box: AgentSandbox, fake: FakeModelServer): NodeJS.ProcessEnv {
  return {
    ...box.baseEnv(),
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_API_KEY: 'dummy',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // As root, --dangerously-skip-permissions runs only in a declared sandbox.
    IS_SANDBOX: '1',
    // 2.1.332 offers the Task tools in print mode only with this (through ToolSearch).
    CLAUDE_CODE_ENABLE_TODO_TOOLS: '1',
  };
}

/** `claude -p PROMPT` with every tool allowed; extra arguments go before the prompt. */
export function claudePrint(
  client: ClaudeClient,
  box: AgentSandbox,
  fake: FakeModelServer,
  prompt: string,
  extra: string[] = [],
): Promise<ProcessResult> {
  return runProcess(client.binary, ['--dangerously-skip-permissions', ...extra, '-p', prompt], {
    cwd: box.project,
    env: claudeEnv(box, fake),
    timeoutMs: 90_000,
  });
}

/** `claude ARGS…` (e.g. `mcp list`) in the project. */
export function claudeCommand(
  client: ClaudeClient,
  box: AgentSandbox,
  fake: FakeModelServer,
  args: string[],
): Promise<ProcessResult> {
  return runProcess(client.binary, args, {
    cwd: box.project,
    env: claudeEnv(box, fake),
    timeoutMs: 60_000,
  });
}

export const INTERACTIVE_PROMPT = 'Say hello in the terminal';

/**
 * An interactive session in a pseudo-terminal: waits for the input box, types `prompt`, waits for
 * `answer` on screen, then types `/exit` and waits for the process to end. Returns the screen.
 */
export async function claudeInteractive(
  client: ClaudeClient,
  box: AgentSandbox,
  fake: FakeModelServer,
  prompt: string,
  answer: string,
): Promise<string> {
  const env = Object.fromEntries(
    Object.entries(claudeEnv(box, fake)).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const pane = TmuxPane.start(`'${client.binary}'`, {
    cwd: box.project,
    env,
    width: 120,
    height: 40,
  });
  try {
    await pane.waitFor(/^❯/m, 30_000);
    pane.type(prompt);
    pane.send('Enter');
    await pane.waitFor(answer, 30_000);
    pane.type('/exit');
    await pane.waitFor('/exit', 5_000);
    pane.send('Enter');
    return await pane.waitFor('[exit 0]', 30_000);
  } finally {
    pane.kill();
  }
}
