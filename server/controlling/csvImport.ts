/**
 * Indicator values from a CSV file as statistics offices and the Kommunale Bildungsdatenbank
 * publish them: semicolon-separated, decimal comma, German headers, often saved by Excel in
 * Windows-1252. `readIndicatorCsv` turns a file into a preview: the columns, a mapping of columns
 * to date, value, source and comment (guessed from the headers, or given), the values read, and
 * every problem with its line — nothing is stored here. The caller stores the values only when
 * there is no error at all (nothing half-imported).
 *
 * What a line may hold:
 * - date: `31.12.2024`, `2024-12-31`, a year `2024` (read as its last day, 31.12.), or a school
 *   year `2023/24` or `2023/2024` (read as its last day, 31.07.2024);
 * - value: `12,4`, `1.234,5`, `-3`, with `%` or `€` and spaces ignored. A decimal point (`12.4`,
 *   `1,234.5`) is refused with its own message, since the file was then written for another
 *   locale and other numbers in it may be misread; official placeholders for "no value"
 *   (`-`, `.`, `x`, `…`, `/`) skip the line and say so.
 */
import { parse } from 'csv-parse/sync';

export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 50_000;
/** Lines shown in the preview table. */
export const CSV_SAMPLE_ROWS = 5;

export type CsvField = 'date' | 'value' | 'source' | 'comment';

export interface CsvMapping {
  /** Column indexes (0-based); source and comment are optional. */
  readonly date: number;
  readonly value: number;
  readonly source: number | null;
  readonly comment: number | null;
}

export type CsvFileProblem = 'too_large' | 'empty' | 'not_semicolon' | 'too_many_rows' | 'unreadable' | 'no_date_column' | 'no_value_column' | 'bad_mapping';
export type CsvLineProblem = 'bad_date' | 'bad_number' | 'decimal_point' | 'missing_value' | 'duplicate_date' | 'missing_columns';

export interface CsvLineError {
  /** Line in the file (1 is the header). */
  readonly line: number;
  readonly field: CsvField | null;
  readonly problem: CsvLineProblem;
  /** The text that could not be read. */
  readonly text?: string;
  /** For a duplicate date: the line that has it first. */
  readonly firstLine?: number;
}

export interface ImportedValue {
  readonly line: number;
  /** ISO date. */
  readonly date: string;
  readonly value: number;
  readonly source: string;
  readonly comment: string;
}

export interface CsvPreview {
  readonly problem: CsvFileProblem | null;
  readonly columns: readonly string[];
  readonly mapping: CsvMapping | null;
  /** Data lines read (without header and empty lines). */
  readonly rows: number;
  readonly sample: readonly (readonly string[])[];
  /** Valid values, by date. */
  readonly values: readonly ImportedValue[];
  readonly errors: readonly CsvLineError[];
  /** Lines with an official placeholder instead of a value. */
  readonly skipped: readonly { line: number; text: string }[];
}

const HEADER_GUESS: Record<CsvField, RegExp> = {
  date: /^(datum|stichtag|jahr|berichtsjahr|schuljahr|zeitpunkt|stand|date|year)\b/,
  value: /^(wert|anteil|quote|anzahl|messwert|ist|value)\b/,
  source: /^(quelle|datenquelle|source)\b/,
  comment: /^(kommentar|anmerkung|bemerkung|hinweis|fußnote|fussnote|comment)\b/,
};

const PLACEHOLDERS = new Set(['-', '.', 'x', 'X', '…', '...', '/', '–']);

function decode(input: Uint8Array | string): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    // Excel saves "CSV (Trennzeichen-getrennt)" in the Windows code page.
    return new TextDecoder('windows-1252').decode(input);
  }
}

function empty(problem: CsvFileProblem, columns: readonly string[] = []): CsvPreview {
  return { problem, columns, mapping: null, rows: 0, sample: [], values: [], errors: [], skipped: [] };
}

const normalise = (h: string) => h.trim().toLowerCase();

/** The columns whose headers name date, value, source and comment. */
export function guessMapping(columns: readonly string[]): Partial<Record<CsvField, number>> {
  const out: Partial<Record<CsvField, number>> = {};
  for (const field of Object.keys(HEADER_GUESS) as CsvField[]) {
    const i = columns.findIndex((c) => HEADER_GUESS[field].test(normalise(c)));
    if (i >= 0) out[field] = i;
  }
  return out;
}

