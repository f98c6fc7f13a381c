/**
 * The notes' rich-text schema without what a room does not need at first sight.
 *
 * It is Tiptap's StarterKit, extension for extension and in its order (so documents written with
 * StarterKit — the canvas, the decision drafts, older notes — read and write the same nodes and
 * marks), except:
 * - no UndoRedo (ProseMirror's history): Yjs brings its own undo, as StarterKit's
 *   `undoRedo: false` said, and the history code no longer loads;
 * - the `link` mark is the same mark (name, attributes, HTML, which links are allowed), but what
 *   makes links by themselves — turning typed and pasted addresses into links, which needs the
 *   linkify library with its list of all top-level domains — loads when the editor is first
 *   focused (`enableEditingBehaviours`): readers never need it;
 * - likewise the drop cursor and the gap cursor: their schema part (`allowGapCursor`) is here, their
 *   plugins load with the link behaviours.
 */
import { Extension, Mark, callOrReturn, getExtensionField, mergeAttributes, type Editor, type Extensions } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading, type HeadingOptions } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { TrailingNode } from '@tiptap/extensions/trailing-node';

/** The link options of every Werkraum editor: links are not opened by a click while editing. */
export const LINK_OPTIONS = { openOnClick: false } as const;

const LINK_HTML_ATTRIBUTES = { target: '_blank', rel: 'noopener noreferrer nofollow', class: null };

// @tiptap/extension-link's own check (its default `isAllowedUri`, no extra protocols): no
// `javascript:` and other schemes outside this list, relative and scheme-less addresses pass.
const ALLOWED_PROTOCOLS = ['http', 'https', 'ftp', 'ftps', 'mailto', 'tel', 'callto', 'sms', 'cid', 'xmpp'];
const WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
const ALLOWED_URI = new RegExp(`^(?:(?:${ALLOWED_PROTOCOLS.join('|')}):|[^a-z]|[a-z0-9+.\\-]+(?:[^a-z+.\\-:]|$))`, 'i');

export function isAllowedUri(uri: string | null | undefined): boolean {
  return !uri || ALLOWED_URI.test(uri.replace(WHITESPACE, ''));
}

/** The `link` mark as @tiptap/extension-link defines it (with `autolink` on), without its behaviours. */
export const LinkMark = Mark.create({
  name: 'link',
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive() {
    return true;
  },
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') },
      target: { default: LINK_HTML_ATTRIBUTES.target },
      rel: { default: LINK_HTML_ATTRIBUTES.rel },
      class: { default: LINK_HTML_ATTRIBUTES.class },
      title: { default: null },
    };
  },
  parseHTML() {
    return [{ tag: 'a[href]', getAttrs: (dom: HTMLElement) => (isAllowedUri(dom.getAttribute('href')) ? null : false) }];
  },
  renderHTML({ HTMLAttributes }) {
    const href = HTMLAttributes.href as string | null | undefined;
    return ['a', mergeAttributes(LINK_HTML_ATTRIBUTES, isAllowedUri(href) ? HTMLAttributes : { ...HTMLAttributes, href: '' }), 0];
  },
});

/** The gap cursor's part of the schema (as @tiptap/extensions' Gapcursor declares it), without its plugin. */
const GapcursorSchema = Extension.create({
  name: 'gapCursor',
  extendNodeSchema(extension) {
    const context = { name: extension.name, options: extension.options, storage: extension.storage };
    return { allowGapCursor: callOrReturn(getExtensionField(extension, 'allowGapCursor', context)) ?? null };
  },
});

/** A stand-in with the drop cursor's name: its plugin loads with the editing behaviours. */
const DropcursorName = Extension.create({ name: 'dropCursor' });

/** StarterKit's extensions in StarterKit's order, without UndoRedo, with the light link mark. */
export function richTextKit({ heading }: { heading?: Partial<HeadingOptions> } = {}): Extensions {
  return [
    Bold,
    Blockquote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    DropcursorName,
    GapcursorSchema,
    HardBreak,
    Heading.configure(heading),
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    LinkMark,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    TrailingNode,
  ];
}

const enabled = new WeakSet<Editor>();

/**
 * Adds @tiptap/extension-link's behaviours (autolink while typing, links from pasted addresses,
 * its click handling), the drop cursor and the gap cursor to `editor` once, loading them on the
 * first call. Call it when the person starts editing (first focus). If
 * they cannot be loaded, the editor simply goes on without them.
 */
export function enableEditingBehaviours(editor: Editor): void {
  if (enabled.has(editor)) return;
  enabled.add(editor);
  import('./editingBehaviours').then(
    (m) => {
      if (!editor.isDestroyed) m.addEditingBehaviours(editor, LINK_OPTIONS);
    },
    () => enabled.delete(editor),
  );
}
