/**
 * A small document model between the content and the file formats: the Beschlussvorlage and the
 * Protokoll are built once as blocks, then rendered to DOCX, PDF and Markdown by one renderer
 * each, so the three formats always say the same thing.
 */
import { safeLinkTarget } from '../../../shared/links';
import { richFlatText, type RichBlock, type RichDoc, type RichInline } from '../../../shared/richText';
import type { Participation } from '../../../shared/decision';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Only ever a target `safeLinkTarget` accepted (http, https, mailto). */
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
  /**
   * A table with a header row; `widths` are relative column widths (renderers widen a column
   * whose longest word would not fit), `align` the alignment per column (amounts to the right).
   */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[]; align?: ('left' | 'right')[] }
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
  /** The document's language as a BCP 47 tag (PDF `/Lang`); German (`de-DE`) when absent. */
  lang?: string;
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
      if (m.type === 'link') {
        const href = safeLinkTarget(m.attrs?.href);
        if (href !== null) run.link = href;
      } else if (m.type === 'bold' || m.type === 'italic' || m.type === 'underline' || m.type === 'strike' || m.type === 'code') run[m.type] = true;
    }
    if (breakNext) run.breakBefore = true;
    breakNext = false;
    runs.push(run);
  }
  if (breakNext) runs.push({ text: '', breakBefore: true });
  return runs;
}

/** Lists and quotes nested deeper than this are set as one paragraph of their text. */
export const MODEL_MAX_NESTING = 8;

function blocksOfRich(blocks: readonly RichBlock[], headingBase: 1 | 2 | 3, depth = 0): Block[] {
  const out: Block[] = [];
  if (depth > MODEL_MAX_NESTING) {
    const text = richFlatText(blocks);
    return text.trim() === '' ? out : [{ kind: 'paragraph', runs: [{ text }] }];
  }
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push({ kind: 'paragraph', runs: runsOf(b.content) });
        break;
      case 'heading': {
        // Prose headings sit below the section heading they appear in.
        const level = Math.min(3, headingBase + Math.max(0, (Number(b.attrs?.level) || 1) - 1)) as 1 | 2 | 3;
        out.push({ kind: 'heading', level, text: runsOf(b.content).map((r) => r.text).join('') });
        break;
      }
      case 'bulletList':
      case 'orderedList':
        out.push({
          kind: 'list',
          ordered: b.type === 'orderedList',
          start: b.type === 'orderedList' ? Math.min(Math.max(0, Math.trunc(Number(b.attrs?.start)) || 0), 999_999) : 1,
          items: (b.content ?? []).map((item) => blocksOfRich(item.content, headingBase, depth + 1)),
        });
        break;
      case 'blockquote':
        out.push({ kind: 'quote', blocks: blocksOfRich(b.content ?? [], headingBase, depth + 1) });
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
  const blocks = blocksOfRich(doc.content ?? [], headingBase);
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

// ---------------------------------------------------------------------------------------------
// Bounds: what a renderer is given is small enough to render in seconds, whatever the documents
// hold (stored documents may predate the Yjs endpoint's field limits).

export const EXPORT_LIMITS = {
  /** Characters of a heading, a table cell, a label/value pair, the title and running texts. */
  shortText: 2000,
  /** Characters of one paragraph of prose or one code block. */
  paragraph: 20_000,
  /** Rows of one table; the rest is named in a note below it. */
  tableRows: 1000,
  /** Characters of the whole document; blocks past it are left out with a note. */
  totalText: 400_000,
} as const;

// Characters XML 1.0 (DOCX) cannot carry, and lone surrogate halves.
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without characters a file format cannot carry, cut to `max` characters (with "…"). */
/** The participation table by actor group (groups under the minimum arrive merged into "Sonstige"). */
export function actorGroupTable(part: Pick<Participation, 'byActorGroup' | 'withoutGroup'>): Block {
  return {
    kind: 'table',
    header: ['Akteursgruppe', 'Personen'],
    widths: [3, 1],
    align: ['left', 'right'],
    rows: [...part.byActorGroup.map((g) => [g.label, String(g.count)]), ...(part.withoutGroup > 0 ? [['ohne Angabe', String(part.withoutGroup)]] : [])],
  };
}

export function clipText(text: string, max: number): string {
  let t = text.replace(UNSAFE_CHARS, '');
  if (t.length <= max) return t;
  let end = max - 1;
  const code = t.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  t = `${t.slice(0, end)}…`;
  return t;
}

/**
 * The model with every text cut to its limit and a budget for the whole document, so a
 * 200,000-character field or a 6,000-row table costs the renderer no more than the limits.
 */
export function boundModel(model: DocModel): DocModel {
  const L = EXPORT_LIMITS;
  let budget = L.totalText;
  let cut = false;
  const short = (t: string) => {
    const c = clipText(t, Math.max(1, Math.min(L.shortText, budget)));
    budget -= c.length;
    return c;
  };
  const runs = (list: readonly Run[]): Run[] => {
    let left = Math.min(L.paragraph, budget);
    const out: Run[] = [];
    for (const r of list) {
      if (left <= 0) break;
      const text = clipText(r.text, left);
      left -= text.length;
      budget -= text.length;
      out.push({ ...r, text });
    }
    return out;
  };
  const blocks = (list: readonly Block[]): Block[] => {
    const out: Block[] = [];
    for (const b of list) {
      if (budget <= 0) {
        cut = true;
        break;
      }
      switch (b.kind) {
        case 'heading':
          out.push({ ...b, text: short(b.text) });
          break;
        case 'paragraph':
          out.push({ ...b, runs: runs(b.runs) });
          break;
        case 'list':
          out.push({ ...b, items: b.items.slice(0, L.tableRows).map(blocks) });
          if (b.items.length > L.tableRows) out.push(p(`… ${b.items.length - L.tableRows} weitere Einträge nicht dargestellt.`, 'muted'));
          break;
        case 'quote':
          out.push({ ...b, blocks: blocks(b.blocks) });
          break;
        case 'code': {
          const text = clipText(b.text, Math.min(L.paragraph, budget));
          budget -= text.length;
          out.push({ ...b, text });
          break;
        }
        case 'rule':
          out.push(b);
          break;
        case 'table': {
          const rows: string[][] = [];
          for (const r of b.rows.slice(0, L.tableRows)) {
            if (budget <= 0) break;
            rows.push(r.map(short));
          }
          out.push({ ...b, header: b.header.map(short), rows });
          if (rows.length < b.rows.length) out.push(p(`… ${b.rows.length - rows.length} weitere Zeilen nicht dargestellt.`, 'muted'));
          break;
        }
        case 'facts':
          out.push({ ...b, rows: b.rows.map(([k, v]) => [short(k), short(v)] as [string, string]) });
          break;
      }
    }
    return out;
  };
  const bounded: DocModel = {
    title: clipText(model.title, L.shortText),
    kicker: clipText(model.kicker, L.shortText),
    header: clipText(model.header, 300),
    footer: clipText(model.footer, 300),
    subject: clipText(model.subject, L.shortText),
    keywords: model.keywords.slice(0, 20).map((k) => clipText(k, 200)),
    blocks: blocks(model.blocks),
    ...(model.lang !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(model.lang) ? { lang: model.lang } : {}),
  };
  if (cut) bounded.blocks.push(p('Das Dokument ist zu umfangreich für diesen Export; der Rest ist nicht dargestellt.', 'muted'));
  return bounded;
}

// Formatters made once: `toLocaleString` builds a new one on every call, which a large document pays thousands of times.
const NUMBER = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const EURO = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
const DATE = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
const TIME = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });

