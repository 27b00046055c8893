// Names hooks share: the capture-log source of an agent's hooks and where failures are logged.
// Kept free of imports so any module can use them without an import cycle.
import { join } from 'node:path';

export const hookLogPath = (home: string) => join(home, 'logs', 'hooks.log');
export const hookSource = (agent: string) => `hook:${agent}`;
