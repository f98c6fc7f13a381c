/**
 * PDF from the document model, laid out with pdfkit directly: a tagged PDF/A-2a file for
 * publication (BITV). What it carries:
 *
 * - a structure tree in reading order: Document → H1/H2/H3, P, L/LI/Lbl/LBody, BlockQuote,
 *   Table/TR/TH/TD (header cells with their scope), Link (with its annotation); running header,
 *   footer, page numbers, rules, table borders and repeated header rows are artifacts;
 * - `/Lang de-DE`, the title as the window title (DisplayDocTitle), author, subject, keywords,
 *   XMP metadata with the PDF/A identification, an sRGB output intent;
 * - bookmarks from headings 1 and 2 (a heading 2 below the heading 1 before it);
 * - links as URI link annotations, underlined and blue as on screen;
 * - A4 print layout, running header, "Seite X von Y", tables with column widths that hold their
 *   longest word (set smaller, down to 7 pt, when they cannot stand side by side), a header row
 *   repeated on every page and rows that are never split across pages (a row taller than a page
 *   is set cell below cell).
 *
 * Fonts come from the app's own node_modules, nothing from the system or the network: KERN UX's
 * Noto Sans (WOFF 1.0; KERN's Fira Sans is only shipped as WOFF2, whose composite glyphs fontkit
 * cannot subset) and, for what Noto Sans lacks (arrows, comparison signs, check marks: → ≥ ≤ ≈ ✓),
 * DejaVu Sans (npm `dejavu-fonts-ttf`). Every text piece is split (`glyphRuns`): characters the
 * Noto Sans face of the same weight has stay in it, the others are set in DejaVu Sans; characters
 * neither font has stay in Noto Sans. Noto Sans has no italic cut in KERN: italic text is set
 * upright. Both are embedded as subsets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { safeLinkTarget } from '../../../shared/links';
import type { Block, DocModel, Run } from './model';

const require = createRequire(import.meta.url);

export const PDF_FONT_DIR = join(dirname(require.resolve('@kern-ux/native/package.json')), 'dist', 'fonts', 'noto-sans');
export const PDF_FALLBACK_FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FALLBACK = 'DejaVuSans' as const;

const NOTO = { regular: join(PDF_FONT_DIR, 'NotoSans-Regular.woff'), bold: join(PDF_FONT_DIR, 'NotoSans-Bold.woff') };
const DEJAVU = {
  normal: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italics: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  bolditalics: join(PDF_FALLBACK_FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};

/** The part of fontkit's font object used here (fontkit ships no types; pdfkit depends on it). */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  ascent: number;
  unitsPerEm: number;
}

/**
 * A WOFF 1.0 file as the TrueType/OpenType (SFNT) file it wraps: the same tables, inflated once.
 * fontkit reads a WOFF font's tables through a pure-JavaScript inflate on every access, and
 * subsetting reads the glyph table once per glyph: that cost seconds per export.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((o) => woff.readUInt32BE(e + o)) as [number, number, number, number, number];
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('WOFF table of the wrong length');
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const pad = (n: number) => (n + 3) & ~3;
  let size = 12 + 16 * numTables;
  for (const t of tables) size += pad(t.data.length);
  const out = Buffer.alloc(size);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let at = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const e = 12 + i * 16;
    out.writeUInt32BE(t.tag, e);
    out.writeUInt32BE(t.checksum, e + 4);
    out.writeUInt32BE(at, e + 8);
    out.writeUInt32BE(t.data.length, e + 12);
    t.data.copy(out, at);
    at += pad(t.data.length);
  });
  return out;
}

/** Per face: the fontkit font, parsed once per process (pdfkit takes it as it is), and its answers per code point. */
const faces = new Map<string, { font: FontkitFont; known: Map<number, boolean> }>();

function face(path: string) {
  let f = faces.get(path);
  if (!f) {
    const fontkit = require('fontkit') as { create(buffer: Buffer): FontkitFont };
    const file = readFileSync(path);
    f = { font: fontkit.create(path.endsWith('.woff') ? woffToSfnt(file) : file), known: new Map() };
    faces.set(path, f);
  }
  return f;
}

