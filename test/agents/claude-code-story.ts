// One story told to the genuine Claude Code with Baton installed, shared by the suites of each
// pinned version: a planning session that runs tools (one fails), edits a file, calls Baton's MCP
// server and spawns a subagent; `claude mcp list`; a second session that must open with a brief
// of the first; `baton import` afterwards; uninstall. What each step left behind is kept for the
// suite's assertions.
import { join } from 'node:path';
import { anthropicDialect, anthropicRequestText } from './fake-model/anthropic-dialect.js';
import { FakeModelServer } from './fake-model/server.js';
import type { LoggedRequest, Turn } from './fake-model/turns.js';
import {
  claudeCommand,
  claudeInteractive,
  claudePrint,
  INTERACTIVE_PROMPT,
  prepareClaudeHome,
} from './clients/claude-code-client.js';
import type { ClaudeClient } from './clients/claude-code-client.js';
import { AgentSandbox } from './harness/agent-sandbox.js';
import type { BatonRun, StoredEvent, StoredSession, StoredTodo } from './harness/agent-sandbox.js';
import { describeRun } from './harness/run-process.js';
import type { ProcessResult } from './harness/run-process.js';

export const FIRST_PROMPT = 'Plan the greeter, run its checks, then write greeting.txt';
export const SECOND_PROMPT = 'What was I doing? Carry on';
export const SUBAGENT_PROMPT = 'Check that greeting.txt greets the world';
export const OPEN_TASK = 'Ship the greeter';
export const DONE_TASK = 'Write the greeting file';
export const MCP_TODO = 'Document the greeter';
export const FORK_PROMPT = 'Try another wording in a fork';

export interface ClaudeStory {
  box: AgentSandbox;
  fake: FakeModelServer;
  install: BatonRun;
  first: ProcessResult;
  firstRequests: LoggedRequest[];
  sessionsAfterFirst: StoredSession[];
  mcpList: ProcessResult;
  sessionsAfterMcpList: StoredSession[];
  second: ProcessResult;
  secondRequests: LoggedRequest[];
  /** `claude -p --resume <first session> --fork-session`, after the second session. */
  fork: ProcessResult;
  forkRequests: LoggedRequest[];
  sessions: StoredSession[];
  events: StoredEvent[];
  todos: StoredTodo[];
  importRun: BatonRun;
  eventsAfterImport: StoredEvent[];
  settingsBefore: Buffer | undefined;
  settingsAfterUninstall: Buffer | undefined;
  uninstall: BatonRun;
}

const isSubagent = (r: LoggedRequest) => firstUserText(r).includes(SUBAGENT_PROMPT);
const main = (turn: Turn): Turn => ({ ...turn, when: (r) => !isSubagent(r) });

/** The first session's script; `toolSearch` when the version defers its Task and MCP tools. */
function firstScript(box: AgentSandbox, toolSearch: boolean): Turn[] {
  const file = join(box.project, 'greeting.txt');
  const task = (subject: string) => ({
    name: 'TaskCreate',
    input: { subject, description: subject },
  });
  const turns: Turn[] = [
    { tools: [task(DONE_TASK), task(OPEN_TASK)] },
    { tools: [{ name: 'TaskUpdate', input: { taskId: '1', status: 'in_progress' } }] },
    { tools: [{ name: 'Bash', input: { command: 'echo hello-from-bash', description: 'greet' } }] },
    { tools: [{ name: 'Bash', input: { command: 'cat no-such-file.txt', description: 'fail' } }] },
    { tools: [{ name: 'Write', input: { file_path: file, content: 'hello\n' } }] },
    {
      tools: [
        {
          name: 'Edit',
          input: { file_path: file, old_string: 'hello', new_string: 'hello, world' },
        },
      ],
    },
    { tools: [{ name: 'TaskUpdate', input: { taskId: '1', status: 'completed' } }] },
    { tools: [{ name: 'mcp__baton__todo_add', input: { content: MCP_TODO } }] },
    {
      tools: [
        {
          name: 'Agent',
          input: {
            description: 'Check the greeting',
            prompt: SUBAGENT_PROMPT,
            subagent_type: 'general-purpose',
          },
        },
      ],
    },
    { text: 'The greeter is planned, checked and written.' },
  ].map(main);
  if (toolSearch) {
    const query = 'select:TaskCreate,TaskUpdate,mcp__baton__todo_add';
    turns.unshift(main({ tools: [{ name: 'ToolSearch', input: { query } }] }));
  }
  turns.push({ when: isSubagent, text: 'greeting.txt says hello, world.' });
  return turns;
}

