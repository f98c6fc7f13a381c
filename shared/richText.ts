/**
 * Prose of the decision draft and the notes as plain JSON: the ProseMirror/Tiptap document JSON
 * (what `editor.getJSON()` returns for StarterKit content), restricted to the nodes and marks the
 * exports can render. Live prose is a `Y.XmlFragment` bound by Tiptap's Collaboration extension;
 * a frozen version stores this JSON, so it can be hashed, compared and rendered without Yjs.
 *
 * `fromXmlFragment` reads a fragment the way y-prosemirror writes it: block nodes are
 * `Y.XmlElement`s named after the node type, attributes are node attributes, text is `Y.XmlText`
 * whose formatting attributes are the marks. Unknown nodes are unwrapped (their text kept), never
 * dropped; a document written by a misbehaving client reads as well as it can, never throws.
 * Nesting deeper than `RICH_MAX_DEPTH` reads as one paragraph of its text, and link targets other
 * than http, https and mailto (`shared/links.ts`) read as plain text, so every `RichDoc` the
 * server hands on is shallow and carries only safe links.
 *
 * Every walker here is iterative or bounded by `RICH_MAX_DEPTH`, so no document, however it was
 * written, can overflow the stack of a reader.
 */
import * as Y from 'yjs';
import { safeLinkTarget } from './links';

export const RICH_MARKS = ['bold', 'italic', 'underline', 'strike', 'code', 'link'] as const;
export type RichMarkType = (typeof RICH_MARKS)[number];

export type RichMark = { type: Exclude<RichMarkType, 'link'> } | { type: 'link'; attrs: { href: string } };

export interface RichTextNode {
  type: 'text';
  text: string;
  marks?: RichMark[];
}
export interface RichHardBreak {
  type: 'hardBreak';
}
export type RichInline = RichTextNode | RichHardBreak;

export interface RichParagraph {
  type: 'paragraph';
  content?: RichInline[];
}
export interface RichHeading {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 };
  content?: RichInline[];
}
export interface RichListItem {
  type: 'listItem';
  content: RichBlock[];
}
export interface RichBulletList {
  type: 'bulletList';
  content: RichListItem[];
}
export interface RichOrderedList {
  type: 'orderedList';
  attrs: { start: number };
  content: RichListItem[];
}
export interface RichBlockquote {
  type: 'blockquote';
  content: RichBlock[];
}
export interface RichCodeBlock {
  type: 'codeBlock';
  content?: RichTextNode[];
}
export interface RichRule {
  type: 'horizontalRule';
}
export type RichBlock = RichParagraph | RichHeading | RichBulletList | RichOrderedList | RichBlockquote | RichCodeBlock | RichRule;

/** A prose field: the root node of a Tiptap document. */
export interface RichDoc {
  type: 'doc';
  content: RichBlock[];
}

export const EMPTY_RICH_DOC: RichDoc = Object.freeze({ type: 'doc', content: Object.freeze([]) as unknown as RichBlock[] }) as RichDoc;

export function emptyRichDoc(): RichDoc {
  return { type: 'doc', content: [] };
}

