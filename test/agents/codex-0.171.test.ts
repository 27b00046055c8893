// Codex CLI 0.171, driven end to end against a fake OpenAI Responses API.
import { describeCodex } from './codex-suite.js';
import { describeCodexTrust } from './codex-trust-suite.js';
import { describeCodexTui } from './codex-tui-suite.js';

describeCodex('0.171');
describeCodexTrust('0.171');
describeCodexTui('0.171');