/** German number and date formatting for documents. */
export const fmtNumber = (n: number | null | undefined, unit = ''): string =>
  n === null || n === undefined ? '—' : `${NUMBER.format(n)}${unit ? ` ${unit}` : ''}`;

/** An amount in euros as German documents write it: "4.096.578,97 €" (a no-break space before the sign). */
export function fmtEuro(n: number | null): string {
  if (n === null) return 'nicht geschätzt';
  if (!Number.isFinite(n)) return '—';
  return `${EURO.format(n)}\u00a0€`;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE.format(d);
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${DATE.format(d)}, ${TIME.format(d)} Uhr`;
}

export const orDash = (s: string | null | undefined): string => (s && s.trim() !== '' ? s : '—');

// Letters whose base letter NFKD does not reveal, and German letters written out as in file names.
const TRANSLITERATION: Record<string, string> = {
  Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'SS',
  Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'O', ø: 'o', Å: 'A', å: 'a',
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Þ: 'Th', þ: 'th', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l',
};

/** Text in ASCII: German umlauts and ß written out (Ü → Ue), other letters without their diacritics (ğ → g, Ł → L). */
export function transliterate(text: string): string {
  return text
    .replace(/[ÄÖÜäöüßẞÆæŒœØøÅåŁłĐđÐðÞþĦħıĿŀ]/g, (c) => TRANSLITERATION[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Longest file name (without extension) `fileSlug` returns. */
export const FILE_SLUG_MAX = 80;

/** `text` as dash-separated ASCII words, at most `max` characters, cut between words. */
function slugWords(text: string, max: number): string {
  const words = transliterate(text)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  let out = '';
  for (const word of words) {
    const next = out === '' ? word : `${out}-${word}`;
    if (next.length > max) {
      // A single word longer than the whole name is the only one ever cut.
      if (out === '') out = word.slice(0, max);
      break;
    }
    out = next;
  }
  return out;
}

/**
 * A file name from a title: ASCII letters, digits and single dashes, German letters transliterated
 * (Übergang → Uebergang). A long title is shortened between words, never within one, and never
 * ends in a dash; `tail` (e.g. a date) is always kept in full at the end.
 */
export function fileSlug(text: string, tail = ''): string {
  const end = slugWords(tail, FILE_SLUG_MAX);
  const room = end === '' ? FILE_SLUG_MAX : FILE_SLUG_MAX - end.length - 1;
  const head = room > 0 ? slugWords(text, room) : '';
  const slug = [head, end].filter((s) => s !== '').join('-');
  return slug || 'werkraum';
}
