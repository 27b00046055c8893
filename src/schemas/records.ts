// The published `--json` shapes of Baton's records: what scripts, the MCP server and the web
// viewer read. Times are ISO-8601 strings; absent values are null, never missing. Changing a
// shape is a breaking change: add fields, do not rename or remove them.
import { z } from 'zod';
import {
  DECISION_STATUSES,
  EVENT_KINDS,
  EVENT_SOURCES,
  FACT_PRIORITIES,
  SESSION_STATUSES,
  TODO_PRIORITIES,
  TODO_STATUSES,
} from '../core/index.js';

const time = z.iso.datetime().describe('ISO-8601 time, UTC');
const nullableTime = time.nullable();
const stamp = {
  machineId: z.string().describe('the machine that last wrote the record'),
  hlc: z.string().describe('hybrid logical clock stamp of the last write'),
};

export const projectShape = z
  .object({
    id: z.string(),
    key: z.string().describe('stable identity: git:<remote>, git-local:<path> or path:<path>'),
    root: z.string(),
    remoteUrl: z.string().nullable(),
    name: z.string(),
    createdAt: time,
    ...stamp,
  })
  .describe('A project: a working folder identified across worktrees, clones and machines');

export const sessionShape = z
  .object({
    id: z.string().describe('ULID'),
    handle: z.string().regex(/^SESSION-\d{6}-\d{3,}$/),
    agent: z.string(),
    agentSessionId: z.string().nullable().describe("the agent's own session id"),
    projectId: z.string().nullable(),
    cwd: z.string().nullable(),
    gitBranch: z.string().nullable(),
    gitHeadStart: z.string().nullable(),
    gitHeadEnd: z.string().nullable(),
    status: z.enum(SESSION_STATUSES),
    startedAt: time,
    lastActivityAt: time,
    endedAt: nullableTime,
    endReason: z.string().nullable(),
    title: z.string().nullable(),
    parentId: z.string().nullable(),
    parentKind: z.string().nullable(),
    eventCount: z.number().int(),
    ...stamp,
  })
  .describe('One agent run');

export const eventShape = z
  .object({
    seq: z.number().int().describe('journal position'),
    id: z.string(),
    sessionId: z.string(),
    ts: time,
    kind: z.enum(EVENT_KINDS),
    role: z.string().nullable(),
    tool: z.string().nullable(),
    text: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    source: z.enum(EVENT_SOURCES),
    ref: z.string().nullable(),
    ...stamp,
  })
  .describe('One immutable thing that happened in a session');

export const todoShape = z
  .object({
    id: z.string(),
    projectId: z.string(),
    number: z.number().int().describe('per-project number, as typed on the command line'),
    content: z.string(),
    status: z.enum(TODO_STATUSES),
    activeForm: z.string().nullable(),
    priority: z.enum(TODO_PRIORITIES).nullable(),
    component: z.string().nullable(),
    blockedReason: z.string().nullable(),
    externalKey: z.string().nullable(),
    originSessionId: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
    startedAt: nullableTime,
    completedAt: nullableTime,
    ...stamp,
  })
  .describe('A unit of planned work, scoped to a project');

export const decisionShape = z
  .object({
    id: z.string(),
    projectId: z.string(),
    number: z.number().int(),
    decision: z.string(),
    reasoning: z.string().nullable(),
    outcome: z.string().nullable(),
    status: z.enum(DECISION_STATUSES),
    files: z.array(z.string()),
    sessionId: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
    ...stamp,
  })
  .describe('A choice and its reason');

export const contextFactShape = z
  .object({
    id: z.string(),
    scope: z.enum(['global', 'project']),
    projectId: z.string().nullable(),
    key: z.string(),
    value: z.unknown().describe('any JSON value'),
    category: z.string().nullable(),
    priority: z.enum(FACT_PRIORITIES),
    expiresAt: nullableTime,
    expired: z.boolean(),
    sessionId: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
    ...stamp,
  })
  .describe('A durable fact the agent must always know');

export const componentShape = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    status: z.string(),
    health: z.number().int().min(0).max(100).nullable(),
    lastChecked: time,
    metadata: z.record(z.string(), z.unknown()),
    updatedAt: time,
    ...stamp,
  })
  .describe('Health of a part of the user’s system');

export const checkpointShape = z
  .object({
    id: z.string(),
    handle: z.string().regex(/^RECOVERY-SESSION-\d{6}-\d{3,}-\d{6}(-\d+)?$/),
    sessionId: z.string(),
    projectId: z.string().nullable(),
    label: z.string().nullable(),
    trigger: z.string(),
    journalSeq: z.number().int(),
    gitHead: z.string().nullable(),
    gitBranch: z.string().nullable(),
    gitDirty: z.array(z.string()),
    size: z.number().int().describe('compressed bytes'),
    createdAt: time,
    ...stamp,
  })
  .describe('A consistent, compressed snapshot to resume from');
