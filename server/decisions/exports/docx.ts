/**
 * DOCX from the document model (the `docx` library): A4, a running header and "Seite X von Y"
 * in the footer, German as the document language (hyphenation and spelling in Word and
 * LibreOffice), real heading styles with outline levels (so Word's navigation pane, LibreOffice's
 * navigator and a PDF converter's bookmarks show the structure), real tables with a repeated
 * header row and fixed column widths that never split a word, real lists.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import { safeLinkTarget } from '../../../shared/links';
import type { Block, DocModel, Run } from './model';

const FONT = 'Arial';
export const DOCX_LANGUAGE = 'de-DE';
/** A4 width minus margins (2.5 cm left, 2 cm right), in twentieths of a point (DXA). */
export const TEXT_WIDTH = 11906 - 1417 - 1134;
const BULLET = 'werkraum-bullet';
const ORDERED = 'werkraum-ordered';

function runs(list: readonly Run[], base: { size?: number; color?: string; bold?: boolean } = {}): ParagraphChild[] {
  return list.map((r) => {
    const run = new TextRun({
      text: r.text,
      bold: r.bold ?? base.bold,
      italics: r.italic,
      underline: r.underline ? {} : undefined,
      strike: r.strike,
      font: r.code ? 'Courier New' : undefined,
      size: base.size,
      color: base.color,
      break: r.breakBefore ? 1 : undefined,
    });
    // Only http, https and mailto become relationship targets; anything else stays plain text.
    const href = r.link ? safeLinkTarget(r.link) : null;
    return href !== null ? new ExternalHyperlink({ link: href, children: [new TextRun({ text: r.text, style: 'Hyperlink', break: r.breakBefore ? 1 : undefined })] }) : run;
  });
}

/** Font size of table text, in half points. */
const CELL_SIZE = 18;

function cellParagraphs(text: string, bold = false, align: 'left' | 'right' = 'left'): Paragraph[] {
  return text
    .split('\n')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: CELL_SIZE })], spacing: { after: 40 }, ...(align === 'right' ? { alignment: AlignmentType.RIGHT } : {}) }));
}

// Advance widths of Arial (metric-compatible with Helvetica and Liberation Sans) for ASCII 32…126,
// regular and bold, each as one character: (code − 48) / 60 em.
const ARIAL = 'AAEQQeX=DDGSADAAQQQQQQQQQQAASSSQmXX[[XU_[ANXQb[_X_[XU[XiXXUAAALQ=QQNQQAQQ==N=bQQQQDNAQN[NNND@DS';
const ARIAL_BOLD = 'ADLQQe[ADDGSADAAQQQQQQQQQQDDSSSUk[[[[XU_[AQ[Ub[_X_[XU[XiXXUDADSQAQUQUQDUUAAQAeUUUUGQDUQ_QQNGAGS';

/** Width of `text` set in Arial at `size` half points, in DXA; letters with diacritics as their base letter. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? ARIAL_BOLD : ARIAL;
  let em = 0;
  for (const ch of text.replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) {
    const code = ch.codePointAt(0)!;
    em += code >= 32 && code < 127 ? (table.charCodeAt(code - 32) - 48) / 60 : code >= 0x2e80 ? 1 : 0.65;
  }
  return (em * size * 20) / 2;
}

/**
 * Width of the widest piece of `text` a line may not break: words between spaces, split after a
 * hyphen or dash (where Word and LibreOffice may break), in DXA.
 */
export function longestWord(text: string, size: number, bold = false): number {
  let max = 0;
  // Not at no-break spaces ("68.000,00 €" is one piece).
  for (const word of text.split(/[ \t\r\n\u200b]+/)) {
    for (const piece of word.split(/(?<=[-–—])/)) max = Math.max(max, textWidth(piece, size, bold));
  }
  return max;
}

/** Left plus right cell margin, in DXA. */
const CELL_MARGIN = 80;

