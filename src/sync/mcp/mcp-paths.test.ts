import { describe, expect, it } from 'vitest';
import { localEntry, missingProjects, pathMap, portableEntry } from './mcp-paths.js';

describe('MCP entry paths', () => {
  const a = pathMap('/home/ann', [
    { key: 'github.com/acme/app', root: '/home/ann/code/app' },
    { key: 'github.com/acme/app', root: '/mnt/old/app' },
  ]);
  const b = pathMap('/Users/bo', [{ key: 'github.com/acme/app', root: '/srv/app' }]);

  it('names folders by placeholder, a project before the home folder it sits in', () => {
    const entry = {
      command: '/home/ann/.local/bin/x',
      args: ['--root=/home/ann/code/app/docs', '/mnt/old/app', '/home/annex/not-mine', '/home/ann'],
      env: { PATHS: '/home/ann/a:/home/ann/code/app' },
      cwd: 'relative/stays',
    };
    const portable = portableEntry(entry, a);
    expect(portable).toEqual({
      command: '${baton:home}/.local/bin/x',
      args: [
        '--root=${baton:project:github.com/acme/app}/docs',
        '${baton:project:github.com/acme/app}',
        '/home/annex/not-mine',
        '${baton:home}',
      ],
      env: { PATHS: '${baton:home}/a:${baton:project:github.com/acme/app}' },
      cwd: 'relative/stays',
    });
    expect(localEntry(portable, b)).toEqual({
      command: '/Users/bo/.local/bin/x',
      args: ['--root=/srv/app/docs', '/srv/app', '/home/annex/not-mine', '/Users/bo'],
      env: { PATHS: '/Users/bo/a:/srv/app' },
      cwd: 'relative/stays',
    });
    // Back on the first machine, the project's first folder.
    expect(localEntry(portable, a)).toMatchObject({
      args: [
        '--root=/home/ann/code/app/docs',
        '/home/ann/code/app',
        '/home/annex/not-mine',
        '/home/ann',
      ],
    });
  });

  it('says which projects an entry needs that a machine does not have', () => {
    const portable = portableEntry({ command: '/home/ann/code/app/run' }, a);
    expect(missingProjects(portable, b)).toEqual([]);
    expect(missingProjects(portable, pathMap('/home/c', []))).toEqual(['github.com/acme/app']);
  });
});
