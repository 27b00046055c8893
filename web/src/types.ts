// The shapes the daemon's API answers with (the published `--json` shapes; see `baton schema`),
// as far as the viewer reads them.
export interface Project {
  id: string;
  key: string;
  root: string;
  name: string;
  createdAt: string;
}

export interface Session {
  id: string;
  handle: string;
  agent: string;
  projectId: string | null;
  status: 'active' | 'ended' | 'crashed';
  startedAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  title: string | null;
  parentId: string | null;
  parentKind: string | null;
  gitBranch: string | null;
  eventCount: number;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface BatonEvent {
  seq: number;
  id: string;
  sessionId: string;
  ts: string;
  kind: string;
  role: string | null;
  tool: string | null;
  text: string | null;
  data: JsonObject | null;
  source: string;
}

export interface Todo {
  id: string;
  number: number;
  content: string;
  status: 'pending' | 'in_progress' | 'completed' | 'blocked' | 'cancelled';
  priority: string | null;
  component: string | null;
  blockedReason: string | null;
  updatedAt: string;
}

export interface Decision {
  id: string;
  number: number;
  decision: string;
  reasoning: string | null;
  outcome: string | null;
  status: string;
  supersededBy?: string | null;
  files: string[];
  createdAt: string;
}

export interface Fact {
  key: string;
  value: Json;
  category: string | null;
  priority: string;
  scope: string;
  expiresAt: string | null;
  expired: boolean;
  updatedAt: string;
}

export interface Component {
  name: string;
  status: string;
  health: number | null;
  metadata: JsonObject;
  lastChecked: string;
}

export interface Checkpoint {
  id: string;
  handle: string;
  sessionId: string;
  label: string | null;
  trigger: string;
  journalSeq: number;
  gitBranch: string | null;
  gitHead: string | null;
  size: number;
  createdAt: string;
}

export interface SearchHit {
  score: number;
  session: { id: string; handle: string; agent: string } | null;
  event: {
    seq: number;
    kind: string;
    tool: string | null;
    ts: string;
    snippet: string;
    highlights: [number, number][];
  } | null;
  record: {
    kind: string;
    number: number | null;
    status: string;
    ts: string;
    snippet: string;
    highlights: [number, number][];
  } | null;
}
