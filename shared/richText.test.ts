import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendToXmlFragment, fromXmlFragment, isRichEmpty, RICH_MAX_DEPTH, richDocFromText, richFlatText, richLines, type RichBlock, type RichDoc } from './richText';

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

  it('reads only http, https and mailto link targets; any other link reads as plain text', () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment('f');
    doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      f.insert(0, [p]);
      const t = new Y.XmlText();
      p.insert(0, [t]);
      let at = 0;
      for (const [text, href] of [
        ['js', 'javascript:alert(1)'],
        [' data', 'data:text/html,<script>alert(1)</script>'],
        [' datei', 'file:///etc/passwd'],
        [' vb', 'vbscript:msgbox(1)'],
        [' gut', 'https://example.org/ok'],
        [' post', 'mailto:a@b.de'],
      ] as const) {
        t.insert(at, text, { link: { href } });
        at += text.length;
      }
    });
    expect(fromXmlFragment(f).content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'js data datei vb' },
          { type: 'text', text: ' gut', marks: [{ type: 'link', attrs: { href: 'https://example.org/ok' } }] },
          { type: 'text', text: ' post', marks: [{ type: 'link', attrs: { href: 'mailto:a@b.de' } }] },
        ],
      },
    ]);
  });

  it('a fragment nested 6,000 levels deep reads without recursion past the limit, its text kept', () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment('f');
    doc.transact(() => {
      let cur: Y.XmlElement | Y.XmlFragment = f;
      for (let i = 0; i < 6000; i++) {
        const el = new Y.XmlElement(i % 2 === 0 ? 'blockquote' : 'mysteryWrapper');
        cur.insert(0, [el]);
        cur = el;
      }
      const p = new Y.XmlElement('paragraph');
      cur.insert(0, [p]);
      // An inline chain as deep again inside the paragraph.
      let inline: Y.XmlElement = p;
      for (let i = 0; i < 6000; i++) {
        const el = new Y.XmlElement('mention');
        inline.insert(0, [el]);
        inline = el;
      }
      inline.insert(0, [new Y.XmlText('tief unten')]);
    });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const read = fromXmlFragment(other.getXmlFragment('f'));
    expect(richFlatText(read.content)).toBe('tief unten');
    // Shallow enough for every recursive consumer: JSON, hashing, rendering.
    let depth = 0;
    let node: { content?: unknown[] } | undefined = read;
    while (node?.content?.[0]) {
      node = node.content[0] as { content?: unknown[] };
      depth++;
    }
    expect(depth).toBeLessThanOrEqual(RICH_MAX_DEPTH + 3);
    expect(richLines(read).join('')).toContain('tief unten');
    expect(isRichEmpty(read)).toBe(false);
  });

  it('plain text of hand-made JSON nested 100,000 levels deep, without recursion', () => {
    let deep: RichBlock = { type: 'paragraph', content: [{ type: 'text', text: 'Grund' }] };
    for (let i = 0; i < 100_000; i++) deep = { type: 'blockquote', content: [deep] };
    const doc: RichDoc = { type: 'doc', content: [deep] };
    expect(richFlatText(doc.content)).toBe('Grund');
    expect(isRichEmpty(doc)).toBe(false);
    expect(richLines(doc).join('')).toContain('Grund');
  });
});
