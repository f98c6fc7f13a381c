/**
 * What an editor of richTextKit.ts needs only once someone edits: @tiptap/extension-link's
 * behaviours (with linkify), the drop cursor and the gap cursor. Loaded on first focus, then added to the running editor exactly as Tiptap would
 * have added them at creation (each extension's own paste rules and plugins, built with the
 * editor's own schema).
 */
import { getExtensionField, pasteRulesPlugin, type AnyExtension, type Editor, type PasteRule } from '@tiptap/core';
import { Link, type LinkOptions } from '@tiptap/extension-link';
import { Dropcursor } from '@tiptap/extensions/drop-cursor';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import type { Plugin } from '@tiptap/pm/state';

function pluginsOf(extension: AnyExtension, editor: Editor, type: unknown): Plugin[] {
  const context = { name: extension.name, options: extension.options, storage: extension.storage, editor, type };
  const pasteRules = getExtensionField<(() => PasteRule[]) | undefined>(extension, 'addPasteRules', context)?.() ?? [];
  return [
    ...(pasteRules.length > 0 ? pasteRulesPlugin({ editor, rules: pasteRules }) : []),
    ...(getExtensionField<(() => Plugin[]) | undefined>(extension, 'addProseMirrorPlugins', context)?.() ?? []),
  ];
}

export function addEditingBehaviours(editor: Editor, linkOptions: Partial<LinkOptions>): void {
  const plugins = [...pluginsOf(Dropcursor, editor, null), ...pluginsOf(Gapcursor, editor, null)];
  const linkType = editor.schema.marks.link;
  if (linkType) plugins.push(...pluginsOf(Link.configure(linkOptions), editor, linkType));
  for (const plugin of plugins) editor.registerPlugin(plugin);
}
