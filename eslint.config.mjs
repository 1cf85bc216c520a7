// Lint rules that hold the architecture in place: raw IPC lives in exactly two files,
// only electron/main and electron/preload may import Electron, and the renderer never
// reaches for Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import steward from './eslint/layers.mjs';

// The layers of electron/, lowest first (see eslint/layers.mjs). The shared vocabulary imports
// nothing; the ledger is the base and knows no feature; features sit on it (training < review <
// records); the contract's method table and the composition of the services sit on the
// features; the transports carry calls to them.
const CORE = 'electron/core/';
const LAYERS = [
  {
    name: 'vocabulary',
    strict: true,
    paths: [
      'contract/enums',
      'contract/dates',
      'contract/ids',
      'contract/reasons',
      'contract/channels',
      'errors',
    ].map((p) => CORE + p),
  },
  { name: 'ledger', strict: true, paths: [`${CORE}ledger/`, `${CORE}contract/schemas`] },
  {
    name: 'platform',
    paths: [
      'policy/',
      'profiles/',
      'settings/',
      'org/',
      'witness/',
      'yamlProblems',
      'links',
      'paths',
      'staticFiles',
    ].map((p) => CORE + p),
  },
  { name: 'training', paths: [`${CORE}training/`] },
  { name: 'review', paths: [`${CORE}review/`] },
  { name: 'records', paths: [`${CORE}records/`] },
  { name: 'admin', paths: [`${CORE}admin/`] },
  { name: 'demo', paths: [`${CORE}demo/`] },
  { name: 'views', paths: [`${CORE}contract/views/`] },
  { name: 'app', paths: [`${CORE}contract/methods`, `${CORE}events`, `${CORE}services`, `${CORE}dispatch`] },
  {
    name: 'transports',
    paths: ['electron/main/', 'electron/preload/', 'electron/preview/', 'electron/cli/'],
  },
];

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in electron/main/ipc.ts and electron/preload/index.ts.',
};
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'reports/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { steward },
    rules: { 'steward/layers': ['error', { layers: LAYERS, typeUpInto: [`${CORE}contract/`] }] },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/preview/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next, steward },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Core for types only; values from the zod-free shared modules alone.
      'steward/renderer-imports': [
        'error',
        {
          core: 'electron/',
          values: [
            ...['contract/enums', 'contract/dates', 'contract/ids', 'contract/reasons', 'errors'].map(
              (p) => CORE + p,
            ),
            `${CORE}records/filter`,
          ],
        },
      ],
      // Every word a person reads comes from the locale files (renderer/i18n/locales).
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only through window.steward.' }],
          patterns: [{ group: nodeBuiltins, message: 'The renderer never imports Node.' }],
        },
      ],
    },
  },
  {
    files: ['test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