function faceCovers(path: string, codePoint: number): boolean {
  const f = face(path);
  let has = f.known.get(codePoint);
  if (has === undefined) {
    has = f.font.hasGlyphForCodePoint(codePoint);
    f.known.set(codePoint, has);
  }
  return has;
}

const fallbackPath = (bold: boolean, italics: boolean) => (bold ? (italics ? DEJAVU.bolditalics : DEJAVU.bold) : italics ? DEJAVU.italics : DEJAVU.normal);

/** Whether `codePoint` must be set in the fallback font: Noto Sans (of this weight) lacks it and DejaVu Sans has it. */
function needsFallback(codePoint: number, bold: boolean, italics: boolean): boolean {
  // ASCII and Latin-1 are always in Noto Sans.
  if (codePoint < 0x100) return false;
  if (faceCovers(bold ? NOTO.bold : NOTO.regular, codePoint)) return false;
  return faceCovers(fallbackPath(bold, italics), codePoint);
}

/** A piece of text in Noto Sans (a string) or in the fallback font. */
export type GlyphPiece = string | { text: string; font: typeof FALLBACK };

/**
 * A text as pieces: the text itself when Noto Sans has every character (the usual case), else
 * an array of strings (Noto Sans) and `{ text, font: DejaVuSans }` pieces. `bold`/`italics` are
 * the weight and style the text is set in, which choose the face whose glyphs count.
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

/**
 * Text with a break opportunity (U+200B, zero width) inside every run of 40 non-blank characters,
 * so a word far wider than its line is broken at these points rather than character by character.
 */
export function breakable(text: string): string {
  return text.replace(/\S{40}(?=\S)/g, '$&\u200b');
}

/** Letters, digits and signs a German document is set in: laid out once per face at preload. */
const SAMPLE = 'Übergangsquote Schule–Beruf: „Zielwert“ 61,5 % → 70 %, 4.096.578,97 € (§ 4) ÄÖÜäöüß fi fl ffi Łğş ≥≤≈✓ AVATar';

/**
 * Loads the fonts, their coverage and their layout tables ahead of the first job (the export
 * worker does this at start): fontkit reads a font's substitution and positioning tables on its
 * first layout, once per process, and so does the first export without this.
 */
export function preloadPdf(): void {
  for (const path of [NOTO.regular, NOTO.bold, ...Object.values(DEJAVU)]) (face(path).font as unknown as { layout(text: string): unknown }).layout(SAMPLE);
  glyphRuns('\u2192', false);
  glyphRuns('\u2192', true);
}

// ---------------------------------------------------------------------------------------------
// Layout

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 60, bottom: 57, left: 71, right: 57 };
/** A4 width minus margins (2.5 cm left, 2 cm right), in points. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;

const COLOR = { text: '#000000', heading: '#1A2A3E', kicker: '#3A4A5E', muted: '#5A5A5A', quote: '#404040', link: '#1F4E99', rule: '#A0A0A0', grid: '#8A8A8A', head: '#E6E9EE', code: '#F0F0F0' };
const SIZE = { body: 10, kicker: 9, title: 18, h1: 13, h2: 11, h3: 10, lead: 11, table: 8.5, facts: 9.5, running: 8 };
const LINE_GAP = 2;
const CELL_PAD = { x: 4, y: 3 };

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** How a run of text is set. */
interface Style {
  size: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'right';
}

/** A text run with its marks, as the drawing code takes it. */
type Piece = Pick<Run, 'text' | 'bold' | 'italic' | 'underline' | 'strike' | 'code'> & { link?: string | null };

function fontName(piece: GlyphPiece, bold: boolean, italic: boolean): string {
  if (typeof piece === 'string') return bold ? 'NotoSans-Bold' : 'NotoSans';
  return bold ? (italic ? 'DejaVuSans-BoldOblique' : 'DejaVuSans-Bold') : italic ? 'DejaVuSans-Oblique' : 'DejaVuSans';
}

/** Noto Sans' ascender, in ems. */
function notoAscent(bold: boolean): number {
  const f = face(bold ? NOTO.bold : NOTO.regular).font;
  return f.ascent / f.unitsPerEm;
}

