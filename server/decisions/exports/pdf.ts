/**
 * PDF from the document model (pdfmake): A4 print layout, running header, "Seite X von Y",
 * tables with a repeated header row. Fonts come from the app's own node_modules (KERN UX ships
 * Noto Sans); pdfmake may read nothing else from disk and nothing at all from the network.
 *
 * KERN's Fira Sans is only shipped as WOFF2, whose composite glyphs fontkit (pdfkit) cannot
 * subset; its Noto Sans also comes as WOFF 1.0, which works. Noto Sans has no italic cut in
 * KERN: italic text is set upright.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfMakeModule from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { safeLinkTarget } from '../../../shared/links';
import type { Block, DocModel, Run } from './model';

const require = createRequire(import.meta.url);
type PdfMake = typeof PdfMakeModule;

export const PDF_FONT_DIR = join(dirname(require.resolve('@kern-ux/native/package.json')), 'dist', 'fonts', 'noto-sans');
const FONT = 'NotoSans';

let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  const regular = join(PDF_FONT_DIR, 'NotoSans-Regular.woff');
  const bold = join(PDF_FONT_DIR, 'NotoSans-Bold.woff');
  pm.setFonts({ [FONT]: { normal: regular, bold, italics: regular, bolditalics: bold } });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => path === regular || path === bold);
  pdfmake = pm;
  return pm;
}

/** Loads pdfmake and its fonts' policy ahead of the first job (the export worker does this at start). */
export function preloadPdf(): void {
  engine();
}

/**
 * Text with a break opportunity (U+200B, zero width) inside every run of 40 non-blank characters.
 * pdfmake splits a word too long for its line character by character, which costs time
 * quadratic in the word's length: 20,000 characters without a blank took 90 s, with this 5 s.
 */
export function breakable(text: string): string {
  return text.replace(/\S{40}(?=\S)/g, '$&\u200b');
}

/** A4 width minus margins (2.5 cm left, 2 cm right), in points. */
const TEXT_WIDTH = 595.28 - 71 - 57;

function inline(runs: readonly Run[]): Content[] {
  const out: Content[] = [];
  for (const r of runs) {
    if (r.breakBefore) out.push({ text: '\n' });
    if (r.text === '') continue;
    // Only http, https and mailto become URI actions; anything else stays plain text.
    const link = r.link ? safeLinkTarget(r.link) : null;
    out.push({
      text: breakable(r.text),
      bold: r.bold,
      italics: r.italic,
      decoration: r.underline ? 'underline' : r.strike ? 'lineThrough' : undefined,
      ...(link !== null ? { link, color: '1F4E99' } : {}),
      ...(r.code ? { background: '#F0F0F0' } : {}),
    });
  }
  return out;
}

const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#8A8A8A',
  vLineColor: () => '#8A8A8A',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
  fillColor: (row: number) => (row === 0 ? '#E6E9EE' : null),
};

function widthsOf(n: number, weights?: number[]): number[] {
  const w = weights && weights.length === n ? weights : new Array<number>(n).fill(1);
  const total = w.reduce((a, b) => a + b, 0);
  // Borders and padding take ~9 pt per column.
  return w.map((x) => Math.max(20, ((TEXT_WIDTH - n * 9) * x) / total));
}

function content(block: Block): Content {
  switch (block.kind) {
    case 'heading':
      return { text: breakable(block.text), style: `h${block.level}` };
    case 'paragraph':
      return { text: inline(block.runs), style: block.style === 'muted' ? 'muted' : block.style === 'lead' ? 'lead' : 'body' };
    case 'list': {
      const items = block.items.map((item) => (item.length === 1 ? content(item[0]!) : { stack: item.map(content) }));
      return block.ordered ? { ol: items, start: block.start, style: 'body' } : { ul: items, style: 'body' };
    }
    case 'quote':
      return { stack: block.blocks.map(content), margin: [14, 0, 0, 6], color: '#404040' };
    case 'code':
      return { text: breakable(block.text), style: 'body', background: '#F0F0F0' };
    case 'rule':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#A0A0A0' }], margin: [0, 4, 0, 8] };
    case 'table': {
      const alignment = (i: number) => (block.align?.[i] === 'right' ? { alignment: 'right' as const } : {});
      const head: TableCell[] = block.header.map((t, i) => ({ text: breakable(t), bold: true, ...alignment(i) }));
      const rows: TableCell[][] = block.rows.map((r) => block.header.map((_, i) => ({ text: breakable(r[i] ?? ''), ...alignment(i) })));
      return {
        table: { headerRows: 1, dontBreakRows: true, widths: widthsOf(block.header.length, block.widths), body: [head, ...rows] },
        layout: tableLayout,
        style: 'table',
      };
    }
    case 'facts':
      return {
        table: { widths: [TEXT_WIDTH * 0.3, '*'], body: block.rows.map(([k, v]) => [{ text: breakable(k), bold: true }, { text: breakable(v) }]) },
        layout: 'noBorders',
        style: 'facts',
      };
  }
}

export async function renderPdf(model: DocModel, onProgress: (share: number) => void = () => undefined): Promise<Buffer> {
  const pm = engine();
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [71, 60, 57, 57],
    info: { title: model.title, author: 'Werkraum', subject: model.subject, keywords: model.keywords.join(', '), creator: 'Werkraum' },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    header: () => ({ text: breakable(model.header), fontSize: 8, color: '#5A5A5A', margin: [71, 28, 57, 0] }),
    footer: (current: number, count: number) => ({
      columns: [
        { text: breakable(model.footer), fontSize: 8, color: '#5A5A5A' },
        { text: `Seite ${current} von ${count}`, fontSize: 8, color: '#5A5A5A', alignment: 'right' },
      ],
      margin: [71, 20, 57, 0],
    }),
    styles: {
      kicker: { fontSize: 9, bold: true, color: '#3A4A5E', margin: [0, 0, 0, 2] },
      title: { fontSize: 18, bold: true, color: '#1A2A3E', margin: [0, 0, 0, 12] },
      h1: { fontSize: 13, bold: true, color: '#1A2A3E', margin: [0, 14, 0, 6] },
      h2: { fontSize: 11, bold: true, color: '#1A2A3E', margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
      body: { margin: [0, 0, 0, 6] },
      lead: { fontSize: 11, margin: [0, 0, 0, 6] },
      muted: { color: '#5A5A5A', margin: [0, 0, 0, 6] },
      table: { fontSize: 8.5, margin: [0, 2, 0, 10] },
      facts: { fontSize: 9.5, margin: [0, 0, 0, 10] },
    },
    content: [{ text: breakable(model.kicker.toUpperCase()), style: 'kicker' }, { text: breakable(model.title), style: 'title' }, ...model.blocks.map(content)],
  };
  onProgress(0.2);
  const buffer = await pm.createPdf(def).getBuffer();
  onProgress(1);
  return Buffer.from(buffer);
}