/** A document of plain paragraphs (one per line break); used to prefill drafts on the server. */
export function richDocFromText(text: string): RichDoc {
  const paragraphs = text.split(/\r?\n/);
  return {
    type: 'doc',
    content: paragraphs.map((line): RichParagraph => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** A bullet list of plain items. */
export function richBulletList(items: readonly string[]): RichBulletList {
  return {
    type: 'bulletList',
    content: items.map((text) => ({ type: 'listItem', content: [text === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text }] }] })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a Y.XmlFragment

/** Deepest block nesting read as structure; below it, text is kept as one paragraph. */
export const RICH_MAX_DEPTH = 32;
const MAX_DEPTH = RICH_MAX_DEPTH;
/** Most characters kept of a subtree that is flattened (it was nested beyond the limit). */
const MAX_FLAT_TEXT = 100_000;

function marksOf(attributes: Record<string, unknown> | undefined): RichMark[] {
  if (!attributes) return [];
  const marks: RichMark[] = [];
  // A fixed order, so the same formatting always yields the same JSON (stable hashes).
  for (const type of RICH_MARKS) {
    const value = attributes[type];
    if (value === undefined || value === null || value === false) continue;
    if (type === 'link') {
      const href = typeof value === 'object' && value !== null ? safeLinkTarget((value as { href?: unknown }).href) : null;
      if (href !== null) marks.push({ type: 'link', attrs: { href } });
    } else marks.push({ type });
  }
  return marks;
}

function sameMarks(a: readonly RichMark[] | undefined, b: readonly RichMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Appends text, merging with the previous text node when the marks are the same. */
function pushText(out: RichInline[], text: string, marks: RichMark[]): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.type === 'text' && sameMarks(last.marks, marks)) {
    last.text += text;
    return;
  }
  out.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/**
 * The plain text of a subtree, without recursion (an explicit stack): what is kept of content
 * nested deeper than the reader follows. Texts of separate nodes are joined with a space.
 */
function flatText(nodes: readonly XmlNode[]): string {
  const parts: string[] = [];
  let length = 0;
  const stack: XmlNode[] = [...nodes].reverse();
  while (stack.length > 0 && length < MAX_FLAT_TEXT) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      let text = '';
      for (const op of node.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') text += op.insert;
      if (text.trim() !== '') {
        parts.push(text);
        length += text.length;
      }
    } else if (node instanceof Y.XmlElement) {
      const children = node.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  const text = parts.join(' ');
  return text.length > MAX_FLAT_TEXT ? text.slice(0, MAX_FLAT_TEXT) : text;
}

function inlineOf(node: XmlNode, out: RichInline[], depth: number): void {
  if (node instanceof Y.XmlText) {
    for (const op of node.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert === 'string') pushText(out, op.insert, marksOf(op.attributes));
    }
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  if (depth > MAX_DEPTH) {
    pushText(out, flatText([node]), []);
    return;
  }
  if (node.nodeName === 'hardBreak') {
    out.push({ type: 'hardBreak' });
    return;
  }
  // Unknown inline node (mention, image, …): keep its text.
  for (const child of node.toArray()) inlineOf(child, out, depth + 1);
}

function inlineContent(el: Y.XmlElement, depth: number): RichInline[] {
  const out: RichInline[] = [];
  for (const child of el.toArray()) inlineOf(child, out, depth + 1);
  return out;
}

function withContent<T extends { type: string }>(node: T, content: RichInline[]): T & { content?: RichInline[] } {
  return content.length > 0 ? { ...node, content } : node;
}

function headingLevel(value: unknown): 1 | 2 | 3 | 4 | 5 | 6 {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 6 ? (n as 1 | 2 | 3 | 4 | 5 | 6) : 2;
}

function listItems(el: Y.XmlElement, depth: number): RichListItem[] {
  const items: RichListItem[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === 'listItem') {
      const content = blocksOf(child.toArray(), depth + 1);
      items.push({ type: 'listItem', content: content.length > 0 ? content : [{ type: 'paragraph' }] });
    } else {
      // Anything else inside a list becomes an item of its own.
      const content = blocksOf([child], depth + 1);
      if (content.length > 0) items.push({ type: 'listItem', content });
    }
  }
  return items;
}

function blocksOf(nodes: readonly XmlNode[], depth: number): RichBlock[] {
  const out: RichBlock[] = [];
  if (depth > MAX_DEPTH) {
    const text = flatText(nodes);
    if (text !== '') out.push({ type: 'paragraph', content: [{ type: 'text', text }] });
    return out;
  }
  for (const node of nodes) {
    if (node instanceof Y.XmlText) {
      // Text directly in a block container: wrap it in a paragraph.
      const inline: RichInline[] = [];
      inlineOf(node, inline, depth);
      if (inline.length > 0) out.push({ type: 'paragraph', content: inline });
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    switch (node.nodeName) {
      case 'paragraph':
        out.push(withContent({ type: 'paragraph' } as RichParagraph, inlineContent(node, depth)));
        break;
      case 'heading':
        out.push(withContent({ type: 'heading', attrs: { level: headingLevel(node.getAttribute('level')) } } as RichHeading, inlineContent(node, depth)));
        break;
      case 'bulletList':
        out.push({ type: 'bulletList', content: listItems(node, depth) });
        break;
      case 'orderedList': {
        const start = Number(node.getAttribute('start') ?? 1);
        out.push({ type: 'orderedList', attrs: { start: Number.isInteger(start) && start >= 0 ? start : 1 }, content: listItems(node, depth) });
        break;
      }
      case 'blockquote':
        out.push({ type: 'blockquote', content: blocksOf(node.toArray(), depth + 1) });
        break;
      case 'codeBlock': {
        const text = inlineContent(node, depth)
          .map((i) => (i.type === 'text' ? i.text : '\n'))
          .join('');
        out.push(text === '' ? { type: 'codeBlock' } : { type: 'codeBlock', content: [{ type: 'text', text }] });
        break;
      }
      case 'horizontalRule':
        out.push({ type: 'horizontalRule' });
        break;
      default:
        // Unknown block (a table, a future node): its blocks, or its text as a paragraph.
        out.push(...blocksOf(node.toArray(), depth + 1));
    }
  }
  return out;
}

/** Reads a Tiptap-bound `Y.XmlFragment` as ProseMirror JSON. */
export function fromXmlFragment(fragment: Y.XmlFragment): RichDoc {
  return { type: 'doc', content: blocksOf(fragment.toArray(), 0) };
}

// ---------------------------------------------------------------------------------------------
// Writing (server-side prefill, tests)

function inlineToXml(inline: readonly RichInline[] | undefined): (Y.XmlText | Y.XmlElement)[] {
  const out: (Y.XmlText | Y.XmlElement)[] = [];
  let text: Y.XmlText | null = null;
  // The text is not in a document yet, so its length cannot be read: count it here.
  let length = 0;
  for (const node of inline ?? []) {
    if (node.type === 'hardBreak') {
      out.push(new Y.XmlElement('hardBreak'));
      text = null;
      continue;
    }
    if (!text) {
      text = new Y.XmlText();
      length = 0;
      out.push(text);
    }
    // Every mark named, unset ones as null: inserted text would otherwise inherit its neighbour's.
    const attrs: Record<string, unknown> = {};
    for (const type of RICH_MARKS) attrs[type] = null;
    for (const m of node.marks ?? []) attrs[m.type] = m.type === 'link' ? { href: m.attrs.href } : {};
    text.insert(length, node.text, attrs);
    length += node.text.length;
  }
  return out;
}

function blockToXml(block: RichBlock): Y.XmlElement {
  switch (block.type) {
    case 'paragraph':
    case 'heading': {
      const el = new Y.XmlElement(block.type);
      if (block.type === 'heading') el.setAttribute('level', block.attrs.level as unknown as string);
      el.insert(0, inlineToXml(block.content));
      return el;
    }
    case 'bulletList':
    case 'orderedList': {
      const el = new Y.XmlElement(block.type);
      if (block.type === 'orderedList') el.setAttribute('start', block.attrs.start as unknown as string);
      el.insert(
        0,
        block.content.map((item) => {
          const li = new Y.XmlElement('listItem');
          li.insert(0, item.content.map(blockToXml));
          return li;
        }),
      );
      return el;
    }
    case 'blockquote': {
      const el = new Y.XmlElement('blockquote');
      el.insert(0, block.content.map(blockToXml));
      return el;
    }
    case 'codeBlock': {
      const el = new Y.XmlElement('codeBlock');
      el.insert(0, inlineToXml(block.content));
      return el;
    }
    case 'horizontalRule':
      return new Y.XmlElement('horizontalRule');
  }
}

/**
 * Appends ProseMirror JSON to a fragment (as y-prosemirror would store it). Must run inside a
 * transaction; the fragment must be attached to a document.
 */
export function appendToXmlFragment(fragment: Y.XmlFragment, doc: RichDoc): void {
  fragment.insert(fragment.length, doc.content.map(blockToXml));
}

// ---------------------------------------------------------------------------------------------
// Plain text

function inlineText(inline: readonly RichInline[] | undefined): string {
  return (inline ?? []).map((i) => (i.type === 'text' ? i.text : '\n')).join('');
}

/**
 * The text of blocks as one string, without recursion: for content nested deeper than
 * `RICH_MAX_DEPTH` (which the reader never produces, but a stored JSON might hold).
 */
export function richFlatText(blocks: readonly RichBlock[]): string {
  const parts: string[] = [];
  const stack: unknown[] = [...blocks].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as { type?: unknown; text?: unknown; content?: unknown } | null;
    if (typeof node !== 'object' || node === null) continue;
    if (node.type === 'text' && typeof node.text === 'string') parts.push(node.text);
    else if (Array.isArray(node.content)) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
  }
  return parts.join(' ');
}

/** The text of each block, one line per paragraph or list item (lists prefixed `- ` / `1. `). */
export function richLines(doc: RichDoc): string[] {
  const lines: string[] = [];
  const walk = (blocks: readonly RichBlock[], indent: string, depth: number) => {
    if (depth > RICH_MAX_DEPTH) {
      lines.push(indent + richFlatText(blocks));
      return;
    }
    for (const b of blocks) {
      switch (b.type) {
        case 'paragraph':
        case 'heading':
          lines.push(indent + inlineText(b.content));
          break;
        case 'codeBlock':
          lines.push(indent + inlineText(b.content));
          break;
        case 'bulletList':
        case 'orderedList':
          b.content.forEach((item, i) => {
            const marker = b.type === 'bulletList' ? '- ' : `${(b.type === 'orderedList' ? b.attrs.start : 1) + i}. `;
            const start = lines.length;
            walk(item.content, indent + '   ', depth + 1);
            if (lines.length === start) lines.push(indent + marker);
            else lines[start] = indent + marker + (lines[start] ?? '').slice(indent.length + 3);
          });
          break;
        case 'blockquote':
          walk(b.content, indent + '> ', depth + 1);
          break;
        case 'horizontalRule':
          lines.push(indent + '---');
          break;
      }
    }
  };
  walk(doc.content, '', 0);
  return lines;
}

/** Plain text of a prose field (blocks separated by newlines). */
export function richPlainText(doc: RichDoc): string {
  return richLines(doc).join('\n');
}

/** True when a prose field holds no visible text (empty paragraphs and list items only). */
export function isRichEmpty(doc: RichDoc): boolean {
  return richFlatText(doc.content).trim() === '';
}
