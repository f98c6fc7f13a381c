/**
 * The DOCX files as Word and LibreOffice read them: the bytes the real renderer produces are
 * opened and their XML checked (language, heading outline levels, fixed table columns wide
 * enough for every word, German amounts, no raw keys), from a large realistic draft.
 */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { richDocFromText } from '../../../shared/richText';
import { tallyRound, type RoundDefinition } from '../../../shared/votes';
import type { ProtokollInput } from './protokollDocument';
import { renderExport } from './render';
import { decisionExportInput } from '../../test/exportInput';
import { largeContent, PEOPLE } from '../../test/largeDraft';

const require = createRequire(import.meta.url);

/** A4 width minus the margins (2.5 cm and 2 cm), in DXA. */
const A4_TEXT_WIDTH = 11906 - 1417 - 1134;

// Arial's advance widths from the Helvetica AFM files pdfkit ships (the two are metric-compatible):
// an independent measure of the words the columns must hold.
function afmWidths(name: string): Map<number, number> {
  // pdfkit's package exports do not name its data files: find them beside its main module.
  const afm = readFileSync(join(dirname(require.resolve('pdfkit')), 'data', `${name}.afm`), 'utf8');
  const widths = new Map<number, number>();
  for (const m of afm.matchAll(/^C (\d+) ; WX (\d+)/gm)) widths.set(Number(m[1]), Number(m[2]));
  return widths;
}
const REGULAR = afmWidths('Helvetica');
const BOLD = afmWidths('Helvetica-Bold');
/** Width in DXA of a word at 9 pt (the tables' size); letters with diacritics as their base letter. */
function wordWidth(word: string, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of word.replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) units += table.get(ch.codePointAt(0)!) ?? 600;
  return (units / 1000) * 9 * 20;
}

const decisionInput = decisionExportInput;

function protokollInput(): ProtokollInput {
  const def: RoundDefinition = {
    method: 'punktabfrage',
    title: 'Schwerpunkte',
    named: false,
    agendaItemId: null,
    options: [
      { id: 'o1', label: 'Übergang Schule–Beruf', source: { board: 'priorities', itemId: 'p1' }, statusQuo: false },
      { id: 'o2', label: 'Sprachförderung', source: { board: 'priorities', itemId: 'p2' }, statusQuo: false },
    ],
    dotsPerPerson: 3,
    maxPerOption: 3,
    nonBinding: false,
    label: null,
  };
  const ballot = (participantId: string, displayName: string, dots: Record<string, number>) => ({
    participantId,
    displayName,
    actorGroup: null,
    ballot: { method: 'punktabfrage' as const, dots },
  });
  const round = tallyRound(
    'r1',
    def,
    [ballot('a', PEOPLE[0]!, { o1: 1, o2: 2 }), ballot('b', PEOPLE[1]!, { o1: 1, o2: 2 }), ballot('c', PEOPLE[2]!, { o1: 1, o2: 2 })],
    null,
    { openedAt: Date.parse('2026-11-26T10:00:00Z'), closedAt: Date.parse('2026-11-26T10:10:00Z') },
    3,
  );
  return {
    session: { id: 's1', title: 'Übergang Schule–Beruf', kind: 'bildungskonferenz', date: '2026-11-26' },
    generatedAt: '2026-11-27T10:00:00.000Z',
    agenda: [{ id: 'a1', title: 'Prioritäten setzen', phase: 'wo_wollen_wir_hin', board: 'priorities', plannedMinutes: 45, timer: { status: 'idle', durationMs: 0 } }],
    notes: richDocFromText(`${PEOPLE[3]} eröffnet die Konferenz.`),
    swot: [],
    priorities: [
      { id: 'p1', rank: 2, title: 'Übergang Schule–Beruf', description: '', role: 'gewaehrleisterin', actors: [PEOPLE[1]!] },
      { id: 'p2', rank: 1, title: 'Sprachförderung', description: '', role: null, actors: [] },
    ],
    goals: [{ depth: 0, level: 'strategisch', title: 'Übergangsquote erhöhen', owner: 'Verantwortlichkeitsbereich Jugendberufsagentur', zielfeld: 'wirkungen', indicators: [] }],
    actions: [],
    canvas: [],
    rounds: [round],
    cancelledRounds: 0,
    participation: { people: 3, byActorGroup: [], withoutGroup: 3, observers: 0, maxVoters: 3 },
    drafts: [{ reference: 'LK-2026-001', title: 'Übergang Schule–Beruf', status: 'entwurf', latestVersion: 0, decision: null }],
  };
}

