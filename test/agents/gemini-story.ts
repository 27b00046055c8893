// One story told to the genuine Gemini CLI with Baton installed: a session that plans with
// `write_todos`, runs a command that succeeds and one that fails, writes and edits a file and
// calls Baton's MCP server; a second session that must open with a brief of the first; `baton
// import` afterwards; uninstall.
import { join } from 'node:path';
import { geminiChats, geminiPrompt, prepareGeminiHome } from './clients/gemini-client.js';
import { readFileSync } from 'node:fs';
import type { GeminiClient } from './clients/gemini-client.js';
import { geminiDialect } from './fake-model/gemini-dialect.js';
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

export interface GeminiStory {
  box: AgentSandbox;
  fake: FakeModelServer;
  install: BatonRun;
  first: ProcessResult;
  firstRequests: LoggedRequest[];
  sessionsAfterFirst: StoredSession[];
  second: ProcessResult;
  secondRequests: LoggedRequest[];
  /** `gemini --session-file <first chat>`: a new session from a copy of the first one. */
  fork: ProcessResult;
  forkRequests: LoggedRequest[];
  sessions: StoredSession[];
  events: StoredEvent[];
  todos: StoredTodo[];
  checkpoints: BatonRun;
  importRun: BatonRun;
  eventsAfterImport: StoredEvent[];
  settingsBefore: Buffer | undefined;
  settingsAfterUninstall: Buffer | undefined;
  uninstall: BatonRun;
}

function firstScript(box: AgentSandbox): Turn[] {
  const file = join(box.project, 'greeting.txt');
  const todos = (first: string) => ({
    name: 'write_todos',
    input: {
      todos: [
        { description: DONE_STEP, status: first },
        { description: OPEN_STEP, status: 'pending' },
      ],
    },
  });
  const shell = (command: string) => ({ name: 'run_shell_command', input: { command } });
  return [
    { tools: [todos('in_progress')] },
    { tools: [shell('echo hello-from-shell')] },
    { tools: [shell('cat no-such-file.txt')] },
    { tools: [{ name: 'write_file', input: { file_path: file, content: 'hello\n' } }] },
    {
      tools: [
        {
          name: 'replace',
          input: {
            file_path: file,
            old_string: 'hello',
            new_string: 'hello, world',
            instruction: 'greet the world',
          },
        },
      ],
    },
    { tools: [todos('completed')] },
    { tools: [{ name: 'mcp_baton_todo_add', input: { content: MCP_TODO } }] },
    { text: 'The greeter is planned, checked and written.' },
  ];
}

export async function tellGeminiStory(client: GeminiClient): Promise<GeminiStory> {
  const box = AgentSandbox.create(`gemini-${client.version}`);
  const fake = await FakeModelServer.start(geminiDialect);
  const settingsPath = prepareGeminiHome(box);
  const settingsBefore = box.bytes(settingsPath);
  const install = box.baton(['install', 'gemini']);

  fake.scripted(firstScript(box));
  let mark = fake.requests.length;
  const first = await geminiPrompt(client, box, fake, FIRST_PROMPT);
  if (first.code !== 0) throw new Error(`gemini -p (first session): ${describeRun(first)}`);
  const firstRequests = fake.mainRequests(mark);
  const sessionsAfterFirst = box.sessions();

  fake.scripted([{ text: 'You were shipping the greeter.' }]);
  mark = fake.requests.length;
  const second = await geminiPrompt(client, box, fake, SECOND_PROMPT);
  if (second.code !== 0) throw new Error(`gemini -p (second session): ${describeRun(second)}`);
  const secondRequests = fake.mainRequests(mark);

  // The second session's chat quotes the first prompt too (in its brief): the first session's is
  // the one without the second prompt. Which comes first in the folder differs between Node versions.
  const parentChat = geminiChats(box).find((f) => {
    const text = readFileSync(f, 'utf8');
    return text.includes(FIRST_PROMPT) && !text.includes(SECOND_PROMPT);
  });
  if (!parentChat) throw new Error('Gemini wrote no chat file for the first session');
  fake.scripted([{ text: 'A louder greeting, on a branch.' }]);
  mark = fake.requests.length;
  const fork = await geminiPrompt(client, box, fake, FORK_PROMPT, ['--session-file', parentChat]);
  if (fork.code !== 0) throw new Error(`gemini --session-file: ${describeRun(fork)}`);
  const forkRequests = fake.mainRequests(mark);
  box.keepNote('fork-requests.json', forkRequests);

  const sessions = box.sessions();
  const events = box.events();
  box.keepNote('events-before-import.json', events);
  const todos = box.todos();
  const checkpoints = box.baton(['checkpoint', 'list', '--json']);
  const importRun = box.baton(['import', '--json']);
  const eventsAfterImport = box.events();
  const uninstall = box.baton(['uninstall', 'gemini']);
  return {
    box,
    fake,
    install,
    first,
    firstRequests,
    sessionsAfterFirst,
    second,
    secondRequests,
    fork,
    forkRequests,
    sessions,
    events,
    todos,
    checkpoints,
    importRun,
    eventsAfterImport,
    settingsBefore,
    settingsAfterUninstall: box.bytes(settingsPath),
    uninstall,
  };
}
