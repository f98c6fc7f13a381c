/**
 * The rich-text schemas of Werkraum's editors, as y-prosemirror (Tiptap's Collaboration) stores
 * them in a `Y.XmlFragment`: every node is a `Y.XmlElement` named after its type with the node's
 * non-null attributes; text is a `Y.XmlText` whose formatting attributes are the marks (named after
 * the mark, or `<mark>--<hash>` for marks that may overlap), each holding the mark's attributes.
 *
 * The nodes and marks are those of Tiptap's StarterKit (3.31) as the client configures it:
 * - notes (`client/room/NotesEditor.tsx`) and canvas (`client/boards/canvas/CanvasBoard.tsx`):
 *   the whole kit;
 * - decision prose (`client/decisions/ProseEditor.tsx`): without headings and code blocks.
 * Heading levels are not restricted to the configured ones: Tiptap's node type accepts any level
 * 1–6 and renders unconfigured ones as the first configured level.
 */
import { safeLinkTarget } from '../../links';
import type { NodeSpec, RichSchema, XmlRule, XmlTextRule } from './types';
import { isPlainObject } from './values';

const nullOr =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === null || check(v);
const shortString = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;

/** Link targets the exports and every reader make clickable: the one sanitiser (shared/links.ts). */
export function isAllowedLinkTarget(href: unknown): boolean {
  return safeLinkTarget(href) !== null;
}

/** A mark without attributes: Tiptap stores `{}`; other writers may use `true`. */
const plainMark = (v: unknown): boolean => v === true || (isPlainObject(v) && Object.keys(v).length === 0);

const LINK_ATTRS: Record<string, (v: unknown) => boolean> = {
  href: isAllowedLinkTarget,
  target: nullOr(shortString(32)),
  rel: nullOr(shortString(200)),
  class: nullOr(shortString(200)),
  title: nullOr(shortString(2000)),
};

const linkMark = (v: unknown): boolean => isPlainObject(v) && 'href' in v && Object.entries(v).every(([k, a]) => Object.hasOwn(LINK_ATTRS, k) && LINK_ATTRS[k]!(a));

const MARKS = {
  bold: plainMark,
  italic: plainMark,
  underline: plainMark,
  strike: plainMark,
  code: plainMark,
  link: linkMark,
} as const;

const none = {};
const NODES: Record<string, NodeSpec> = {
  paragraph: { group: 'block', content: 'inline', attrs: none },
  heading: { group: 'block', content: 'inline', attrs: { level: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 6 } },
  blockquote: { group: 'block', content: 'block', attrs: none },
  bulletList: { group: 'block', content: 'listItem', attrs: none },
  orderedList: {
    group: 'block',
    content: 'listItem',
    attrs: { start: (v) => typeof v === 'number' && Number.isSafeInteger(v), type: nullOr(shortString(16)) },
  },
  listItem: { group: 'listItem', content: 'block', attrs: none },
  codeBlock: { group: 'block', content: 'text', attrs: { language: nullOr((v) => typeof v === 'string' && /^[A-Za-z0-9_+#.-]{1,64}$/.test(v)) } },
  horizontalRule: { group: 'block', content: 'none', attrs: none },
  hardBreak: { group: 'inline', content: 'none', attrs: none },
};

function schema(name: string, without: readonly string[] = []): RichSchema {
  const nodes: Record<string, NodeSpec> = {};
  for (const [n, spec] of Object.entries(NODES)) if (!without.includes(n)) nodes[n] = spec;
  return Object.freeze({ name, nodes: Object.freeze(nodes), marks: MARKS });
}

export const NOTES_SCHEMA = schema('notes');
export const CANVAS_SCHEMA = schema('canvas');
export const PROSE_SCHEMA = schema('decision prose', ['heading', 'codeBlock']);

/** `bold`, or `bold--AbCd1234` (y-prosemirror's name for a mark that may overlap itself). */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** The check of a formatting attribute, or undefined when no such mark exists. */
export function markCheck(s: RichSchema, key: string): ((v: unknown) => boolean) | undefined {
  const name = HASHED_MARK.exec(key)?.[1] ?? key;
  return Object.hasOwn(s.marks, name) ? s.marks[name] : undefined;
}

/** The spec of a node type, or undefined when the schema has no such node. */
export function nodeSpec(s: RichSchema, name: string): NodeSpec | undefined {
  return Object.hasOwn(s.nodes, name) ? s.nodes[name] : undefined;
}

const xmlRules = new Map<RichSchema, Map<string | null, XmlRule>>();
const textRules = new Map<RichSchema, [XmlTextRule, XmlTextRule]>();

/** The rule of a fragment (node null) or an element of a schema (one object per node type). */
export function xmlRule(s: RichSchema, node: string | null): XmlRule {
  let bySchema = xmlRules.get(s);
  if (!bySchema) xmlRules.set(s, (bySchema = new Map()));
  let rule = bySchema.get(node);
  if (!rule) bySchema.set(node, (rule = Object.freeze({ kind: 'xml', name: node === null ? s.name : `${s.name} ${node}`, schema: s, node })));
  return rule;
}

/** The rule of text inside a node: with marks (inline content) or without (a code block). */
export function xmlTextRule(s: RichSchema, marks: boolean): XmlTextRule {
  let pair = textRules.get(s);
  if (!pair) {
    pair = [
      Object.freeze({ kind: 'xmlText', name: `${s.name} code text`, schema: s, marks: false }),
      Object.freeze({ kind: 'xmlText', name: `${s.name} text`, schema: s, marks: true }),
    ];
    textRules.set(s, pair);
  }
  return pair[marks ? 1 : 0];
}