/** Dates, numbers, amounts and percentages: the words of a table that must never break. */
const FIGURE = /^[-+−(]?[\d.,:/%€\u00a0]*\d[\d.,:/%€\u00a0)]*$/;

/**
 * Widths in DXA adding up to `total`: in proportion to `weights`, but no column narrower than
 * `need`; the columns that need more take it from the others.
 */
function fill(need: readonly number[], weights: readonly number[], total: number): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const free = total - [...fixed].reduce((s, i) => s + need[i]!, 0);
    const weightFree = weights.reduce((s, x, i) => (fixed.has(i) ? s : s + x), 0);
    const widths = weights.map((x, i) => (fixed.has(i) ? need[i]! : (free * x) / weightFree));
    const short = widths.flatMap((x, i) => (!fixed.has(i) && x < need[i]! ? [i] : []));
    if (short.length === 0) return widths;
    for (const i of short) fixed.add(i);
    if (fixed.size === weights.length) return need.map((x) => x + (total - need.reduce((a, b) => a + b, 0)) / need.length);
  }
}

/**
 * Column widths in DXA that add up to `total`, chosen so that no word is split in the middle:
 * every column at least as wide as its longest word (the header in bold) plus margins, the rest
 * in proportion to `weights`. When the words of all columns together are wider than the page,
 * the header words and the figures (dates, numbers, amounts) still fit whole, and the room left
 * goes to the columns in proportion to what their longest words lack (those are hyphenated).
 */
export function columnWidths(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  weights: readonly number[] | undefined,
  total = TEXT_WIDTH,
  boldColumns: readonly boolean[] = [],
): number[] {
  const w = weights && weights.length === header.length && weights.every((x) => x > 0) ? weights : header.map(() => 1);
  // 4 % and 3 points of slack for kerning and font substitutes.
  const room = (word: number) => Math.ceil(word * 1.04) + 2 * CELL_MARGIN + 60;
  const hard = header.map((h, i) => {
    let word = longestWord(h, CELL_SIZE, true);
    for (const r of rows) {
      for (const piece of (r[i] ?? '').split(/[ \t\r\n\u200b]+/)) if (FIGURE.test(piece)) word = Math.max(word, textWidth(piece, CELL_SIZE, boldColumns[i] ?? false));
    }
    return room(word);
  });
  const soft = header.map((_, i) => {
    let word = 0;
    for (const r of rows) word = Math.max(word, longestWord(r[i] ?? '', CELL_SIZE, boldColumns[i] ?? false));
    return Math.max(hard[i]!, room(word));
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(soft) <= total) widths = fill(soft, w, total);
  else if (sum(hard) <= total) {
    const lack = soft.map((x, i) => x - hard[i]!);
    widths = hard.map((x, i) => x + ((total - sum(hard)) * lack[i]!) / sum(lack));
  } else widths = hard.map((x) => (x * total) / sum(hard));
  const out = widths.map((x) => Math.floor(x));
  // The rounding rest goes to the widest column, so the columns fill the text width exactly.
  const widest = out.indexOf(Math.max(...out));
  out[widest]! += total - sum(out);
  return out;
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '8A8A8A' } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

function table(header: string[], rows: string[][], weights?: number[], align?: ('left' | 'right')[]): Table {
  const widths = columnWidths(header, rows, weights);
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: cellParagraphs(text, head, align?.[i] ?? 'left'),
      width: { size: widths[i]!, type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, fill: 'E6E9EE', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((t, i) => cell(t, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: header.map((_, i) => cell(r[i] ?? '', i, false)) })),
    ],
  });
}

function facts(rows: [string, string][]): Table {
  // Labels in bold on the left, the values beside them; the same rule against split words.
  const widths = columnWidths(['', ''], rows, [3, 7], TEXT_WIDTH, [true, false]);
  const cell = (text: string, i: number) =>
    new TableCell({ children: cellParagraphs(text, i === 0), width: { size: widths[i]!, type: WidthType.DXA }, margins: { top: 20, bottom: 20, left: 0, right: CELL_MARGIN } });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, 0), cell(v, 1)] })),
  });
}

