// One story told to the genuine Codex CLI with Baton installed: a session that plans with
// `update_plan`, runs a command that succeeds and one that fails, edits a file and calls Baton's
// MCP server; a second session that must open with a brief of the first; `baton import`
// afterwards; uninstall.
import { join } from 'node:path';
import {
  codexExec,
  codexExecFork,
  codexUserConfig,
  prepareCodexHome,
} from './clients/codex-client.js';
import type { CodexClient } from './clients/codex-client.js';
import { openaiDialect } from './fake-model/openai-dialect.js';
import { FakeModelServer } from './fake-model/server.js';
import type { LoggedRequest, Turn } from './fake-model/turns.js';
import { AgentSandbox } from './harness/agent-sandbox.js';
import type { BatonRun, StoredEvent, StoredSession, StoredTodo } from './harness/agent-sandbox.js';
import { describeRun } from './harness/run-process.js';
import type { ProcessResult } from './harness/run-process.js';

export const FIRST_PROMPT = 'Plan the greeter, run its checks, then write greeting.txt';
export const SECOND_PROMPT = 'What was I doing? Carry on';
export const OPEN_STEP = 'Ship the greeter';
export const DONE_STEP = 'Write the greeting file';
export const MCP_TODO = 'Document the greeter';
export const FORK_PROMPT = 'Try a louder greeting on a branch of this work';

export interface CodexStory {
  box: AgentSandbox;
  fake: FakeModelServer;
  install: BatonRun;
  first: ProcessResult;
  sessionsAfterFirst: StoredSession[];
  second: ProcessResult;
  secondRequests: LoggedRequest[];
  /** `codex exec fork` of the first session, after the second. */
  fork: ProcessResult;
  forkRequests: LoggedRequest[];
  sessions: StoredSession[];
  events: StoredEvent[];
  todos: StoredTodo[];
  importRun: BatonRun;
  eventsAfterImport: StoredEvent[];
  doctor: BatonRun;
  configBefore: Buffer | undefined;
  configAfterUninstall: Buffer | undefined;
  hooksAfterUninstall: Buffer | undefined;
  uninstall: BatonRun;
}

function firstScript(): Turn[] {
  const plan = (first: string) => ({
    name: 'update_plan',
    input: {
      plan: [
        { step: DONE_STEP, status: first },
        { step: OPEN_STEP, status: 'pending' },
      ],
    },
  });
  const shell = (cmd: string) => ({ name: 'exec_command', input: { cmd } });
  return [
    { tools: [plan('in_progress')] },
    { tools: [shell('echo hello-from-shell')] },
    { tools: [shell('cat no-such-file.txt')] },
    { tools: [shell("printf 'hello, world\\n' > greeting.txt")] },
    { tools: [plan('completed')] },
    { tools: [{ name: 'todo_add', namespace: 'mcp__baton', input: { content: MCP_TODO } }] },
    { text: 'The greeter is planned, checked and written.' },
  ];
}

export async function tellCodexStory(client: CodexClient): Promise<CodexStory> {
  const box = AgentSandbox.create(`codex-${client.version}`);
  const fake = await FakeModelServer.start(openaiDialect);
  const configPath = prepareCodexHome(box, codexUserConfig(fake));
  const configBefore = box.bytes(configPath);
  const env = { CODEX_HOME: join(box.home, '.codex') };
  const install = box.baton(['install', 'codex'], env);

  fake.scripted(firstScript());
  const first = await codexExec(client, box, FIRST_PROMPT);
  if (first.code !== 0) throw new Error(`codex exec (first session): ${describeRun(first)}`);
  const sessionsAfterFirst = box.sessions();

  fake.scripted([{ text: 'You were shipping the greeter.' }]);
  const mark = fake.requests.length;
  const second = await codexExec(client, box, SECOND_PROMPT);
  if (second.code !== 0) throw new Error(`codex exec (second session): ${describeRun(second)}`);
  const secondRequests = fake.mainRequests(mark);

  const parent = sessionsAfterFirst.find((s) => s.agentSessionId !== null)?.agentSessionId;
  if (!parent) throw new Error('the first Codex session was not recorded');
  fake.scripted([{ text: 'A louder greeting, on a branch.' }]);
  const forkMark = fake.requests.length;
  const fork = await codexExecFork(client, box, parent, FORK_PROMPT);
  if (fork.code !== 0) throw new Error(`codex exec fork: ${describeRun(fork)}`);
  const forkRequests = fake.mainRequests(forkMark);

  const sessions = box.sessions();
  const events = box.events();
  box.keepNote('events-before-import.json', events);
  const todos = box.todos();
  const doctor = box.baton(['doctor'], env);
  const importRun = box.baton(['import', '--json'], env);
  const eventsAfterImport = box.events();
  const uninstall = box.baton(['uninstall', 'codex'], env);
  return {
    box,
    fake,
    install,
    first,
    sessionsAfterFirst,
    second,
    secondRequests,
    fork,
    forkRequests,
    sessions,
    events,
    todos,
    importRun,
    eventsAfterImport,
    doctor,
    configBefore,
    configAfterUninstall: box.bytes(configPath),
    hooksAfterUninstall: box.bytes(join(box.home, '.codex', 'hooks.json')),
    uninstall,
  };
}
