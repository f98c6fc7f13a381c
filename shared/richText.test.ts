import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendToXmlFragment, fromXmlFragment, isRichEmpty, richDocFromText, richLines, type RichDoc } from './richText';

/** What Tiptap's StarterKit would store for a short Begründung. */
const sample: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Die Quote liegt ' },
        { type: 'text', text: 'deutlich', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: ' unter dem ' },
        { type: 'text', text: 'Landesschnitt', marks: [{ type: 'link', attrs: { href: 'https://example.org/statistik' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'Zweite Zeile.' },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kitas' }] }] }, { type: 'listItem', content: [{ type: 'paragraph' }] }] },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Schulen' }] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zitat' }] }] },
    { type: 'paragraph' },
  ],
};

function roundTrip(content: RichDoc): RichDoc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('f');
  doc.transact(() => appendToXmlFragment(fragment, content));
  // Through the wire, as another replica would see it.
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return fromXmlFragment(other.getXmlFragment('f'));
}

describe('rich text', () => {
  it('reads a fragment as the ProseMirror JSON it was written from', () => {
    expect(roundTrip(sample)).toEqual(sample);
  });

  it('reads what y-prosemirror stores: marks as text attributes, heading level as attribute', () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment('f');
    doc.transact(() => {
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', '3');
      const t = new Y.XmlText();
      h.insert(0, [t]);
      f.insert(0, [h, new Y.XmlElement('mysteryBlock')]);
      t.insert(0, 'Titel', { bold: {} });
      t.insert(5, ' normal', { bold: null });
      const unknown = f.get(1) as Y.XmlElement;
      const p = new Y.XmlElement('paragraph');
      unknown.insert(0, [p]);
      const pt = new Y.XmlText();
      p.insert(0, [pt]);
      pt.insert(0, 'kept');
    });
    expect(fromXmlFragment(f)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Titel', marks: [{ type: 'bold' }] }, { type: 'text', text: ' normal' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'kept' }] },
      ],
    });
  });

  it('plain lines and emptiness', () => {
    expect(richLines(sample)).toEqual(['Ausgangslage', 'Die Quote liegt deutlich unter dem Landesschnitt\nZweite Zeile.', '- Kitas', '- ', '3. Schulen', '> Zitat', '']);
    expect(isRichEmpty(sample)).toBe(false);
    expect(isRichEmpty({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '  ' }] }] }] }] })).toBe(true);
    expect(richDocFromText('a\n\nb').content).toHaveLength(3);
  });
});
