// operations: every action a person or an agent can take on Baton's memory, once. Each is a
// function of the world it needs (the store, the clock, the environment's session, git — see
// OpsWorld) and plain input, returning plain records; the rules live here — validation, which
// session an action means, the automatic checkpoint a change calls for — so that each face (the
// CLI, the MCP server, later the daemon's HTTP API) only parses, calls and presents.
export { projectActivity } from './activity.js';
export type { ActivityReport } from './activity.js';
export type { AutoTrigger } from './checkpoint-triggers.js';
export {
  compareCheckpoints,
  listCheckpoints,
  pruneCheckpoints,
  restoreCheckpoint,
  showCheckpoint,
  takeCheckpoint,
} from './checkpoints.js';
export { listComponents, setComponent } from './components.js';
export { findDecision, listDecisions, recordDecision, updateDecision } from './decisions.js';
export type { RecordedDecision } from './decisions.js';
export { backupStore } from './backup.js';
export type { BackupResult } from './backup.js';
export { withHint } from './face-hints.js';
export { logEvent } from './events.js';
export { getFact, listFacts, setFact, unsetFact } from './facts.js';
export { nextBriefs } from './next-brief.js';
export type { NextBrief } from './next-brief.js';
export { pruneByRetention } from './retention.js';
export type { PruneResult } from './retention.js';
export { endSession, startSession } from './sessions.js';
export { SETTINGS, settingSpec, settingValue } from './settings.js';
export {
  addTodo,
  blockTodo,
  cancelTodo,
  completeTodo,
  findTodo,
  listTodos,
  removeTodo,
  startTodo,
  updateTodo,
} from './todos.js';
export type { TodoChange, UpdateTodoInput } from './todos.js';
export { whichSession, writingSession } from './which-session.js';
export type { WhichSessionOptions } from './which-session.js';
export type { OpsWorld } from './world.js';
