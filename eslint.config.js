// Lint rules of the project. The import boundaries keep the arrows one way:
// client → core, server → core, seed → core|server, scripts → server|seed|core; core imports
// neither side and nothing but the client imports the client.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const everyFolderBut = (...allowed) =>
  ['./client', './core', './server', './seed', './scripts', './tests'].filter((f) => !allowed.includes(f));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.neo4j/**', '.data/**', 'test-results/**', 'neo4j/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      // A signal handler may run before start-up assigns what it closes.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './core',
              from: everyFolderBut('./core'),
              message: 'core/ is isomorphic: it imports nothing of the client, the server, the seed or the scripts.',
            },
            {
              target: './server',
              from: ['./client', './seed', './scripts', './tests'],
              message: 'The server imports core, never the client, the seed or the scripts.',
            },
            {
              target: './seed',
              from: ['./client', './scripts', './tests'],
              message: 'The seed imports core and the server, never the client.',
            },
            {
              target: './client',
              from: ['./server', './seed', './scripts', './tests'],
              message: 'The client imports core only (types of the API live in core/schemas.ts).',
            },
            {
              target: './scripts',
              from: ['./client', './tests'],
              message: 'Scripts import the server, the seed and core, never the client.',
            },
          ],
        },
      ],
      'import-x/no-unresolved': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:|fs$|path$|crypto$|os$|child_process$|react|sigma|neo4j-driver|fastify)',
              message: 'core/ runs in the browser and in Node: no platform, UI or database modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
