/**
 * PDF from the document model (pdfmake): A4 print layout, running header, "Seite X von Y",
 * tables with a repeated header row. Fonts come from the app's own node_modules (KERN UX ships
 * Noto Sans); pdfmake may read nothing else from disk and nothing at all from the network.
 *
 * KERN's Fira Sans is only shipped as WOFF2, whose composite glyphs fontkit (pdfkit) cannot
 * subset; its Noto Sans also comes as WOFF 1.0, which works. Noto Sans has no italic cut in
 * KERN: italic text is set upright.
 *
 * KERN's Noto Sans holds Latin, Greek and Cyrillic but no arrows, comparison signs or check
 * marks (→ ≥ ≤ ≈ ✓). Every text piece is therefore split (`glyphRuns`): characters the Noto Sans
 * face of the same weight has stay in it, the others are set in DejaVu Sans (npm
 * `dejavu-fonts-ttf`, with bold and oblique cuts), which covers them; characters neither font
 * has stay in Noto Sans.
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
export const PDF_FALLBACK_FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = 'NotoSans';
const FALLBACK = 'DejaVuSans' as const;

const NOTO = { regular: join(PDF_FONT_DIR, 'NotoSans-Regular.woff'), bold: join(PDF_FONT_DIR, 'NotoSans-Bold.woff') };
const DEJAVU = {
  normal: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italics: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  bolditalics: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};

/** The part of fontkit's font object used here (fontkit ships no types; pdfkit depends on it). */
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Per face (regular, bold): the fontkit font, loaded once, and its answers per code point. */
const coverage = new Map<string, { font: CoverageFont; known: Map<number, boolean> }>();

function faceCovers(path: string, codePoint: number): boolean {
  let face = coverage.get(path);
  if (!face) {
    const fontkit = require('fontkit') as { openSync(path: string): CoverageFont };
    face = { font: fontkit.openSync(path), known: new Map() };
    coverage.set(path, face);
  }
  let has = face.known.get(codePoint);
  if (has === undefined) {
    has = face.font.hasGlyphForCodePoint(codePoint);
    face.known.set(codePoint, has);
  }
  return has;
}

/** Whether `codePoint` must be set in the fallback font: Noto Sans (of this weight) lacks it and DejaVu Sans has it. */
function needsFallback(codePoint: number, bold: boolean, italics: boolean): boolean {
  // ASCII and Latin-1 are always in Noto Sans.
  if (codePoint < 0x100) return false;
  if (faceCovers(bold ? NOTO.bold : NOTO.regular, codePoint)) return false;
  const fallback = bold ? (italics ? DEJAVU.bolditalics : DEJAVU.bold) : italics ? DEJAVU.italics : DEJAVU.normal;
  return faceCovers(fallback, codePoint);
}

/** A piece of text in Noto Sans (a string) or in the fallback font. */
export type GlyphPiece = string | { text: string; font: typeof FALLBACK };

/**
 * A text as pdfmake inline pieces: the text itself when Noto Sans has every character (the
 * usual case), else an array of strings (Noto Sans, inheriting every property of the node they
 * are put in) and `{ text, font: DejaVuSans }` pieces. `bold`/`italics` are the weight and style
 * the text is set in (from its node or its style), which choose the face whose glyphs count.
 */
export function glyphRuns(text: string, bold = false, italics = false): string | GlyphPiece[] {
  let start = 0;
  let inFallback = false;
  let pieces: GlyphPiece[] | null = null;
  let i = 0;
  for (const ch of text) {
    const fallback = needsFallback(ch.codePointAt(0)!, bold, italics);
    if (fallback !== inFallback) {
      pieces ??= [];
      if (i > start) pieces.push(inFallback ? { text: text.slice(start, i), font: FALLBACK } : text.slice(start, i));
      start = i;
      inFallback = fallback;
    }
    i += ch.length;
  }
  if (pieces === null) return text;
  if (i > start) pieces.push(inFallback ? { text: text.slice(start, i), font: FALLBACK } : text.slice(start, i));
  return pieces;
}

/** A model text as pdfmake text: break opportunities in long words, fallback glyphs split off. */
const txt = (text: string, bold = false, italics = false) => glyphRuns(breakable(text), bold, italics);

let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  const { regular, bold } = NOTO;
  pm.setFonts({ [FONT]: { normal: regular, bold, italics: regular, bolditalics: bold }, [FALLBACK]: DEJAVU });
  pm.setUrlAccessPolicy(() => false);
  const allowed = new Set([regular, bold, ...Object.values(DEJAVU)]);
  pm.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmake = pm;
  return pm;
}