const pieceText = (p: GlyphPiece) => (typeof p === 'string' ? p : p.text);

class Layout {
  readonly doc: Doc;
  /** The outline item of the last heading 1, the parent of the headings 2 that follow it. */
  private h1Outline: PDFKit.PDFOutline | null = null;

  constructor(doc: Doc) {
    this.doc = doc;
  }

  /** Width of a text in points, each piece in the font it is set in. */
  width(text: string, size: number, bold = false): number {
    const doc = this.doc;
    const pieces = glyphRuns(text, bold);
    let w = 0;
    for (const p of typeof pieces === 'string' ? [pieces] : pieces) {
      doc.font(fontName(p, bold, false)).fontSize(size);
      w += doc.widthOfString(pieceText(p));
    }
    return w;
  }

  /**
   * Height of a text set at `width`. Pieces in the fallback font are measured as wide Noto Sans
   * letters, which makes the estimate err towards more room, never less.
   */
  height(text: string, width: number, size: number, bold = false): number {
    const doc = this.doc;
    const pieces = glyphRuns(breakable(text), bold);
    const measured = typeof pieces === 'string' ? pieces : pieces.map((p) => (typeof p === 'string' ? p : 'W'.repeat([...p.text].length))).join('');
    doc.font(bold ? 'NotoSans-Bold' : 'NotoSans').fontSize(size);
    return doc.heightOfString(measured === '' ? ' ' : measured, { width, lineGap: LINE_GAP });
  }

  /** A new page when less than `needed` points are left on this one (and this page is not empty already). */
  ensure(needed: number): void {
    if (this.doc.y + needed > BOTTOM && this.doc.y > MARGIN.top + 1) this.doc.addPage();
  }

  /**
   * Runs drawn as one flowing paragraph at `x`, `width`, from the current y, into structure
   * element `el`: plain runs as its marked content, links as Link elements holding the link
   * annotation. pdfkit wraps the runs together (`continued`) and moves to a new page as needed.
   */
  flow(el: Struct, runs: readonly Piece[], x: number, width: number, style: Style): void {
    const doc = this.doc;
    const parts: { piece: GlyphPiece; run: Piece; breakBefore: boolean }[] = [];
    for (const r of runs as readonly (Piece & { breakBefore?: boolean })[]) {
      if (r.breakBefore) parts.push({ piece: '\n', run: { text: '\n' }, breakBefore: true });
      if (r.text === '') continue;
      const pieces = glyphRuns(breakable(r.text), r.bold ?? style.bold ?? false, r.italic ?? false);
      for (const piece of typeof pieces === 'string' ? [pieces] : pieces) parts.push({ piece, run: r, breakBefore: false });
    }
    if (parts.length === 0) parts.push({ piece: ' ', run: { text: ' ' }, breakBefore: false });
    let first = true;
    const draw = (i: number) => {
      const { piece, run } = parts[i]!;
      const bold = run.bold ?? style.bold ?? false;
      const link = run.link ?? null;
      doc
        .font(fontName(piece, bold, run.italic ?? false))
        .fontSize(style.size)
        .fillColor(link !== null ? COLOR.link : style.color);
      const options: PDFKit.Mixins.TextOptions = {
        // pdfkit puts a piece's baseline one ascender of its own font below the line's top: a
        // fallback piece gets Noto Sans' ascender, so both sit on one baseline.
        ...(typeof piece === 'string' ? {} : { baseline: -notoAscent(bold) * style.size }),
        continued: i < parts.length - 1,
        link,
        underline: link !== null || (run.underline ?? false),
        strike: link === null && (run.strike ?? false),
        lineGap: LINE_GAP,
        align: style.align ?? 'left',
      };
      if (first) {
        first = false;
        doc.text(pieceText(piece), x, doc.y, { ...options, width });
      } else doc.text(pieceText(piece), options);
    };
    // Consecutive parts of one link go into one Link element; the rest into `el` directly.
    let i = 0;
    while (i < parts.length) {
      const link = parts[i]!.run.link ?? null;
      let j = i + 1;
      while (j < parts.length && (parts[j]!.run.link ?? null) === link) j++;
      const from = i;
      const to = j;
      const drawAll = () => {
        for (let k = from; k < to; k++) draw(k);
      };
      if (link !== null) {
        const linkEl = doc.struct('Link');
        el.add(linkEl);
        linkEl.add(drawAll);
        linkEl.end();
      } else el.add(drawAll);
      i = j;
    }
    doc.x = MARGIN.left;
  }

