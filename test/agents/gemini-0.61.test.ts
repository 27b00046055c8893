// Gemini CLI 0.61, driven end to end against a fake Gemini API.
import { describeGemini } from './gemini-suite.js';

describeGemini('0.61');
