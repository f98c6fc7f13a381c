import { describe, expect, it } from 'vitest';
import { CSV_MAX_ROWS, parseGermanDate, parseGermanNumber, readIndicatorCsv } from './csvImport';

const KBD = `Jahr;Gebiet;Wert;Quelle;Anmerkung
2021;Musterstadt;12,4;IT.NRW;
2022;Musterstadt;11,9;IT.NRW;vorläufig
2023;Musterstadt;1.234,5;IT.NRW;"Neuberechnung; Zensus"
`;

describe('German numbers and dates', () => {
  it('reads decimal commas and thousands points, and names a decimal point', () => {
    expect(parseGermanNumber('12,4')).toBe(12.4);
    expect(parseGermanNumber('1.234,5')).toBe(1234.5);
    expect(parseGermanNumber('12.400')).toBe(12400);
    expect(parseGermanNumber('-3,25 %')).toBe(-3.25);
    expect(parseGermanNumber('4.096.578,97 €')).toBe(4096578.97);
    expect(parseGermanNumber('12.4')).toBe('decimal_point');
    expect(parseGermanNumber('0.123')).toBe('decimal_point');
    expect(parseGermanNumber('1,234.5')).toBe('decimal_point');
    expect(parseGermanNumber('zwölf')).toBe('bad_number');
    expect(parseGermanNumber('1,2,3')).toBe('bad_number');
  });

  it('reads the dates statistics use', () => {
    expect(parseGermanDate('31.12.2024')).toBe('2024-12-31');
    expect(parseGermanDate('1.8.2024')).toBe('2024-08-01');
    expect(parseGermanDate('2024-06-30')).toBe('2024-06-30');
    expect(parseGermanDate('2024')).toBe('2024-12-31');
    expect(parseGermanDate('2023/24')).toBe('2024-07-31');
    expect(parseGermanDate('2023/2024')).toBe('2024-07-31');
    expect(parseGermanDate('2023/25')).toBeNull();
    expect(parseGermanDate('31.02.2024')).toBeNull();
    expect(parseGermanDate('12/2024')).toBeNull();
  });
});

describe('reading a CSV file', () => {
  it('guesses the columns from German headers and reads every line', () => {
    const p = readIndicatorCsv(KBD);
    expect(p.problem).toBeNull();
    expect(p.columns).toEqual(['Jahr', 'Gebiet', 'Wert', 'Quelle', 'Anmerkung']);
    expect(p.mapping).toEqual({ date: 0, value: 2, source: 3, comment: 4 });
    expect(p.errors).toEqual([]);
    expect(p.values).toEqual([
      { line: 2, date: '2021-12-31', value: 12.4, source: 'IT.NRW', comment: '' },
      { line: 3, date: '2022-12-31', value: 11.9, source: 'IT.NRW', comment: 'vorläufig' },
      { line: 4, date: '2023-12-31', value: 1234.5, source: 'IT.NRW', comment: 'Neuberechnung; Zensus' },
    ]);
    expect(p.sample).toHaveLength(3);
  });

  it('reads Windows-1252 files as Excel saves them, and a byte-order mark', () => {
    const latin1 = Buffer.from('Stichtag;Anteil;Bemerkung\r\n31.12.2024;7,5;Schätzung\r\n', 'latin1');
    expect(readIndicatorCsv(latin1).values).toEqual([{ line: 2, date: '2024-12-31', value: 7.5, source: '', comment: 'Schätzung' }]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Datum;Wert\n2024-01-01;3\n')]);
    expect(readIndicatorCsv(bom).columns).toEqual(['Datum', 'Wert']);
  });

  it('names every bad line with its problem, and reads nothing as a value that is not one', () => {
    const p = readIndicatorCsv(`Datum;Wert
31.12.2021;12,4
31.12.2022;12.4
31.13.2022;11
31.12.2023;
31.12.2021;13
31.12.2024;x
31.12.2025;viel
`);
    expect(p.errors).toEqual([
      { line: 3, field: 'value', problem: 'decimal_point', text: '12.4' },
      { line: 4, field: 'date', problem: 'bad_date', text: '31.13.2022' },
      { line: 5, field: 'value', problem: 'missing_value', text: '' },
      { line: 6, field: 'date', problem: 'duplicate_date', text: '31.12.2021', firstLine: 2 },
      { line: 8, field: 'value', problem: 'bad_number', text: 'viel' },
    ]);
    expect(p.skipped).toEqual([{ line: 7, text: 'x' }]);
    expect(p.values.map((v) => v.line)).toEqual([2]);
  });

  it('refuses files it cannot read as such, with one reason', () => {
    expect(readIndicatorCsv('').problem).toBe('empty');
    expect(readIndicatorCsv('Datum,Wert\n2024,3\n').problem).toBe('not_semicolon');
    expect(readIndicatorCsv('Gebiet;Einwohner\nNord;3\n').problem).toBe('no_date_column');
    expect(readIndicatorCsv('Datum;Gebiet\n2024;Nord\n').problem).toBe('no_value_column');
    expect(readIndicatorCsv('Datum;Wert\n2024;3\n', { value: 7 }).problem).toBe('bad_mapping');
    expect(readIndicatorCsv('x'.repeat(6 * 1024 * 1024)).problem).toBe('too_large');
    const tooMany = `Datum;Wert\n${Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `${i % 28 + 1}.01.2024;1`).join('\n')}\n`;
    expect(readIndicatorCsv(tooMany).problem).toBe('too_many_rows');
  });

  it('follows the columns the person chose', () => {
    const p = readIndicatorCsv('Zeitraum;Kennzahl A;Kennzahl B\n2023;1,5;2,5\n2024;1,75;2,25\n', { date: 0, value: 2, source: null, comment: null });
    expect(p.values.map((v) => [v.date, v.value])).toEqual([
      ['2023-12-31', 2.5],
      ['2024-12-31', 2.25],
    ]);
  });

  it('reads 10,000 lines (a long monthly series of many districts) in one go', () => {
    const lines = ['Datum;Wert;Quelle'];
    for (let i = 0; i < 10_000; i++) {
      const d = new Date(Date.UTC(1990, 0, 1 + i));
      lines.push(`${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()};${(i / 7).toFixed(2).replace('.', ',')};Statistikamt`);
    }
    const started = performance.now();
    const p = readIndicatorCsv(lines.join('\n'));
    expect(p.errors).toEqual([]);
    expect(p.values).toHaveLength(10_000);
    expect(p.values[9_999]).toMatchObject({ value: Number((9_999 / 7).toFixed(2)) });
    // Not a timing assertion: reported so a regression is visible in the log.
    console.info(`read 10,000 lines in ${(performance.now() - started).toFixed(0)} ms`);
  });
});