  /** A paragraph of `runs` as a structure element of `type` below `parent`, with space after. */
  paragraph(parent: Struct, type: string, runs: readonly Piece[], x: number, width: number, style: Style, after = 6): void {
    this.ensure(style.size * 1.4);
    const el = this.doc.struct(type);
    parent.add(el);
    this.flow(el, runs, x, width, style);
    el.end();
    this.doc.y += after;
  }

  heading(parent: Struct, level: 1 | 2 | 3, text: string, x: number, width: number): void {
    const doc = this.doc;
    const size = SIZE[`h${level}`];
    const before = level === 1 ? 14 : level === 2 ? 10 : 8;
    // A heading stays with at least three lines of what follows it.
    if (doc.y > MARGIN.top + 1) doc.y += before;
    this.ensure(this.height(text, width, size, true) + 3 * 12);
    if (level < 3) {
      // A destination at the heading's position (pdfkit counts `top` from the page's top and `left` from its right edge).
      const options = { top: doc.y, left: A4.width } as { expanded?: boolean };
      if (level === 1 || this.h1Outline === null) {
        const item = doc.outline.addItem(text, options);
        if (level === 1) this.h1Outline = item;
      } else this.h1Outline.addItem(text, options);
    }
    this.paragraph(parent, `H${level}`, [{ text, bold: true }], x, width, { size, color: level === 3 ? COLOR.text : COLOR.heading, bold: true }, level === 1 ? 6 : level === 2 ? 4 : 3);
  }