interface Docx {
  document: string;
  styles: string;
  settings: string;
}

async function open(bytes: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (name: string) => zip.file(name)!.async('string');
  return { document: await part('word/document.xml'), styles: await part('word/styles.xml'), settings: await part('word/settings.xml') };
}

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
const styleOf = (p: string) => /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? null;
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const styleXml = (styles: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';

const FIGURE = /^[-+−(]?[\d.,:/%€\u00a0]*\d[\d.,:/%€\u00a0)]*$/;
/** Pieces a line may not break: words between spaces, split after hyphens and dashes. */
const words = (text: string) => text.split(/[ \t]+/).flatMap((w) => w.split(/(?<=[-–—])/)).filter((w) => w !== '');

/**
 * Checks every table: fixed layout, explicit widths that fill the A4 text width, every cell as
 * wide as its column. Header words, dates, numbers and amounts always fit whole; every other word
 * does too when the longest words of all columns fit the page together (else it is hyphenated).
 */
function checkTables(xml: string): { header: string[]; widths: number[]; allWordsFit: boolean }[] {
  const found: { header: string[]; widths: number[]; allWordsFit: boolean }[] = [];
  for (const tbl of tables(xml)) {
    expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
    expect(tbl).toMatch(new RegExp(`<w:tblW w:type="dxa" w:w="${A4_TEXT_WIDTH}"/>`));
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(A4_TEXT_WIDTH);
    const rows = [...tbl.matchAll(/<w:tr(?: [^>]*)?>[\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]));
    const cells = rows.flatMap((row, r) =>
      row.map((cell, col) => {
        const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/.exec(cell)?.[1]);
        expect(width).toBe(grid[col]);
        const margins = [...cell.matchAll(/<w:(?:left|right) w:type="dxa" w:w="(\d+)"\/>/g)].reduce((s, m) => s + Number(m[1]), 0);
        const pieces = paragraphs(cell).flatMap((p) => words(textOf(p)).map((word) => ({ word, bold: p.includes('<w:b/>') })));
        return { r, col, room: width - margins, margins, pieces };
      }),
    );
    const longest = grid.map((_, col) => Math.max(0, ...cells.filter((c) => c.col === col).flatMap((c) => c.pieces.map((p) => wordWidth(p.word, p.bold) + c.margins))));
    const allWordsFit = longest.reduce((a, b) => a + b, 0) <= A4_TEXT_WIDTH;
    for (const c of cells) {
      for (const p of c.pieces) {
        if (allWordsFit || c.r === 0 || FIGURE.test(p.word)) expect(wordWidth(p.word, p.bold), `"${p.word}" in a column of ${c.room} DXA`).toBeLessThanOrEqual(c.room);
      }
    }
    found.push({ header: rows[0]?.map(textOf) ?? [], widths: grid, allWordsFit });
  }
  return found;
}

