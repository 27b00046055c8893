// Starts one PostgreSQL for the whole test run (or takes the one BATON_TEST_PG_URL names) and hands
// its address to the suites. A run that selects only files outside sync does not start it.
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from './embedded-server.js';
import type { TestServer } from './embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server; empty when none could start (see batonPgWhyNot). */
    batonPgUrl: string;
    batonPgWhyNot: string;
  }
}

/** File filters on the command line (`vitest run a.test.ts b`) that leave sync out. */
function syncLeftOut(argv: readonly string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch');
  return filters.length > 0 && !filters.some((f) => /sync|postgres/.test(f));
}

let server: TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.BATON_TEST_PG_URL;
  if (given) {
    project.provide('batonPgUrl', given);
    project.provide('batonPgWhyNot', '');
    return;
  }
  if (syncLeftOut(process.argv)) {
    project.provide('batonPgUrl', '');
    project.provide('batonPgWhyNot', 'no sync test file was selected');
    return;
  }
  try {
    server = await startEmbeddedServer();
    project.provide('batonPgUrl', server.url);
    project.provide('batonPgWhyNot', '');
  } catch (error) {
    project.provide('batonPgUrl', '');
    project.provide('batonPgWhyNot', error instanceof Error ? error.message : String(error));
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
