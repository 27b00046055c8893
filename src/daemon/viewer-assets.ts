// The viewer's built files (`npm run build` writes them to dist/web). Found beside the bundled
// CLI (dist/cli.js and its chunks sit in dist/), or from the sources at ../../dist/web;
// BATON_UI_DIR names another folder. Only names the build writes are served: no path climbs out.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function assetsDir(env: NodeJS.ProcessEnv): string | null {
  const candidates = [
    env.BATON_UI_DIR,
    fileURLToPath(new URL('./web/', import.meta.url)),
    fileURLToPath(new URL('../../dist/web/', import.meta.url)),
  ];
  return candidates.find((dir) => dir && existsSync(join(dir, 'index.html'))) ?? null;
}

export interface Asset {
  body: Buffer;
  type: string;
}

/** `name` is a file of the build (`index.html`, `assets/<hashed name>`), or null. */
export function readAsset(dir: string, name: string): Asset | null {
  const parts = name.split('/');
  if (parts.length > 2 || !parts.every((p) => SAFE_NAME.test(p))) return null;
  if (parts.length === 2 && parts[0] !== 'assets') return null;
  const type = TYPES[extname(name)];
  if (!type) return null;
  try {
    return { body: readFileSync(join(dir, ...parts)), type };
  } catch {
    return null;
  }
}