  /** An artifact (not part of the content): borders, fills, rules, repeated header rows, running texts. */
  artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    const doc = this.doc;
    doc.markContent('Artifact', type ? { type } : undefined);
    draw();
    doc.endMarkedContent();
  }

  rule(x: number, width: number): void {
    const doc = this.doc;
    this.ensure(12);
    const y = doc.y + 4;
    this.artifact(() => doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore(), 'Layout');
    doc.y = y + 8;
  }

  /**
   * Column widths that hold each column's longest word, else (`fits` false) widths in proportion
   * to the longest words and `wordsWidth`, the width the longest words take side by side.
   */
  columnWidths(header: readonly string[], rows: readonly (readonly string[])[], total: number, size: number, weights?: readonly number[], boldFirstColumn = false): { widths: number[]; fits: boolean; wordsWidth: number } {
    const n = header.length;
    const w = weights && weights.length === n ? weights : new Array<number>(n).fill(1);
    const sum = w.reduce((a, b) => a + b, 0) || n;
    const min = header.map((h, i) => {
      let m = 0;
      const words = (text: string, bold: boolean) => {
        // Lines may break at blanks and after a hyphen or a slash (as pdfkit's line breaking does).
        for (const word of text.split(/[\s\u200b]+|(?<=[-/])(?=\p{L})/u)) if (word !== '') m = Math.max(m, this.width(word, size, bold));
      };
      words(h, true);
      for (const r of rows) words(breakable(r[i] ?? ''), boldFirstColumn && i === 0);
      // pdfkit measures a word with the blank after it: a column narrower than that splits the word off its blank.
      return m + this.width(' ', size, true) + 2 * CELL_PAD.x + 1;
    });
    const widths = w.map((x) => (total * x) / sum);
    // Columns narrower than their longest word take it; the others share what is left, in proportion.
    const fixed = new Set<number>();
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let i = 0; i < n; i++) {
        if (!fixed.has(i) && widths[i]! < min[i]!) {
          fixed.add(i);
          widths[i] = min[i]!;
          changed = true;
        }
      }
      if (!changed) break;
      const left = total - [...fixed].reduce((a, i) => a + widths[i]!, 0);
      const freeWeight = w.reduce((a, x, i) => (fixed.has(i) ? a : a + x), 0);
      if (left <= 0 || freeWeight <= 0) {
        // The words do not fit side by side: every column in proportion to its longest word.
        const minSum = min.reduce((a, b) => a + b, 0);
        return { widths: min.map((m) => (total * m) / minSum), fits: minSum <= total, wordsWidth: minSum };
      }
      for (let i = 0; i < n; i++) if (!fixed.has(i)) widths[i] = (left * w[i]!) / freeWeight;
    }
    return { widths, fits: true, wordsWidth: min.reduce((a, b) => a + b, 0) };
  }

  /**
   * A table: a header row (TH, scope Column) repeated as an artifact on every further page, rows
   * (TD) kept whole on one page; `rowHeaders` makes the first cell of every row a TH (scope Row)
   * and there is no header row (the label/value "facts").
   */
  table(parent: Struct, t: { header: readonly string[] | null; rows: readonly (readonly string[])[]; widths: number[]; align?: readonly ('left' | 'right')[]; size: number; grid: boolean; rowHeaders: boolean }): void {
    const doc = this.doc;
    const x0 = MARGIN.left;
    const n = t.widths.length;
    const cellStyle = (i: number, head: boolean): Style => ({ size: t.size, color: COLOR.text, bold: head || (t.rowHeaders && i === 0), align: t.align?.[i] === 'right' ? 'right' : 'left' });
    const rowHeight = (cells: readonly string[], head: boolean) =>
      Math.max(...t.widths.map((w, i) => this.height(cells[i] ?? '', w - 2 * CELL_PAD.x, t.size, cellStyle(i, head).bold))) + 2 * CELL_PAD.y;
    const headHeight = t.header ? rowHeight(t.header, true) : 0;

    const frame = (y: number, h: number, head: boolean) => {
      if (!t.grid) return;
      this.artifact(() => {
        doc.save();
        if (head) doc.rect(x0, y, t.widths.reduce((a, b) => a + b, 0), h).fill(COLOR.head);
        doc.lineWidth(0.5).strokeColor(COLOR.grid);
        let x = x0;
        for (const w of t.widths) {
          doc.rect(x, y, w, h).stroke();
          x += w;
        }
        doc.restore();
      }, 'Layout');
    };
    /** Draws a row at the current y: into `row` (a TR) when given, else as an artifact (a repeated header). */
    const drawRow = (cells: readonly string[], head: boolean, h: number, row: Struct | null) => {
      const y = doc.y;
      frame(y, h, head);
      let x = x0;
      for (let i = 0; i < n; i++) {
        const w = t.widths[i]!;
        const style = cellStyle(i, head);
        const runs: Piece[] = [{ text: cells[i] ?? '', bold: style.bold }];
        doc.y = y + CELL_PAD.y;
        if (row) {
          const isTh = head || (t.rowHeaders && i === 0);
          const cell = doc.struct(isTh ? 'TH' : 'TD', isTh ? ({ scope: head ? 'Column' : 'Row' } as object) : {});
          row.add(cell);
          this.flow(cell, runs, x + CELL_PAD.x, w - 2 * CELL_PAD.x, style);
          cell.end();
        } else {
          this.artifact(() => {
            const holder = { add: (f: () => void) => f() } as unknown as Struct;
            this.flow(holder, runs, x + CELL_PAD.x, w - 2 * CELL_PAD.x, style);
          }, 'Pagination');
        }
        x += w;
      }
      doc.y = y + h;
      doc.x = MARGIN.left;
    };

    const table = doc.struct('Table');
    parent.add(table);
    const addRow = (cells: readonly string[], head: boolean, h: number) => {
      const tr = doc.struct('TR');
      table.add(tr);
      drawRow(cells, head, h, tr);
      tr.end();
    };
    // The header row with at least the first row below it.
    const firstHeight = t.rows.length > 0 ? rowHeight(t.rows[0]!, false) : 0;
    this.ensure(headHeight + firstHeight);
    if (t.header) addRow(t.header, true, headHeight);
    const pageRoom = BOTTOM - MARGIN.top - headHeight;
    for (const r of t.rows) {
      const h = rowHeight(r, false);
      if (h > pageRoom) {
        this.tallRow(table, t.header, r, t.size, t.rowHeaders);
        continue;
      }
      if (doc.y + h > BOTTOM && doc.y > MARGIN.top + headHeight + 1) {
        doc.addPage();
        if (t.header) drawRow(t.header, true, headHeight, null);
      }
      addRow(r, false, h);
    }
    table.end();
    doc.y += 10;
  }

  /**
   * A row taller than a page: its cells one below the other at the table's full width, each
   * after its column's header (an artifact: the header cell is in the tree once), flowing over
   * pages like prose, so nothing is cut off or drawn over.
   */
  private tallRow(table: Struct, header: readonly string[] | null, cells: readonly string[], size: number, rowHeaders: boolean): void {
    const doc = this.doc;
    const holder = { add: (f: () => void) => f() } as unknown as Struct;
    const tr = doc.struct('TR');
    table.add(tr);
    this.ensure(40);
    const top = doc.y;
    this.artifact(() => doc.save().moveTo(MARGIN.left, top).lineTo(MARGIN.left + TEXT_WIDTH, top).lineWidth(0.5).strokeColor(COLOR.grid).stroke().restore(), 'Layout');
    doc.y += CELL_PAD.y;
    cells.forEach((text, i) => {
      if (header?.[i]) {
        this.ensure(size * 3);
        this.artifact(() => this.flow(holder, [{ text: header[i]!, bold: true }], MARGIN.left + CELL_PAD.x, TEXT_WIDTH - 2 * CELL_PAD.x, { size, color: COLOR.muted, bold: true }));
      }
      const isTh = rowHeaders && i === 0;
      const cell = doc.struct(isTh ? 'TH' : 'TD', isTh ? ({ scope: 'Row' } as object) : {});
      tr.add(cell);
      this.flow(cell, [{ text, bold: isTh }], MARGIN.left + CELL_PAD.x, TEXT_WIDTH - 2 * CELL_PAD.x, { size, color: COLOR.text, bold: isTh });
      cell.end();
      doc.y += CELL_PAD.y;
    });
    tr.end();
    const bottom = doc.y;
    this.artifact(() => doc.save().moveTo(MARGIN.left, bottom).lineTo(MARGIN.left + TEXT_WIDTH, bottom).lineWidth(0.5).strokeColor(COLOR.grid).stroke().restore(), 'Layout');
  }

  block(parent: Struct, block: Block, x: number, width: number, color: string = COLOR.text): void {
    const doc = this.doc;
    switch (block.kind) {
      case 'heading':
        this.heading(parent, block.level, block.text, x, width);
        return;
      case 'paragraph': {
        const style: Style = block.style === 'muted' ? { size: SIZE.body, color: COLOR.muted } : block.style === 'lead' ? { size: SIZE.lead, color } : { size: SIZE.body, color };
        this.paragraph(parent, 'P', block.runs.map((r) => ({ ...r, link: r.link ? safeLinkTarget(r.link) : null })), x, width, style);
        return;
      }
      case 'list': {
        const list = doc.struct('L');
        parent.add(list);
        const indent = block.ordered ? 22 : 14;
        block.items.forEach((item, k) => {
          const li = doc.struct('LI');
          list.add(li);
          this.ensure(SIZE.body * 1.4);
          const y = doc.y;
          const lbl = doc.struct('Lbl');
          li.add(lbl);
          this.flow(lbl, [{ text: block.ordered ? `${block.start + k}.` : '•' }], x, indent - 2, { size: SIZE.body, color });
          lbl.end();
          doc.y = y;
          const body = doc.struct('LBody');
          li.add(body);
          if (item.length === 0) this.paragraph(body, 'P', [{ text: ' ' }], x + indent, width - indent, { size: SIZE.body, color });
          for (const b of item) this.block(body, b, x + indent, width - indent, color);
          body.end();
          li.end();
        });
        list.end();
        return;
      }
      case 'quote': {
        const quote = doc.struct('BlockQuote');
        parent.add(quote);
        for (const b of block.blocks) this.block(quote, b, x + 14, width - 14, COLOR.quote);
        quote.end();
        return;
      }
      case 'code': {
        // On a grey ground where it fits on one page (a longer one flows over pages without it).
        const h = this.height(block.text, width - 8, SIZE.body) + 6;
        this.ensure(Math.min(h, BOTTOM - MARGIN.top));
        const top = doc.y;
        const ground = top + h <= BOTTOM;
        if (ground) {
          this.artifact(() => doc.save().rect(x, top, width, h).fill(COLOR.code).restore(), 'Layout');
          doc.y += 3;
        }
        this.paragraph(parent, 'P', [{ text: block.text, code: true }], x + 4, width - 8, { size: SIZE.body, color });
        if (ground) doc.y = Math.max(doc.y, top + h + 6);
        return;
      }
      case 'rule':
        this.rule(x, width);
        return;
      case 'table': {
        // A table whose longest words do not fit side by side is set smaller (down to 7 pt) until they do.
        let size = SIZE.table;
        let cols = this.columnWidths(block.header, block.rows, width, size, block.widths);
        if (!cols.fits) {
          const pad = block.header.length * (2 * CELL_PAD.x + 1);
          size = Math.max(7, Math.floor(((size * (width - pad)) / (cols.wordsWidth - pad)) * 4) / 4);
          cols = this.columnWidths(block.header, block.rows, width, size, block.widths);
        }
        this.table(parent, {
          header: block.header,
          rows: block.rows,
          widths: cols.widths,
          align: block.align,
          size,
          grid: true,
          rowHeaders: false,
        });
        return;
      }
      case 'facts': {
        const labels = block.rows.map(([k]) => k);
        const labelWidth = Math.min(width * 0.45, Math.max(width * 0.3, ...labels.map((l) => Math.max(...l.split(/\s+/).map((w) => this.width(`${w} `, SIZE.facts, true))) + 2 * CELL_PAD.x + 1)));
        this.table(parent, { header: null, rows: block.rows, widths: [labelWidth, width - labelWidth], size: SIZE.facts, grid: false, rowHeaders: true });
        return;
      }
    }
  }

  /** Running header, footer and "Seite X von Y" on every page, as pagination artifacts. */
  pageFurniture(model: DocModel): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    const holder = { add: (f: () => void) => f() } as unknown as Struct;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Text in the margins must not start a new page.
      doc.page.margins.bottom = 0;
      this.artifact(() => {
        doc.y = 28;
        this.flow(holder, [{ text: model.header }], MARGIN.left, TEXT_WIDTH, { size: SIZE.running, color: COLOR.muted });
        const footY = A4.height - MARGIN.bottom + 20;
        doc.y = footY;
        this.flow(holder, [{ text: model.footer }], MARGIN.left, TEXT_WIDTH - 90, { size: SIZE.running, color: COLOR.muted });
        doc.y = footY;
        this.flow(holder, [{ text: `Seite ${i + 1} von ${range.count}` }], MARGIN.left + TEXT_WIDTH - 85, 85, { size: SIZE.running, color: COLOR.muted, align: 'right' });
      }, 'Pagination');
      doc.page.margins.bottom = MARGIN.bottom;
    }
  }
}

