import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/richText';
import { withSafeLinks } from './json';
import { boundModel, clipText, EXPORT_LIMITS, FILE_SLUG_MAX, fileSlug, fmtEuro, richBlocks, transliterate, type Block, type DocModel } from './model';
import { breakable } from './pdf';

const model = (blocks: Block[], title = 'Titel'): DocModel => ({ title, kicker: 'K', header: 'h', footer: 'f', subject: 's', keywords: [], blocks });
const textOf = (m: DocModel): number =>
  JSON.stringify(m.blocks)
    .split('"text":"')
    .slice(1)
    .reduce((n, part) => n + part.indexOf('"'), 0);

describe('the document model is bounded before any renderer sees it', () => {
  it('a 200,000-character field is cut to the limit of its kind', () => {
    const huge = 'x'.repeat(200_000);
    const bounded = boundModel(
      model(
        [
          { kind: 'table', header: ['Befund', 'Quelle'], rows: [[huge, 'IHK']] },
          { kind: 'paragraph', runs: [{ text: huge }] },
          { kind: 'facts', rows: [['Titel', huge]] },
          { kind: 'code', text: huge },
        ],
        huge,
      ),
    );
    const [table, paragraph, facts, code] = bounded.blocks as [Extract<Block, { kind: 'table' }>, Extract<Block, { kind: 'paragraph' }>, Extract<Block, { kind: 'facts' }>, Extract<Block, { kind: 'code' }>];
    expect(bounded.title).toHaveLength(EXPORT_LIMITS.shortText);
    expect(table.rows[0]![0]).toHaveLength(EXPORT_LIMITS.shortText);
    expect(table.rows[0]![0]!.endsWith('…')).toBe(true);
    expect(table.rows[0]![1]).toBe('IHK');
    expect(paragraph.runs[0]!.text).toHaveLength(EXPORT_LIMITS.paragraph);
    expect(facts.rows[0]![1]).toHaveLength(EXPORT_LIMITS.shortText);
    expect(code.text).toHaveLength(EXPORT_LIMITS.paragraph);
  });

  it('tables keep at most the row limit and say how many rows were left out; the document keeps its budget', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`Ebene ${i + 1}`, 'Bildungsbüro']);
    const bounded = boundModel(model([{ kind: 'table', header: ['Ziel', 'Verantwortlich'], rows }]));
    expect((bounded.blocks[0] as Extract<Block, { kind: 'table' }>).rows).toHaveLength(EXPORT_LIMITS.tableRows);
    expect(JSON.stringify(bounded.blocks[1])).toContain('5000 weitere Zeilen nicht dargestellt');

    const many = Array.from({ length: 2000 }, (): Block => ({ kind: 'paragraph', runs: [{ text: 'y'.repeat(EXPORT_LIMITS.paragraph) }] }));
    const cut = boundModel(model(many));
    expect(textOf(cut)).toBeLessThanOrEqual(EXPORT_LIMITS.totalText + 200);
    expect(JSON.stringify(cut.blocks.at(-1))).toContain('zu umfangreich');
  });

  it('drops characters DOCX (XML 1.0) cannot carry, and never leaves half a surrogate pair', () => {
    expect(clipText('a\u0000b\u0001c\u000bd\ud800e\tf\ng', 100)).toBe('abcde\tf\ng');
    expect(clipText('ab😀cd', 4)).toBe('ab…');
    expect(clipText('abcd', 4)).toBe('abcd');
  });

  it('prose nested deeper than the model follows becomes one paragraph of its text, links only when safe', () => {
    let deep: RichDoc['content'][number] = { type: 'paragraph', content: [{ type: 'text', text: 'Grund' }] };
    for (let i = 0; i < 50; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    const blocks = richBlocks({
      type: 'doc',
      content: [
        deep,
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'böse', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            { type: 'text', text: 'gut', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
          ],
        },
      ],
    });
    expect(JSON.stringify(blocks)).toContain('"text":"Grund"');
    let nesting = 0;
    let b: Block | undefined = blocks[0];
    while (b?.kind === 'list') {
      nesting++;
      b = b.items[0]?.[0];
    }
    expect(nesting).toBeLessThanOrEqual(9);
    expect(blocks[1]).toEqual({ kind: 'paragraph', runs: [{ text: 'böse' }, { text: 'gut', link: 'https://example.org' }] });
  });
});

