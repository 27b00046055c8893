// Every tool the server offers, in the order clients list them.
import type { BatonTool } from '../tool.js';
import { checkpointCreateTool } from './checkpoint-create.js';
import { checkpointListTool } from './checkpoint-list.js';
import { checkpointRestoreTool } from './checkpoint-restore.js';
import { componentListTool } from './component-list.js';
import { componentSetTool } from './component-set.js';
import { contextGetTool } from './context-get.js';
import { contextListTool } from './context-list.js';
import { contextSetTool } from './context-set.js';
import { decisionListTool } from './decision-list.js';
import { decisionRecordTool } from './decision-record.js';
import { getSessionTool } from './get-session.js';
import { listSessionsTool } from './list-sessions.js';
import { logEventTool } from './log-event.js';
import { resumeBriefTool } from './resume-brief.js';
import { searchTool } from './search.js';
import { timelineTool } from './timeline.js';
import { todoAddTool } from './todo-add.js';
import { todoListTool } from './todo-list.js';
import { todoUpdateTool } from './todo-update.js';

export const ALL_TOOLS = [
  resumeBriefTool,
  searchTool,
  listSessionsTool,
  getSessionTool,
  timelineTool,
  checkpointCreateTool,
  checkpointListTool,
  checkpointRestoreTool,
  todoListTool,
  todoAddTool,
  todoUpdateTool,
  decisionRecordTool,
  decisionListTool,
  contextSetTool,
  contextGetTool,
  contextListTool,
  componentSetTool,
  componentListTool,
  logEventTool,
] as unknown as readonly BatonTool[];