const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Two gaps pdfkit leaves for PDF/A and PDF/UA, closed on this document only:
 * - a link annotation gets `/Contents` (its target), the text PDF/UA asks of every annotation;
 * - the document information is copied into the XMP metadata unescaped, so a title with "&" or
 *   "<" would make the metadata invalid XML: it is escaped for the XMP copy (the document
 *   information itself keeps the text).
 */
function patchForPublication(doc: Doc): void {
  const d = doc as unknown as {
    link(x: number, y: number, w: number, h: number, url: string | number, options?: Record<string, unknown>): Doc;
    _addInfo(): void;
    info: Record<string, unknown>;
  };
  const link = d.link.bind(doc);
  d.link = (x, y, w, h, url, options = {}) => link(x, y, w, h, url, typeof url === 'string' ? { ...options, Contents: new String(url) } : options);
  const addInfo = d._addInfo.bind(doc);
  d._addInfo = () => {
    const saved = { ...d.info };
    for (const [k, v] of Object.entries(d.info)) if (typeof v === 'string') d.info[k] = xmlEscape(v);
    try {
      addInfo();
    } finally {
      d.info = saved;
    }
  };
}

/**
 * Renders a short document with every kind of block once, so the layout code is compiled and its
 * caches filled before the first real export (the export worker does this when it starts).
 */
