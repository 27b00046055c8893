#!/usr/bin/env node
// Tiny launcher: turn on Node's compile cache where it exists (Node ≥ 22.1), then load the bundle.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');