export async function tellClaudeStory(
  client: ClaudeClient,
  toolSearch: boolean,
): Promise<ClaudeStory> {
  const box = AgentSandbox.create(`claude-${client.version}`);
  const fake = await FakeModelServer.start(anthropicDialect);
  prepareClaudeHome(box);
  const settingsPath = join(box.home, '.claude', 'settings.json');
  const settingsBefore = box.bytes(settingsPath);
  const install = box.baton(['install', 'claude-code']);

  fake.scripted(firstScript(box, toolSearch));
  let mark = fake.requests.length;
  const first = await claudePrint(client, box, fake, FIRST_PROMPT);
  if (first.code !== 0) throw new Error(`claude -p (first session): ${describeRun(first)}`);
  const firstRequests = fake.mainRequests(mark);
  const sessionsAfterFirst = box.sessions();

  const mcpList = await claudeCommand(client, box, fake, ['mcp', 'list']);
  const sessionsAfterMcpList = box.sessions();

  fake.scripted([{ text: 'You were shipping the greeter.' }]);
  mark = fake.requests.length;
  const second = await claudePrint(client, box, fake, SECOND_PROMPT);
  if (second.code !== 0) throw new Error(`claude -p (second session): ${describeRun(second)}`);
  const secondRequests = fake.mainRequests(mark);

  const parent = sessionsAfterFirst.find((x) => x.parentId === null)?.agentSessionId;
  fake.scripted([{ text: 'Forked.' }]);
  mark = fake.requests.length;
  const fork = await claudePrint(client, box, fake, FORK_PROMPT, [
    '--resume',
    String(parent),
    '--fork-session',
  ]);
  if (fork.code !== 0) throw new Error(`claude -p --fork-session: ${describeRun(fork)}`);
  const forkRequests = fake.mainRequests(mark);

  fake.scripted([{ text: 'Hello from the terminal.' }]);
  await claudeInteractive(client, box, fake, INTERACTIVE_PROMPT, 'Hello from the terminal.');

  const sessions = box.sessions();
  const events = box.events();
  box.keepNote('events-before-import.json', events);
  const todos = box.todos();
  const importRun = box.baton(['import', '--json']);
  const eventsAfterImport = box.events();
  box.keepNote('events-after-import.json', eventsAfterImport);
  const uninstall = box.baton(['uninstall', 'claude-code']);
  const settingsAfterUninstall = box.bytes(settingsPath);
  return {
    box,
    fake,
    install,
    first,
    firstRequests,
    sessionsAfterFirst,
    mcpList,
    sessionsAfterMcpList,
    second,
    secondRequests,
    fork,
    forkRequests,
    sessions,
    events,
    todos,
    importRun,
    eventsAfterImport,
    settingsBefore,
    settingsAfterUninstall,
    uninstall,
  };
}

/** The text of the request's first user message (a subagent's starts with its prompt). */
export function firstUserText(request: LoggedRequest): string {
  const messages =
    (request.body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const firstUser = messages.find((m) => m.role === 'user');
  if (!firstUser) return '';
  return anthropicRequestText({ ...request, body: { messages: [firstUser] } });
}

/** The brief Claude Code handed the model: the SessionStart context message of a request. */
export function briefIn(request: LoggedRequest): string | undefined {
  const marker = 'SessionStart hook additional context: ';
  const text = anthropicRequestText(request);
  const at = text.indexOf(marker);
  return at < 0 ? undefined : text.slice(at + marker.length);
}
