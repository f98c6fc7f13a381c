import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from './labels';

describe('parseNumber', () => {
  it('reads German and English notation', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber(' 40 ')).toBe(40);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('zwölf')).toBeNaN();
    expect(parseNumber('1,2,3')).toBeNaN();
  });
  it('formats back without grouping', () => {
    expect(formatNumber(1234.5, 'de')).toBe('1234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1234.5');
    expect(formatNumber(null, 'de')).toBe('');
  });
});
