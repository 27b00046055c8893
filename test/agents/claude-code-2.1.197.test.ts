// Claude Code 2.1.197 (the oldest supported), driven end to end against a fake Anthropic API.
import { describeClaudeCode } from './claude-code-suite.js';
import { describeClaudeCodeUnconnected } from './claude-code-unconnected.js';

describeClaudeCode('2.1.197', { toolSearch: false });
describeClaudeCodeUnconnected('2.1.197');