export async function warmUpPdf(): Promise<void> {
  preloadPdf();
  const row = ['Übergangsquote Kennzahl 1 (%)', '61,5 % → 70 %', '31.07.2028', '4.096.578,97\u00a0€'];
  await renderPdf({
    title: 'Übergang Schule–Beruf ≥ 70 %',
    kicker: 'Beschlussvorlage',
    header: 'Lenkungskreis Bildung',
    footer: 'Werkraum',
    subject: '',
    keywords: [],
    blocks: [
      { kind: 'facts', rows: [['Vorlagen-Nr.', 'BV/2026/014']] },
      { kind: 'heading', level: 1, text: '1. Sachverhalt' },
      { kind: 'paragraph', runs: [{ text: SAMPLE }, { text: ' Quelle', link: 'https://example.org/', bold: true }, { text: ' kursiv ✓', italic: true }] },
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'paragraph', runs: [{ text: SAMPLE }] }]] },
      { kind: 'heading', level: 2, text: 'Ziele' },
      { kind: 'table', header: ['Indikator', 'Ausgangswert', 'Frist', 'Betrag'], rows: Array.from({ length: 20 }, () => row), align: ['left', 'left', 'left', 'right'] },
      { kind: 'rule' },
    ],
  });
}

/** The document's language as the catalog's /Lang gives it, unless the model names another. */
export const PDF_LANG = 'de-DE';

