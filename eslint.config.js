// Type-aware lint for the whole package; generated files stay out.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The import graph of src/ (docs/ARCHITECTURE.md draws it). Each part lists the parts it may
// import; any other part is off limits. Whatever it may import, it reaches only through that
// part's door, index.ts: a file elsewhere never names another part's inner files.
// Everything below the operations layer, which the operations and every face may use.
const BELOW_OPERATIONS = [
  'core',
  'store',
  'git',
  'schemas',
  'wire',
  'search',
  'recover',
  'capture',
  'doctor',
  'sync',
];
const MAY_IMPORT = {
  core: [],
  store: ['core'],
  git: ['core'],
  schemas: ['core'],
  // The `--json` mappers follow the published shapes and the records of search and doctor.
  wire: ['core', 'schemas', 'search', 'doctor'],
  search: ['core', 'store'],
  sync: ['core', 'store'],
  recover: ['core', 'store', 'git', 'schemas'],
  capture: ['core', 'store', 'git', 'schemas', 'wire'],
  doctor: ['core', 'store', 'git'],
  operations: BELOW_OPERATIONS,
  // The faces: MCP never imports the CLI; the CLI starts the MCP server through its door.
  mcp: [...BELOW_OPERATIONS, 'operations'],
  // The daemon is one more face: its HTTP API and its MCP endpoint over the same operations.
  daemon: [...BELOW_OPERATIONS, 'operations', 'mcp'],
  cli: [...BELOW_OPERATIONS, 'operations', 'mcp', 'daemon'],
};
const PARTS = Object.keys(MAY_IMPORT);

/**
 * Import rules for the files of `part` that sit `depth` folders below src/<part>/ (0: at its top),
 * written as patterns on relative paths: a path climbs depth + 1 folders to reach src/. `files`
 * narrows them to some of those files; `doors` names further files (e.g. 'store/paths.js') that
 * those may import besides the doors.
 */
function importRules(part, depth, files = [`src/${part}/${'*/'.repeat(depth)}*.ts`], doors = []) {
  const up = '(\\.\\./)'.repeat(depth + 1);
  const otherDoors = doors.map((d) => `(?!${d.replace(/\./g, '\\.')}$)`).join('');
  const banned = PARTS.filter((p) => p !== part && !MAY_IMPORT[part].includes(p));
  const patterns = [
    {
      // Tests may share another part's test samples (`*.test.js`, `*.fixture.js`), nothing else.
      regex: `^${up}${otherDoors}(${PARTS.join('|')})/(?!index\\.js$)(?!.*\\.(test|fixture)\\.js$)`,
      message: "reach another part only through its door, '<part>/index.js'",
    },
  ];
  if (banned.length) {
    patterns.push({
      regex: `^${up}(${banned.join('|')})(/|$)`,
      message: `${part} imports ${MAY_IMPORT[part].length ? `only ${MAY_IMPORT[part].join(', ')}` : 'nothing of ours'} (see docs/ARCHITECTURE.md)`,
    });
  }
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}
const layerRules = PARTS.flatMap((part) => [0, 1, 2, 3].map((depth) => importRules(part, depth)));
// One deliberate second door: the hook's hot path (src/cli/hook/) runs on every tool call of an
// agent from a small CommonJS bundle that must not load SQLite or node:crypto, which the store's
// door brings. It finds $BATON_HOME through store/paths.ts, which imports only node:path and
// env-paths (src/cli/hook/hook-entry.test.ts pins what the bundle loads).
layerRules.push(importRules('cli', 1, ['src/cli/hook/*.ts'], ['store/paths.js']));
// `baton search`'s small entry (src/cli/search-entry/search-entry.ts) finds its code cache in
// $BATON_HOME the same way, before it loads the store.
layerRules.push(
  importRules('cli', 1, ['src/cli/search-entry/search-entry.ts'], ['store/paths.js']),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'schemas/', '.baton-bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'bin/*.js',
            'scripts/*.mjs',
            'bench/*.mjs',
            'web/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
  {
    // The store is the seam: SQL is written in src/store (and search's ranking in src/search);
    // everyone else asks the Store interface's named reads. Tests may look at the tables.
    files: ['src/**/*.ts'],
    // src/sync/postgres speaks to the remote PostgreSQL vault: its SQL is the vault's, not the store's.
    ignores: ['src/store/**', 'src/search/**', 'src/sync/postgres/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'no SQL outside src/store: add a named read to the Store interface (src/store/store.ts)',
        },
      ],
    },
  },
  {
    // The web viewer (web/src) runs in the browser and reaches the daemon only over HTTP: it
    // never imports Baton's Node parts (they would drag Node built-ins into the bundle).
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+src/', message: 'the viewer talks to the daemon over HTTP only' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The launcher is CommonJS (bin/package.json): see bin/baton.js for why.
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
