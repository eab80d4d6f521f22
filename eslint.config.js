// Lint: typescript-eslint everywhere, plus the layout rules of docs/architecture.md:
// extension contexts import only *types* from each other, and src/protocol stays isomorphic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const contexts = ['inpage', 'content', 'background', 'ui'];

/** Imports of another extension context are allowed only as `import type`. */
function contextBoundary(self) {
  const others = contexts.filter((c) => c !== self);
  return {
    files: [`src/extension/${self}/**/*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: others.flatMap((c) => [`**/${c}`, `**/${c}/**`]),
              allowTypeImports: true,
              message: `src/extension/${self} may import only types from another extension context.`,
            },
            {
              group: ['**/devnet', '**/devnet/**'],
              message: 'Nothing ships code from src/devnet into the extension.',
            },
          ],
        },
      ],
    },
  };
}

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'buffer',
  'child_process',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.test-output/**',
      '.devnet/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Byte loops under noUncheckedIndexedAccess need `a[i]!`; the index is checked by the loop.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/extension/ui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...contexts.map(contextBoundary),
  {
    // The inpage provider is one small synchronous IIFE: it imports nothing but message types.
    files: ['src/extension/inpage/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./[\\w-]+$)',
              allowTypeImports: true,
              message: 'The inpage provider imports only types (and its own files).',
            },
          ],
        },
      ],
    },
  },
  {
    // src/protocol runs unchanged in the service worker, pages and Node.
    files: ['src/protocol/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.node.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['chrome', 'browser', 'window', 'document', 'localStorage', 'sessionStorage'].map(
          (name) => ({
            name,
            message: 'src/protocol is isomorphic: no browser or extension APIs.',
          }),
        ),
        { name: 'process', message: 'src/protocol is isomorphic: no Node globals.' },
        { name: 'Buffer', message: 'src/protocol is isomorphic: use Uint8Array.' },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/protocol is isomorphic: no node:* imports.' },
            {
              group: ['**/extension/**', '**/client/**', '**/devnet/**', 'webextension-polyfill'],
              message: 'src/protocol depends on nothing else in the project.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/extension/**', '**/devnet/**'],
              message: 'src/client depends only on src/protocol.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
