/**
 * The strings of client/locales/<language>.json, split at build time into what every page needs
 * and parts that load with the views using them (client/lib/locales.ts). The files stay whole —
 * one place per language to edit — and this plugin serves the pieces as modules:
 *
 *   import de from 'virtual:werkraum-strings/de'           // everything not in a part
 *   import('virtual:werkraum-strings/de/boards')           // only the keys of PARTS.boards
 *
 * Used by vite.config.ts (build and dev server) and vitest.config.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Top-level keys (or dotted paths below one) of the main locale files that only some views use.
 * `boards`: the boards' own strings, loaded with a board, the decision drafts (which show the
 * boards' vocabulary) and the moderation's round dialog (which lists board items as options).
 * `manage`: running sessions — the dashboard, the setup, parallel tables and the moderator panel
 * (its agenda, people, drafts and round tabs) and the dashboard's team area.
 */
export const LOCALE_PARTS = {
  boards: ['swot', 'goals', 'priorities', 'actions', 'canvas'],
  manage: ['sessions', 'tables', 'templates', 'setup', 'moderation.agenda', 'moderation.people', 'moderation.drafts', 'votes.open', 'votes.moderation', 'votes.manual', 'beamer', 'room.joinPanel', 'moderation.speakers', 'moderation.panel', 'moderation.cards', 'privacy', 'team'],
} as const satisfies Record<string, readonly string[]>;

export type LocalePartName = keyof typeof LOCALE_PARTS;

const PREFIX = 'virtual:werkraum-strings/';

type Tree = { [key: string]: unknown };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function get(tree: Tree, path: readonly string[]): unknown {
  let node: unknown = tree;
  for (const key of path) node = isTree(node) ? node[key] : undefined;
  return node;
}

/**
 * The strings of `part` (its paths only), or with `part` undefined everything outside all parts.
 * Throws when a path of a part is not in `strings`, so a renamed key cannot silently vanish.
 */
export function selectStrings(strings: Tree, part: string | undefined, parts: Record<string, readonly string[]> = LOCALE_PARTS): Tree {
  const all = Object.values(parts).flat();
  for (const p of all) if (get(strings, p.split('.')) === undefined) throw new Error(`locale part path "${p}" is not in the strings`);
  if (part !== undefined) {
    const paths = parts[part];
    if (!paths) throw new Error(`unknown locale part "${part}"`);
    const out: Tree = {};
    for (const p of paths) {
      const keys = p.split('.');
      let node = out;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Tree;
      node[keys[keys.length - 1]!] = get(strings, keys);
    }
    return out;
  }
  const without = (tree: Tree, prefix: string): Tree => {
    const out: Tree = {};
    for (const [k, v] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (all.includes(path)) continue;
      out[k] = isTree(v) && all.some((p) => p.startsWith(`${path}.`)) ? without(v, path) : v;
    }
    return out;
  };
  return without(strings, '');
}

export function localeParts(localesDir: string): Plugin {
  return {
    name: 'werkraum-locale-parts',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const [language, part] = id.slice(PREFIX.length + 1).split('/');
      if (!language || !/^[a-z]{2}$/.test(language)) throw new Error(`bad locale module ${id}`);
      const file = join(localesDir, `${language}.json`);
      this.addWatchFile(file);
      const strings = JSON.parse(readFileSync(file, 'utf8')) as Tree;
      return `export default ${JSON.stringify(selectStrings(strings, part))};`;
    },
  };
}
