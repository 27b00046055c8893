// Claude Code as a CaptureAdapter: the transcripts it leaves under ~/.claude/projects, the hooks
// it runs, the settings file that registers them, and their health.
import type { CaptureAdapter } from '../adapter.js';
import { discoverTranscripts } from './discover.js';
import { handleClaudeHook } from './hook-handler.js';
import { importClaudeTranscript } from './import-transcript.js';
import { claudeInstaller } from './installer.js';
import { AGENT } from './refs.js';
import { claudeRetention } from './retention.js';
import { claudeCodeStatus } from './status.js';

export const claudeCode: CaptureAdapter = {
  agent: AGENT,
  title: 'Claude Code',
  transcripts: { discover: discoverTranscripts, importFile: importClaudeTranscript },
  installer: claudeInstaller(),
  hook: handleClaudeHook,
  status: claudeCodeStatus,
  retention: claudeRetention,
};
