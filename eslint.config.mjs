// Lint rules that guard the process boundaries (ARCHITECTURE.md): electron only in main/ and
// preload/, no Node built-ins in the renderer, and the core never reaching up into the shells.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];

const ELECTRON_MSG = 'electron may be imported only in main/ and preload/';
const NODE_MSG = 'the renderer is sandboxed: Node built-ins are not available there; go through window.api';
const CORE_MSG = 'src-core/ must not import from main/, preload/ or renderer/ (the core is shell-agnostic)';

// Layers of src-core (docs/ARCHITECTURE.md, "Layer rules"): each may import only the layers
// listed here; anything else under src-core/ is refused. `portTypes`: the venue port
// (venues/port.ts) for type imports only; `port`: the venue port, values too, and nothing else of
// venues/. `types`: layers that may be imported for their types only. host/ (the composition
// root) may import everything; api/, config/, telemetry/, secrets/ are not ruled yet.
const LAYERS = ['api', 'config', 'domain', 'execution', 'host', 'ledger', 'market', 'reconcile', 'risk', 'secrets', 'store', 'strategy', 'telemetry', 'venues'];
const LAYER_RULES = {
  domain: { may: [] },
  venues: { may: ['domain', 'telemetry'] },
  market: { may: ['domain', 'telemetry', 'store'], venues: 'portTypes' },
  strategy: { may: ['domain', 'market', 'config'], venues: 'portTypes' },
  // config/ is a leaf: execution and risk read their parameters' types and defaults from it.
  execution: { may: ['domain', 'config', 'ledger', 'risk', 'telemetry'], venues: 'port' },
  ledger: { may: ['domain', 'store'] },
  // config/ is a leaf (schemas): the settings repository validates with it.
  store: { may: ['domain', 'config'] },
  // Breakers and the funding-unit tripwire read venue events (payments, positions, balances).
  risk: { may: ['domain', 'config', 'ledger', 'store', 'telemetry'], venues: 'portTypes' },
  // Reconciliation is a pure diff and plan over plain data: the venues' snapshots (port types)
  // and the ledger's view (its record types); applying the plan is the composition root's.
  reconcile: { may: ['domain', 'config'], venues: 'portTypes', types: ['ledger'] },
};

function layerRule(layer, rule) {
  const types = rule.types ?? [];
  const allowed = [layer, ...rule.may, ...types.map((l) => `${l} (types)`), ...(rule.venues === undefined ? [] : [rule.venues === 'port' ? "venues' port" : "venues' port (types)"])];
  const message = `layer rule: src-core/${layer}/ may import only ${allowed.join(', ')} (docs/ARCHITECTURE.md)`;
  const refused = LAYERS.filter((l) => l !== layer && !rule.may.includes(l) && !types.includes(l) && !(l === 'venues' && rule.venues !== undefined));
  const patterns = [{ group: refused.flatMap((l) => [`**/${l}`, `**/${l}/**`]), message }];
  if (types.length > 0) patterns.push({ group: types.flatMap((l) => [`**/${l}`, `**/${l}/**`]), allowTypeImports: true, message });
  if (rule.venues !== undefined) {
    patterns.push({ group: ['**/venues/**', '!**/venues/port'], message });
    if (rule.venues === 'portTypes') patterns.push({ group: ['**/venues/port'], allowTypeImports: true, message });
  }
  return { files: [`src-core/${layer}/**`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

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
  ...Object.entries(LAYER_RULES).map(([layer, rule]) => layerRule(layer, rule)),
);