export async function renderPdf(model: DocModel, onProgress: (share: number) => void = () => undefined): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    // PDF/A-2a: tagged, every font embedded, XMP metadata, an sRGB output intent.
    subset: 'PDF/A-2a',
    tagged: true,
    // The catalog's /Lang: screen readers and text extraction read the document as German.
    lang: model.lang ?? PDF_LANG,
    // Viewers show the title (not the file name) in their title bar.
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: model.title, Author: 'Werkraum', Subject: model.subject, Keywords: model.keywords.join(', '), Creator: 'Werkraum', Producer: 'Werkraum (PDFKit)' },
  });
  patchForPublication(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Parsed fonts are shared between documents (pdfkit takes fontkit fonts as they are), their
  // glyph objects are not: fontkit keeps the characters of a glyph from the call that first made
  // it, and subsetting makes the parts of a composite glyph (the "U" of an "Ü") without any, so a
  // glyph kept from an earlier document could be written without its text (an "Uhr" read as "hr").
  for (const f of faces.values()) (f.font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  const register = (name: string, path: string) => doc.registerFont(name, face(path).font as unknown as string);
  register('NotoSans', NOTO.regular);
  register('NotoSans-Bold', NOTO.bold);
  register('DejaVuSans', DEJAVU.normal);
  register('DejaVuSans-Bold', DEJAVU.bold);
  register('DejaVuSans-Oblique', DEJAVU.italics);
  register('DejaVuSans-BoldOblique', DEJAVU.bolditalics);

  const layout = new Layout(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  layout.paragraph(root, 'P', [{ text: model.kicker.toUpperCase(), bold: true }], MARGIN.left, TEXT_WIDTH, { size: SIZE.kicker, color: COLOR.kicker, bold: true }, 2);
  // The title is the document's first heading; bookmarks start with the sections below it.
  layout.paragraph(root, 'H1', [{ text: model.title, bold: true }], MARGIN.left, TEXT_WIDTH, { size: SIZE.title, color: COLOR.heading, bold: true }, 12);
  onProgress(0.1);
  const count = model.blocks.length;
  model.blocks.forEach((b, i) => {
    layout.block(root, b, MARGIN.left, TEXT_WIDTH);
    if (i % 20 === 19) onProgress(0.1 + (0.8 * (i + 1)) / count);
  });
  root.end();
  layout.pageFurniture(model);
  doc.end();
  const bytes = await done;
  onProgress(1);
  return bytes;
}