/** Loads pdfmake, its fonts' policy and the fonts' coverage ahead of the first job (the export worker does this at start). */
export function preloadPdf(): void {
  engine();
  glyphRuns('\u2192', false);
  glyphRuns('\u2192', true);
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

/**
 * A paragraph's runs as pdfmake inline nodes, split where the fallback font takes over. pdfmake
 * flattens nested text arrays without their properties, so every piece carries its run's.
 */
function inline(runs: readonly Run[]): Content[] {
  const out: Content[] = [];
  for (const r of runs) {
    if (r.breakBefore) out.push({ text: '\n' });
    if (r.text === '') continue;
    // Only http, https and mailto become URI actions (a /Link annotation); anything else stays plain text.
    const link = r.link ? safeLinkTarget(r.link) : null;
    const props = {
      bold: r.bold,
      italics: r.italic,
      // Links are underlined and blue, as on screen.
      decoration: r.underline || link !== null ? ('underline' as const) : r.strike ? ('lineThrough' as const) : undefined,
      ...(link !== null ? { link, color: '#1F4E99' } : {}),
      ...(r.code ? { background: '#F0F0F0' } : {}),
    };
    const pieces = txt(r.text, r.bold, r.italic);
    if (typeof pieces === 'string') out.push({ text: pieces, ...props });
    else for (const piece of pieces) out.push(typeof piece === 'string' ? { text: piece, ...props } : { ...piece, ...props });
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

/** Bookmarks: headings 1 and 2 enter the PDF outline, a heading 2 below the heading 1 before it. */
interface Outline {
  count: number;
  parent: string | undefined;
}

function content(block: Block, outline: Outline): Content {
  switch (block.kind) {
    case 'heading': {
      const node = { text: txt(block.text, true), style: `h${block.level}` };
      if (block.level === 3) return node;
      const id = `outline-${++outline.count}`;
      const parent = block.level === 2 ? outline.parent : undefined;
      if (block.level === 1) outline.parent = id;
      return { ...node, id, outline: true, outlineText: block.text, ...(parent !== undefined ? { outlineParentId: parent } : {}) };
    }
    case 'paragraph':
      return { text: inline(block.runs), style: block.style === 'muted' ? 'muted' : block.style === 'lead' ? 'lead' : 'body' };
    case 'list': {
      const items = block.items.map((item) => (item.length === 1 ? content(item[0]!, outline) : { stack: item.map((b) => content(b, outline)) }));
      return block.ordered ? { ol: items, start: block.start, style: 'body' } : { ul: items, style: 'body' };
    }
    case 'quote':
      return { stack: block.blocks.map((b) => content(b, outline)), margin: [14, 0, 0, 6], color: '#404040' };
    case 'code':
      return { text: txt(block.text), style: 'body', background: '#F0F0F0' };
    case 'rule':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#A0A0A0' }], margin: [0, 4, 0, 8] };
    case 'table': {
      const alignment = (i: number) => (block.align?.[i] === 'right' ? { alignment: 'right' as const } : {});
      const head: TableCell[] = block.header.map((t, i) => ({ text: txt(t, true), bold: true, ...alignment(i) }));
      const rows: TableCell[][] = block.rows.map((r) => block.header.map((_, i) => ({ text: txt(r[i] ?? ''), ...alignment(i) })));
      return {
        table: { headerRows: 1, dontBreakRows: true, widths: widthsOf(block.header.length, block.widths), body: [head, ...rows] },
        layout: tableLayout,
        style: 'table',
      };
    }
    case 'facts':
      return {
        table: { widths: [TEXT_WIDTH * 0.3, '*'], body: block.rows.map(([k, v]) => [{ text: txt(k, true), bold: true }, { text: txt(v) }]) },
        layout: 'noBorders',
        style: 'facts',
      };
  }
}

export async function renderPdf(model: DocModel, onProgress: (share: number) => void = () => undefined): Promise<Buffer> {
  const pm = engine();
  const outline: Outline = { count: 0, parent: undefined };
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    // The catalog's /Lang: screen readers and text extraction read the document as German.
    language: 'de-DE',
    // Viewers show the title (not the file name) in their title bar.
    displayTitle: true,
    pageMargins: [71, 60, 57, 57],
    info: { title: model.title, author: 'Werkraum', subject: model.subject, keywords: model.keywords.join(', '), creator: 'Werkraum' },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    header: () => ({ text: txt(model.header), fontSize: 8, color: '#5A5A5A', margin: [71, 28, 57, 0] }),
    footer: (current: number, count: number) => ({
      columns: [
        { text: txt(model.footer), fontSize: 8, color: '#5A5A5A' },
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
    content: [
      { text: txt(model.kicker.toUpperCase(), true), style: 'kicker' },
      { text: txt(model.title, true), style: 'title' },
      ...model.blocks.map((b) => content(b, outline)),
    ],
  };
  onProgress(0.2);
  const buffer = await pm.createPdf(def).getBuffer();
  onProgress(1);
  return Buffer.from(buffer);
}