export async function renderDocx(model: DocModel, onProgress: (share: number) => void = () => undefined): Promise<Buffer> {
  let listInstance = 0;
  const children: FileChild[] = [];

  const emit = (block: Block, level: number, inList: { ordered: boolean; instance: number } | null) => {
    switch (block.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            children: [new TextRun({ text: block.text })],
            keepNext: true,
          }),
        );
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            children: runs(block.runs, block.style === 'muted' ? { color: '5A5A5A' } : block.style === 'lead' ? { size: 24 } : {}),
            ...(inList ? { numbering: { reference: inList.ordered ? ORDERED : BULLET, level, instance: inList.instance } } : {}),
          }),
        );
        break;
      case 'list': {
        const instance = ++listInstance;
        for (const item of block.items) {
          // The first paragraph of an item carries the number; further blocks of the item are indented text.
          item.forEach((b, i) => emit(b, b.kind === 'list' ? level + 1 : level, i === 0 && b.kind === 'paragraph' ? { ordered: block.ordered, instance } : null));
          if (item.length === 0) emit({ kind: 'paragraph', runs: [] }, level, { ordered: block.ordered, instance });
        }
        break;
      }
      case 'quote':
        for (const b of block.blocks) {
          if (b.kind === 'paragraph') children.push(new Paragraph({ children: runs(b.runs, { color: '404040' }), indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A0A0A0', space: 8 } } }));
          else emit(b, level, null);
        }
        break;
      case 'code':
        for (const line of block.text.split('\n')) children.push(new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New', size: 18 })] }));
        break;
      case 'rule':
        children.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'A0A0A0', space: 1 } }, children: [] }));
        break;
      case 'table':
        children.push(table(block.header, block.rows, block.widths, block.align));
        children.push(new Paragraph({ children: [], spacing: { after: 120 } }));
        break;
      case 'facts':
        children.push(facts(block.rows));
        children.push(new Paragraph({ children: [], spacing: { after: 120 } }));
        break;
    }
  };

  children.push(new Paragraph({ children: [new TextRun({ text: model.kicker.toUpperCase(), bold: true, size: 20, color: '3A4A5E' })], spacing: { after: 60 } }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: model.title })] }));
  model.blocks.forEach((b, i) => {
    emit(b, 0, null);
    if (i % 20 === 19) onProgress((i + 1) / model.blocks.length);
  });

  const doc = new Document({
    creator: 'Werkraum',
    title: model.title,
    subject: model.subject,
    keywords: model.keywords.join(', '),
    description: model.kicker,
    styles: {
      default: { document: { run: { font: FONT, size: 22, language: { value: DOCX_LANGUAGE } }, paragraph: { spacing: { after: 120, line: 276 } } } },
      // Word's built-in names ("heading 1") and outline levels: navigation pane, navigator, PDF bookmarks.
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 36, bold: true, color: '1A2A3E' }, paragraph: { spacing: { after: 240 } } },
        { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 28, bold: true, color: '1A2A3E' }, paragraph: { spacing: { before: 300, after: 120 }, keepNext: true, outlineLevel: 0 } },
        { id: 'Heading2', name: 'heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24, bold: true, color: '1A2A3E' }, paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, outlineLevel: 1 } },
        { id: 'Heading3', name: 'heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true, outlineLevel: 2 } },
      ],
    },
    // Words too long for their column or line are hyphenated (German rules, from the language).
    hyphenation: { autoHyphenation: true, doNotHyphenateCaps: true },
    numbering: {
      config: [
        {
          reference: BULLET,
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level % 2 === 0 ? '•' : '–',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
          })),
        },
        {
          reference: ORDERED,
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: level % 2 === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 340 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1134, left: 1417, right: 1134, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: model.header, size: 16, color: '5A5A5A' })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${model.footer} · `, size: 16, color: '5A5A5A' }),
                  new TextRun({ children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES], size: 16, color: '5A5A5A' }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  onProgress(1);
  return buffer;
}
