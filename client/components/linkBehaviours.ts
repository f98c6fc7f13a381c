/**
 * @tiptap/extension-link's behaviours for an editor whose schema has the light `link` mark of
 * richTextKit.ts: loaded on first focus (with linkify), then added to the running editor exactly
 * as Tiptap would have added them at creation (its paste rule and its plugins, built from the
 * extension with the editor's own mark type).
 */
import { getExtensionField, pasteRulesPlugin, type Editor, type PasteRule } from '@tiptap/core';
import { Link, type LinkOptions } from '@tiptap/extension-link';
import type { Plugin } from '@tiptap/pm/state';

export function addLinkBehaviours(editor: Editor, options: Partial<LinkOptions>): void {
  const type = editor.schema.marks.link;
  if (!type) return;
  const link = Link.configure(options);
  const context = { name: link.name, options: link.options, storage: link.storage, editor, type };
  const pasteRules = getExtensionField<(() => PasteRule[]) | undefined>(link, 'addPasteRules', context)?.() ?? [];
  const plugins: Plugin[] = [
    ...(pasteRules.length > 0 ? pasteRulesPlugin({ editor, rules: pasteRules }) : []),
    ...(getExtensionField<(() => Plugin[]) | undefined>(link, 'addProseMirrorPlugins', context)?.() ?? []),
  ];
  for (const plugin of plugins) editor.registerPlugin(plugin);
}
