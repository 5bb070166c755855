// Lint rules that guard the process boundaries (ARCHITECTURE.md): electron only in main/ and
// preload/, no Node built-ins in the renderer, and the core never reaching up into the shells.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];

const ELECTRON_MSG = 'electron may be imported only in main/ and preload/';
const NODE_MSG = 'the renderer is sandboxed: Node built-ins are not available there; go through window.api';
const CORE_MSG = 'src-core/ must not import from main/, preload/ or renderer/ (the core is shell-agnostic)';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: ELECTRON_MSG }],
  patterns: [{ group: ['electron/*'], message: ELECTRON_MSG }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', '.native/**', 'tests/lint-fixtures/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': ['error', electronOnlyInShell],
    },
  },
  {
    files: ['main/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Plain CommonJS worker scripts (the Lighter signer's worker) load with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: ELECTRON_MSG }, ...nodeBuiltins.map((name) => ({ name, message: NODE_MSG }))],
          patterns: [{ group: ['electron/*'], message: ELECTRON_MSG }],
        },
      ],
    },
  },
  {
    files: ['src-core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [
            ...electronOnlyInShell.patterns,
            { group: ['**/main/*', '**/main', '**/preload/*', '**/preload', '**/renderer/*', '**/renderer'], message: CORE_MSG },
          ],
        },
      ],
    },
  },
);
