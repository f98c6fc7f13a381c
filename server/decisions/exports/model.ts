/**
 * A small document model between the content and the file formats: the Beschlussvorlage and the
 * Protokoll are built once as blocks, then rendered to DOCX, PDF and Markdown by one renderer
 * each, so the three formats always say the same thing.
 */
import type { RichBlock, RichDoc, RichInline } from '../../../shared/richText';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: string;
  /** A line break before this run's text. */
  breakBefore?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; runs: Run[]; style?: 'normal' | 'muted' | 'lead' }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  /** A table with a header row; `widths` are relative column widths. */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  /** Label/value pairs without borders (the heading block of a Vorlage). */
  | { kind: 'facts'; rows: [string, string][] };

export interface DocModel {
  /** The document's title (first heading, file metadata). */
  title: string;
  /** A line above the title, e.g. "Beschlussvorlage". */
  kicker: string;
  /** Running header of every page. */
  header: string;
  /** Footer text next to the page number. */
  footer: string;
  subject: string;
  keywords: string[];
  blocks: Block[];
}

export const p = (text: string, style?: 'normal' | 'muted' | 'lead'): Block => ({ kind: 'paragraph', runs: [{ text }], ...(style ? { style } : {}) });
export const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });

function runsOf(inline: readonly RichInline[] | undefined): Run[] {
  const runs: Run[] = [];
  let breakNext = false;
  for (const node of inline ?? []) {
    if (node.type === 'hardBreak') {
      breakNext = true;
      continue;
    }
    const run: Run = { text: node.text };
    for (const m of node.marks ?? []) {
      if (m.type === 'link') run.link = m.attrs.href;
      else run[m.type] = true;
    }
    if (breakNext) run.breakBefore = true;
    breakNext = false;
    runs.push(run);
  }
  if (breakNext) runs.push({ text: '', breakBefore: true });
  return runs;
}

function blocksOfRich(blocks: readonly RichBlock[], headingBase: 1 | 2 | 3): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push({ kind: 'paragraph', runs: runsOf(b.content) });
        break;
      case 'heading': {
        // Prose headings sit below the section heading they appear in.
        const level = Math.min(3, headingBase + Math.max(0, b.attrs.level - 1)) as 1 | 2 | 3;
        out.push({ kind: 'heading', level, text: runsOf(b.content).map((r) => r.text).join('') });
        break;
      }
      case 'bulletList':
      case 'orderedList':
        out.push({
          kind: 'list',
          ordered: b.type === 'orderedList',
          start: b.type === 'orderedList' ? b.attrs.start : 1,
          items: b.content.map((item) => blocksOfRich(item.content, headingBase)),
        });
        break;
      case 'blockquote':
        out.push({ kind: 'quote', blocks: blocksOfRich(b.content, headingBase) });
        break;
      case 'codeBlock':
        out.push({ kind: 'code', text: (b.content ?? []).map((t) => t.text).join('') });
        break;
      case 'horizontalRule':
        out.push({ kind: 'rule' });
        break;
    }
  }
  return out;
}

/** Prose as blocks; `empty` is shown when there is no text at all. */
export function richBlocks(doc: RichDoc, headingBase: 1 | 2 | 3 = 3, empty = '—'): Block[] {
  const blocks = blocksOfRich(doc.content, headingBase);
  const hasText = (bs: Block[]): boolean =>
    bs.some((b) =>
      b.kind === 'paragraph'
        ? b.runs.some((r) => r.text.trim() !== '')
        : b.kind === 'list'
          ? b.items.some(hasText)
          : b.kind === 'quote'
            ? hasText(b.blocks)
            : b.kind !== 'rule',
    );
  return hasText(blocks) ? blocks : [p(empty, 'muted')];
}

/** German number and date formatting for documents. */
export const fmtNumber = (n: number | null | undefined, unit = ''): string =>
  n === null || n === undefined ? '—' : `${n.toLocaleString('de-DE', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`;

export const fmtEuro = (n: number | null): string =>
  n === null ? 'nicht geschätzt' : n.toLocaleString('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' })}, ${d.toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' })} Uhr`;
}

export const orDash = (s: string | null | undefined): string => (s && s.trim() !== '' ? s : '—');

/** A file name from a title: letters, digits, dashes. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'werkraum';
}
