// A separate writer process for the concurrency and crash tests: opens the store at argv[2] and
// appends events, printing each acknowledged ref on stdout as soon as its commit returned.
import { SqliteStore } from '../../src/store/index.js';

const [path, name, sessionsArg, eventsArg] = process.argv.slice(2);
const sessions = Number(sessionsArg);
const perSession = Number(eventsArg);
const store = SqliteStore.open({ path: path!, busyTimeoutMs: 30_000 });
const project = store.projects.ensure({
  key: 'path:/concurrent',
  root: '/concurrent',
  remoteUrl: null,
  name: 'concurrent',
});
for (let s = 0; s < sessions; s++) {
  const session = store.sessions.start({
    agent: 'writer',
    agentSessionId: `${name}-${s}`,
    projectId: project.id,
  });
  for (let i = 0; i < perSession; i++) {
    const ref = `${name}-${s}-${i}`;
    store.events.append([
      { sessionId: session.id, kind: 'note', text: `from ${ref}`, source: 'api', ref },
    ]);
    process.stdout.write(`${ref}\n`);
  }
}
store.close();
