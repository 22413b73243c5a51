// Lint rules, chiefly the boundaries between the sides of the app (as Bitwarden and VS Code do):
// shared/ runs everywhere, the renderer never reaches into Node, and only electron/main and
// electron/preload may load the Electron package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'dns', 'tls', 'stream', 'util', 'url', 'zlib', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Stripping control characters from hostile banners and command output is deliberate.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node built-ins.' },
        { group: ['electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports only shared/ and pure libraries.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'The renderer never touches Node: go through the API client.' },
        { group: ['electron', '**/electron/**'], message: 'The renderer talks to the main side only through renderer/src/api.' },
      ] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: "Only electron/main and electron/preload import 'electron'; everything else must run under the browser host and the CLI." },
        { group: ['**/renderer/**'], message: 'The main side never imports the renderer.' },
      ] }],
    },
  },
  {
    // Several processes share one database: every write transaction must take the write lock
    // when it begins, or it fails at once with "database is locked" instead of waiting.
    files: ['electron/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['electron/db/write-transaction.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='transaction']",
        message: 'Use writeTransaction(db, work) from electron/db/write-transaction.ts: it begins IMMEDIATE and waits on a busy database.',
      }],
    },
  },
  {
    files: ['electron/db/migrations/**/*.ts'],
    ignores: ['electron/db/migrations/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '../../*'], message: 'Migrations import no application code, so they stay valid as the code moves.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
  },
);
