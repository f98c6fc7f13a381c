// @ts-check
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** client/ and server/ meet only in shared/; shared/ imports neither. A checked boundary stays one. */
const areaPatterns = (/** @type {string[]} */ areas) =>
  areas.map((area) => ({
    group: [`**/${area}`, `**/${area}/**`, `@${area}/**`],
    message: `This area may not import ${area}/ code; move what both need to shared/.`,
  }));
const noImport = (/** @type {string[]} */ areas) => ({ 'no-restricted-imports': ['error', { patterns: areaPatterns(areas) }] });

/**
 * The client's layers, lowest first; each folder imports only from the layers below it (and from
 * shared/), never from a layer above or a sibling, except for the feature edges named in
 * FEATURE_EDGES. docs/ARCHITECTURE.md explains what lives where.
 *   lib         pure helpers and what the device stores (tokens, remembered sessions)
 *   data        the session's live data: HTTP clients and useFetch, error messages, Yjs documents and
 *               connection state, the socket.io session store, the signed-in user
 *   components  UI pieces without a feature of their own (alerts, fields, dialogs, toolbar, QR code)
 *   features    room, boards, votes, decisions, moderation, team
 *   pages       one component per route
 *   (client/ root: App.tsx, main.tsx, i18n.ts) may import anything
 */
const CLIENT_LAYERS = [['lib'], ['data'], ['components'], ['room', 'boards', 'votes', 'decisions', 'moderation', 'team'], ['pages']];
/** Genuine dependencies between features, acyclic: a draft's rows reuse the boards' bound text
 *  fields, number format and undo buttons; the moderation's panel and projector show votes. */
const FEATURE_EDGES = { decisions: ['boards'], moderation: ['votes'] };
const CLIENT_FOLDERS = CLIENT_LAYERS.flat();
const ROOT_ONLY = ['App', 'main'];

/** Everything `folder` may not import: the layers above it, its siblings (unless an edge allows), the root entry files. */
function forbiddenFor(/** @type {string} */ folder) {
  const layer = CLIENT_LAYERS.findIndex((l) => l.includes(folder));
  const allowed = new Set([...CLIENT_LAYERS.slice(0, layer).flat(), folder, ...(FEATURE_EDGES[/** @type {keyof typeof FEATURE_EDGES} */ (folder)] ?? [])]);
  return CLIENT_FOLDERS.filter((f) => !allowed.has(f));
}

/**
 * One config per folder and directory depth: a relative import leaves client/<folder>/… with exactly
 * as many `../` as the file lies deep, so `^(\.\./){n}votes/` is client/votes seen from depth n.
 */
function clientLayerConfigs() {
  const configs = [];
  for (const folder of CLIENT_FOLDERS) {
    const forbidden = forbiddenFor(folder);
    for (let depth = 1; depth <= 4; depth++) {
      const up = `(\\.\\./){${depth}}`;
      const layerRule = forbidden.length > 0 ? [{ regex: `^${up}(${forbidden.join('|')})(/|$)`, message: `client/${folder}/ may not import this folder: the client's layers are lib ← data ← components ← features ← pages, with the feature edges of eslint.config.js (see docs/ARCHITECTURE.md). Move what both need down, to components/ or data/.` }] : [];
      // no-restricted-imports does not see `import()`; lazily loaded modules obey the same layers.
      const lazy = forbidden.length > 0 ? [{ selector: `ImportExpression[source.value=/^${up.replaceAll('/', '\\/')}(${forbidden.join('|')})(\\/|$)/]`, message: `client/${folder}/ may not load this folder lazily either (see the layers in eslint.config.js).` }] : [];
      configs.push({
        files: [`client/${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
        rules: {
          'no-restricted-syntax': ['error', ...lazy],
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                ...areaPatterns(['server']),
                ...layerRule,
                { regex: `^${up}(${ROOT_ONLY.join('|')})(\\.tsx?)?$`, message: 'Only the app entry imports App and main.' },
              ],
            },
          ],
        },
      });
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // A `let` assigned once but read earlier by a closure (set after an await) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: noImport(['client', 'server']),
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...noImport(['server']), 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...clientLayerConfigs(),
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: noImport(['client']),
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