describe('PDF and JSON details', () => {
  it('PDF text gets a zero-width break opportunity in every 40 characters without a blank', () => {
    expect(breakable('kurz und gut')).toBe('kurz und gut');
    const long = breakable('x'.repeat(100));
    expect(long.split('\u200b').map((p) => p.length)).toEqual([40, 40, 20]);
    expect(long.replace(/\u200b/g, '')).toBe('x'.repeat(100));
  });

  it('the JSON export leaves out link marks with unsafe targets and keeps safe ones (and their text)', () => {
    const prose: RichDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'data:text/html,x' } }] },
            { type: 'text', text: 'b', marks: [{ type: 'link', attrs: { href: 'file:///etc/passwd' } }] },
            { type: 'text', text: 'c', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
          ],
        },
      ],
    };
    expect(withSafeLinks(prose).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'a', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'b' },
        { type: 'text', text: 'c', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
      ],
    });
    const clean: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }] }] };
    // Nothing to drop: the very same object, so its hash still verifies.
    expect(withSafeLinks(clean)).toBe(clean);
  });
});

describe('file names of downloads', () => {
  it('write German letters out and take other letters to their base letter', () => {
    expect(fileSlug('Übergang Schule–Beruf')).toBe('Uebergang-Schule-Beruf');
    expect(fileSlug('Äpfel, Öl & Größe: süß')).toBe('Aepfel-Oel-Groesse-suess');
    expect(fileSlug('Ayşe Yılmaz-Doğan und Łukasz Wróbel')).toBe('Ayse-Yilmaz-Dogan-und-Lukasz-Wrobel');
    expect(transliterate('ğ ş Ł ł Ø æ ẞ é')).toBe('g s L l O ae SS e');
    expect(fileSlug('Protokoll Übergang Schule–Beruf', '2026-11-26')).toBe('Protokoll-Uebergang-Schule-Beruf-2026-11-26');
    // Nothing usable: a name all the same.
    expect(fileSlug('„–“')).toBe('werkraum');
  });

  it('a long name is cut between words, never within one and never ending in a dash; the tail stays whole', () => {
    const title = 'Protokoll Bildungskonferenz Übergang Schule–Beruf im Landkreis Märkisch-Oderland mit Jugendberufsagentur und Schulverwaltungsamt';
    const slug = fileSlug(title, '2026-11-26');
    expect(slug.length).toBeLessThanOrEqual(FILE_SLUG_MAX);
    expect(slug.endsWith('-2026-11-26')).toBe(true);
    const head = slug.slice(0, -'-2026-11-26'.length);
    expect(head).not.toMatch(/-$/);
    // Every word of the head is a whole word of the title, in order.
    const words = fileSlug(title, '').split('-');
    expect(words.slice(0, head.split('-').length)).toEqual(head.split('-'));
    expect(head).toBe('Protokoll-Bildungskonferenz-Uebergang-Schule-Beruf-im-Landkreis');
    const plain = fileSlug(title);
    expect(plain.length).toBeLessThanOrEqual(FILE_SLUG_MAX);
    expect(plain).not.toMatch(/-$/);
    expect(words.slice(0, plain.split('-').length).join('-')).toBe(plain);
    // A single word longer than a file name is the only thing ever cut.
    expect(fileSlug('x'.repeat(200))).toHaveLength(FILE_SLUG_MAX);
  });
});

describe('amounts', () => {
  it('German digits, two decimals, a no-break space before the euro sign', () => {
    expect(fmtEuro(4_096_578.97)).toBe('4.096.578,97\u00a0€');
    expect(fmtEuro(68000)).toBe('68.000,00\u00a0€');
    expect(fmtEuro(0.5)).toBe('0,50\u00a0€');
    expect(fmtEuro(null)).toBe('nicht geschätzt');
  });
});
