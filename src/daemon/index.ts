// daemon: Baton's optional, independent recorder. One per user ($BATON_HOME): it drains the hook
// spool, tails every agent's transcript folders through capture's importers (their cursors are
// shared with `baton import`), takes interval checkpoints and marks crashed sessions through
// recover, and serves a local HTTP API (app.ts builds it as a value; server.ts alone listens)
// over the same operations as the CLI and MCP. daemon-control.ts is what the CLI's
// `baton daemon start|stop|status|logs` call; run-daemon.ts is the daemon process itself.
export { ROUTE_MODULES, createApp } from './app.js';
export type { RouteModule } from './app.js';
export { API_SPECS } from './api-spec.js';
export type { RouteSpec } from './api-spec.js';
export { openApiDocument } from './openapi.js';
export type { ApiWorld } from './api-world.js';
export { DEFAULT_PORT, daemonPaths } from './daemon-paths.js';
export { daemonLogTail, daemonStatus, startDaemon, stopDaemon } from './daemon-control.js';
export type { DaemonStatus, Launch, PidFile } from './daemon-control.js';
export { createRecorder } from './recorder.js';
export type { Recorder, RecorderWorld, TickReport } from './recorder.js';
export { configuredPort, runDaemon } from './run-daemon.js';
export type { DaemonExit, DaemonWorld } from './run-daemon.js';
export { ensureToken } from './token-file.js';
export { mcpEndpoint } from './mcp-endpoint.js';
export { installService, serviceFile, uninstallService } from './service-file.js';
export type { ServiceChange, ServiceFile, ServiceWorld } from './service-file.js';
export { autostartDaemon } from './daemon-autostart.js';
export { daemonChecks } from './daemon-checks.js';
