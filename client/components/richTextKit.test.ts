// @vitest-environment happy-dom
import { Editor, getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { addEditingBehaviours } from './editingBehaviours';
import { LINK_OPTIONS, isAllowedUri, richTextKit } from './richTextKit';

/** What of a schema decides which documents it reads and writes: names, order, attributes, rules. */
function shape(schema: Schema) {
  // Functions (parse and render hooks) compare by their presence; attributes by their defaults.
  const strip = (spec: object): unknown =>
    JSON.parse(JSON.stringify(spec, (key, value: unknown) => (typeof value === 'function' ? 'function' : key === 'attrs' && value ? attrDefaults(value) : value)));
  const attrDefaults = (attrs: object) =>
    Object.values(attrs).every((a) => typeof a === 'object' && a !== null)
      ? Object.fromEntries(Object.entries(attrs as Record<string, { default?: unknown }>).map(([a, s]) => [a, s.default ?? null]))
      : attrs;
  const nodes: Record<string, unknown> = {};
  schema.spec.nodes.forEach((name, spec) => (nodes[name] = strip(spec)));
  const marks: Record<string, unknown> = {};
  schema.spec.marks.forEach((name, spec) => (marks[name] = strip(spec)));
  return { nodes, nodeOrder: Object.keys(nodes), marks, markOrder: Object.keys(marks), topNode: schema.spec.topNode };
}

function docWith(html: string, extensions = richTextKit()) {
  const editor = new Editor({ extensions, content: html });
  const json = editor.getJSON();
  editor.destroy();
  return json;
}

describe('richTextKit', () => {
  it("has exactly StarterKit's schema (without the history, which has none)", () => {
    const starter = getSchema([StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] }, link: LINK_OPTIONS })]);
    const kit = getSchema(richTextKit({ heading: { levels: [2, 3] } }));
    expect(shape(kit)).toEqual(shape(starter));
  });

  it('reads and writes links as Tiptap’s link extension does, refusing javascript: targets', () => {
    const html = '<p><a href="https://example.org/a">ok</a> <a href="javascript:alert(1)">bad</a> <a href="/rel">rel</a></p>';
    expect(docWith(html)).toEqual(docWith(html, [StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS })]));
    const editor = new Editor({ extensions: richTextKit(), content: '<p><a href="https://example.org/a">ok</a></p>' });
    expect(editor.getHTML()).toBe('<p><a target="_blank" rel="noopener noreferrer nofollow" href="https://example.org/a">ok</a></p>');
    editor.commands.setContent({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] });
    expect(editor.getHTML()).toContain('href=""');
    editor.destroy();
    expect(isAllowedUri('https://example.org')).toBe(true);
    expect(isAllowedUri('mailto:a@example.org')).toBe(true);
    expect(isAllowedUri(' javascript:alert(1)')).toBe(false);
  });

  it('makes typed addresses links once the link behaviours are added', () => {
    const editor = new Editor({ extensions: richTextKit(), content: '<p></p>' });
    const typeText = (text: string) => {
      for (const ch of text) editor.commands.insertContent(ch);
    };
    const links = () => JSON.stringify(editor.getJSON()).match(/"href":"[^"]*"/g) ?? [];
    typeText('siehe https://example.org ');
    expect(links()).toEqual([]);
    // The gap cursor (the plugin that makes selections between blocks) comes with the link behaviours.
    const hasGapCursor = () => editor.state.plugins.some((p) => typeof p.spec.props?.createSelectionBetween === 'function');
    expect(hasGapCursor()).toBe(false);
    addEditingBehaviours(editor, LINK_OPTIONS);
    expect(hasGapCursor()).toBe(true);
    typeText('und https://werkraum.example/info ');
    expect(links()).toEqual(['"href":"https://werkraum.example/info"']);
    editor.destroy();
  });
});
