// Codex CLI 0.171, driven end to end against a fake OpenAI Responses API.
import { describeCodex } from './codex-suite.js';

describeCodex('0.171');