function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as statistics publish it, as an ISO date; null when it is none. */
export function parseGermanDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})$/.exec(s);
  if (m) return isoOf(Number(m[1]), 12, 31);
  m = /^(\d{4})\/(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const start = Number(m[1]);
    const end = m[2]!.length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    return end === start + 1 ? isoOf(end, 7, 31) : null;
  }
  return null;
}

/** A number in German notation; `decimal_point` when it is written with a decimal point instead. */
export function parseGermanNumber(text: string): number | 'bad_number' | 'decimal_point' {
  const s = text.replace(/[\s\u00a0\u202f%€]/g, '');
  const sign = /^[+-]/.test(s) ? s[0] : '';
  const body = sign ? s.slice(1) : s;
  if (/^\d+(,\d+)?$/.test(body)) return Number(`${sign}${body.replace(',', '.')}`);
  if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(body)) return Number(`${sign}${body.replace(/\./g, '').replace(',', '.')}`);
  if (/^\d+\.\d+$/.test(body) || /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(body)) return 'decimal_point';
  return 'bad_number';
}

/**
 * Reads a CSV file into a preview. `mapping` overrides the guessed columns (the person's choice in
 * the preview); an index outside the columns is `bad_mapping`.
 */
export function readIndicatorCsv(input: Uint8Array | string, mapping?: Partial<CsvMapping>): CsvPreview {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > CSV_MAX_BYTES) return empty('too_large');
  const text = decode(input);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (text.trim() === '') return empty('empty');
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? null : ';';
  if (delimiter === null) return empty('not_semicolon');

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as unknown as typeof records;
  } catch {
    return empty('unreadable');
  }
  const [header, ...data] = records;
  if (!header) return empty('empty');
  const columns = header.record;
  if (data.length > CSV_MAX_ROWS) return empty('too_many_rows', columns);
  const guessed = guessMapping(columns);
  const date = mapping?.date ?? guessed.date;
  const value = mapping?.value ?? guessed.value;
  const source = mapping?.source !== undefined ? mapping.source : (guessed.source ?? null);
  const comment = mapping?.comment !== undefined ? mapping.comment : (guessed.comment ?? null);
  const sample = data.slice(0, CSV_SAMPLE_ROWS).map((r) => r.record);
  const base = { columns, rows: data.length, sample, values: [], errors: [], skipped: [] };
  if (date === undefined) return { ...base, problem: 'no_date_column', mapping: null };
  if (value === undefined) return { ...base, problem: 'no_value_column', mapping: null };
  const chosen: CsvMapping = { date, value, source, comment };
  const inRange = (i: number | null) => i === null || (Number.isInteger(i) && i >= 0 && i < columns.length);
  if (![date, value, source, comment].every(inRange) || date === value) return { ...base, problem: 'bad_mapping', mapping: chosen };

  const values: ImportedValue[] = [];
  const errors: CsvLineError[] = [];
  const skipped: { line: number; text: string }[] = [];
  const firstOf = new Map<string, number>();
  for (const { record, info } of data) {
    const line = info.lines;
    const cell = (i: number | null) => (i === null ? '' : (record[i] ?? ''));
    if (record.length <= Math.max(date, value)) {
      errors.push({ line, field: null, problem: 'missing_columns' });
      continue;
    }
    const rawValue = cell(value);
    if (PLACEHOLDERS.has(rawValue)) {
      skipped.push({ line, text: rawValue });
      continue;
    }
    const iso = parseGermanDate(cell(date));
    const number = rawValue === '' ? 'missing_value' : parseGermanNumber(rawValue);
    let ok = true;
    if (!iso) {
      errors.push({ line, field: 'date', problem: 'bad_date', text: cell(date) });
      ok = false;
    }
    if (typeof number !== 'number') {
      errors.push({ line, field: 'value', problem: number, text: rawValue });
      ok = false;
    }
    if (iso) {
      const first = firstOf.get(iso);
      if (first !== undefined) {
        errors.push({ line, field: 'date', problem: 'duplicate_date', text: cell(date), firstLine: first });
        ok = false;
      } else firstOf.set(iso, line);
    }
    if (ok && iso && typeof number === 'number') values.push({ line, date: iso, value: number, source: cell(source), comment: cell(comment) });
  }
  values.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { problem: null, columns, mapping: chosen, rows: data.length, sample, values, errors, skipped };
}
