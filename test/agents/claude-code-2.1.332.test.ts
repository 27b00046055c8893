// Claude Code 2.1.332 (the newest supported), driven end to end against a fake Anthropic API.
// It defers the Task and MCP tools behind ToolSearch in print mode.
import { describeClaudeCode } from './claude-code-suite.js';
import { describeClaudeCodeUnconnected } from './claude-code-unconnected.js';

describeClaudeCode('2.1.332', { toolSearch: true });
describeClaudeCodeUnconnected('2.1.332');