describe('DOCX a Kommune accepts', () => {
  it('Beschlussvorlage: German language, headings with outline levels, fixed columns no word is split in, German amounts', async () => {
    const d = await open(await renderExport({ kind: 'decision', format: 'docx', input: decisionInput(largeContent()) }));

    // The document language is German, for hyphenation and spelling, and hyphenation is on.
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(d.styles)?.[0] ?? '';
    expect(defaults).toContain('<w:lang w:val="de-DE"/>');
    expect(d.settings).toContain('<w:autoHyphenation/>');

    // Headings are Word's built-in heading styles with outline levels.
    for (const [id, name, level] of [['Heading1', 'heading 1', 0], ['Heading2', 'heading 2', 1], ['Heading3', 'heading 3', 2]] as const) {
      const style = styleXml(d.styles, id);
      expect(style).toContain(`<w:name w:val="${name}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${level}"/>`);
    }
    const headings = paragraphs(d.document).filter((p) => styleOf(p) === 'Heading1').map(textOf);
    // Betreff and Beratungsfolge under the header block, then the numbered sections with the
    // Beschlussvorschlag first, the Anlagen last, and the annex (unnumbered) after them.
    expect(headings).toEqual([
      'Betreff',
      'Beratungsfolge',
      ...[
        'Beschlussvorschlag',
        'Sachverhalt',
        'Begründung',
        'Schwerpunktthemen',
        'Ziele und Indikatoren',
        'Maßnahmen',
        'Zuständigkeiten',
        'Rolle der Kommune und Verbindlichkeit',
        'Finanzielle Auswirkungen',
        'Zeitplan',
        'Beteiligung',
        'Konsensfindung',
        'Anlagen',
      ].map((t, i) => `${i + 1}. ${t}`),
      'Anhang: Herkunft und Prüfung',
    ]);

    // Every table: fixed layout, explicit widths adding up to the A4 text width, every word fits.
    const found = checkTables(d.document);
    // Most tables hold every word whole; the dense goals table with long compound names only its figures and header.
    expect(found.filter((t) => t.allWordsFit).length).toBeGreaterThan(found.length / 2);
    const goals = found.find((t) => t.header[1] === 'Verantwortlich' && t.header[5] === 'Frist')!;
    expect(goals).toBeDefined();
    // "Verantwortlich" in bold and "31.07.2028" fit whole (the columns are wider than the words).
    expect(goals.widths[1]).toBeGreaterThan(wordWidth('Verantwortlich', true) + 160);
    expect(goals.widths[5]).toBeGreaterThan(wordWidth('31.07.2028', false) + 160);
    expect(textOf(d.document)).toContain('31.07.2028');
    expect(textOf(d.document)).toContain('Łukasz Wróbel');
    expect(textOf(d.document)).toContain('Çağrı Şahin');

    // Amounts: German digits, a no-break space before €, right-aligned; a sum per period.
    const costTable = tables(d.document).find((t) => textOf(t).includes('Kostenposition 1'))!;
    const costRows = [...costTable.matchAll(/<w:tr(?: [^>]*)?>[\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]));
    const amount = costRows.find((r) => textOf(r[0]!) === 'Kostenposition 1')![2]!;
    expect(textOf(amount)).toBe('4.096.578,97\u00a0€');
    expect(amount).toContain('<w:jc w:val="right"/>');
    const sums = costRows.filter((r) => textOf(r[0]!).startsWith('Summe')).map((r) => `${textOf(r[0]!)} | ${textOf(r[2]!)}`);
    // jährlich: positions 1, 4, 6, 9, 11, 14; einmalig: 2, 5, 7, 10, 12 and 15 (not estimated); 2027: 3, 8, 13.
    expect(sums).toEqual([
      'Summe jährlich | 4.536.578,97\u00a0€',
      'Summe einmalig (ohne 1 nicht geschätzte Position) | 360.000,00\u00a0€',
      'Summe 2027 | 240.000,00\u00a0€',
    ]);
    expect(sums.some((s) => s.startsWith('Summe der'))).toBe(false);

    // A record with a board slot's raw numbers reads in words.
    expect(textOf(d.document)).not.toMatch(/\b(dots|rank): /);
    expect(textOf(d.document)).toContain('Punktabfrage (12 Teilnehmende): 3 Punkte, Rang 2');
  });

  it('Protokoll: no raw keys, results in German words, the same German and table rules', async () => {
    const d = await open(await renderExport({ kind: 'protokoll', format: 'docx', input: protokollInput() }));
    const text = textOf(d.document);
    expect(text).not.toMatch(/\b(dots|rank|total|mean|voters): /);
    const prio = tables(d.document).find((t) => textOf(t).includes('Sprachförderung') && textOf(t).includes('Rolle der Kommune'))!;
    expect(textOf(prio)).toContain('3 Punkte, Rang 2 von 2');
    expect(textOf(prio)).toContain('6 Punkte, Rang 1 von 2');
    expect(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(d.styles)?.[0]).toContain('<w:lang w:val="de-DE"/>');
    expect(paragraphs(d.document).filter((p) => styleOf(p) === 'Heading1').map(textOf)).toEqual(expect.arrayContaining(['1. Anwesenheit', '2. Tagesordnung', '6. Prioritäten', '10. Genehmigung']));
    checkTables(d.document);
  });
});
