import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

// Module boundaries. A module (src/modules/<name>) or adapter (src/adapters/<name>) is entered
// only through its index.ts, its public surface; the body's document model
// (src/modules/articles/document) has its own. Modules are domain code: they never reach up into
// the web layer or the CLI (src/web/cache, the HTTP cache they build on, is the one exception).
// Folder-level cycles, which would also catch a module importing the composition root, are
// checked by test/architecture/module-graph.test.ts.
// The admin SPA (admin/src, run in the browser) may import from src/ only what is browser-safe
// and meant for it: the document model's browser surface (editor-extensions.ts) and the admin's route table
// (src/web/admin-app/client-routes.ts). The server side of the admin (src/web/admin-app) is web.
const boundaryRules = {
  files: ['src/**/*.ts', 'admin/src/**/*.ts', 'admin/src/**/*.tsx'],
  ignores: ['**/*.test.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    'boundaries/include': ['src/**/*', 'admin/src/**/*'],
    'boundaries/elements': [
      { type: 'spa', pattern: 'admin/src/**', partialMatch: false },
      { type: 'document', pattern: 'src/modules/articles/document' },
      { type: 'admin-app', pattern: 'src/web/admin-app' },
      { type: 'module', pattern: 'src/modules/*', capture: ['name'] },
      { type: 'adapter', pattern: 'src/adapters/*', capture: ['name'] },
      { type: 'http-cache', pattern: 'src/web/cache' },
      { type: 'web', pattern: 'src/web' },
      { type: 'cli', pattern: 'src/cli' },
      { type: 'shared', pattern: 'src/*', capture: ['name'] },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      2,
      {
        default: 'allow',
        policies: [
          {
            // Another module's internals.
            disallow: {
              to: {
                element: {
                  type: 'module',
                  captured: { name: '!{{from.element.captured.name}}' },
                  fileInternalPath: '!index.ts',
                },
              },
            },
          },
          {
            // An adapter's internals, from outside that adapter.
            disallow: {
              to: {
                element: {
                  type: 'adapter',
                  captured: { name: '!{{from.element.captured.name}}' },
                  fileInternalPath: '!index.ts',
                },
              },
            },
          },
          {
            // The document model's internals, from outside the articles module.
            from: { element: { type: '!{document,spa}' } },
            disallow: { to: { element: { type: 'document', fileInternalPath: '!index.ts' } } },
          },
          {
            // The browser's door into the document model is editor-extensions.ts (index.ts brings
            // the happy-dom HTML importer along).
            from: { element: { type: 'spa' } },
            disallow: { to: { element: { type: 'document', fileInternalPath: '!editor-extensions.ts' } } },
          },
          {
            from: { element: { types: ['module', 'document'] } },
            disallow: { to: { element: { types: ['web', 'admin-app', 'cli', 'spa'] } } },
          },
          {
            // The browser bundle: no server code.
            from: { element: { type: 'spa' } },
            disallow: {
              to: { element: { types: ['module', 'adapter', 'http-cache', 'web', 'cli', 'shared'] } },
            },
          },
          {
            // ...and of the admin's server side only the route table it shares.
            from: { element: { type: 'spa' } },
            disallow: { to: { element: { type: 'admin-app', fileInternalPath: '!client-routes.ts' } } },
          },
          {
            // Nothing on the server imports the SPA's sources.
            from: {
              element: { types: ['module', 'adapter', 'http-cache', 'web', 'admin-app', 'cli', 'shared'] },
            },
            disallow: { to: { element: { type: 'spa' } } },
          },
          {
            // The HTTP cache knows nothing of the web layer's routes or the site.
            from: { element: { type: 'http-cache' } },
            disallow: { to: { element: { types: ['web', 'cli'] } } },
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'bench/.out/', '.tmp/', 'dist/', 'dist-server/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The admin SPA runs in the browser.
    files: ['admin/**/*.ts', 'admin/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  boundaryRules,
);
