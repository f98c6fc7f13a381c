/**
 * DOCX from the document model (the `docx` library): A4, a running header and "Seite X von Y"
 * in the footer, real heading styles (so Word's navigation pane and LibreOffice's navigator show
 * the structure), real tables with a repeated header row, real lists.
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
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import { safeLinkTarget } from '../../../shared/links';
import type { Block, DocModel, Run } from './model';

const FONT = 'Arial';
/** A4 width minus margins (2.5 cm left, 2 cm right), in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1417 - 1134;
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

function cellParagraphs(text: string, bold = false): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 18 })], spacing: { after: 40 } }));
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '8A8A8A' } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

function table(header: string[], rows: string[][], widths?: number[]): Table {
  const weights = widths && widths.length === header.length ? widths : header.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: cellParagraphs(text, head),
      width: { size: columnWidths[i] ?? 1000, type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, fill: 'E6E9EE', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((t, i) => cell(t, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: header.map((_, i) => cell(r[i] ?? '', i, false)) })),
    ],
  });
}

function facts(rows: [string, string][]): Table {
  const columnWidths = [Math.floor(TEXT_WIDTH * 0.3), Math.floor(TEXT_WIDTH * 0.7)];
  const cell = (text: string, i: number) =>
    new TableCell({ children: cellParagraphs(text, i === 0), width: { size: columnWidths[i]!, type: WidthType.DXA }, margins: { top: 20, bottom: 20, left: 0, right: 80 } });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
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
        children.push(table(block.header, block.rows, block.widths));
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
      default: { document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } } },
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 36, bold: true, color: '1A2A3E' }, paragraph: { spacing: { after: 240 } } },
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 28, bold: true, color: '1A2A3E' }, paragraph: { spacing: { before: 300, after: 120 }, keepNext: true } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24, bold: true, color: '1A2A3E' }, paragraph: { spacing: { before: 200, after: 100 }, keepNext: true } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true } },
      ],
    },
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
