import { describe, expect, it } from 'vitest';
import { nestQuotes } from './quotes';

describe('nestQuotes', () => {
  it('turns quotes inside quotes into single marks (German and English)', () => {
    expect(nestQuotes('Sitzung „3. Bildungskonferenz „Übergang Schule–Beruf““ öffnen', 'de')).toBe('Sitzung „3. Bildungskonferenz ‚Übergang Schule–Beruf‘“ öffnen');
    expect(nestQuotes('Open “3rd conference “Transitions”” now', 'en')).toBe('Open “3rd conference ‘Transitions’” now');
  });
  it('leaves single levels and unpaired marks alone', () => {
    expect(nestQuotes('„A“ und „B“', 'de')).toBe('„A“ und „B“');
    expect(nestQuotes('„A „B“', 'de')).toBe('„A „B“');
    expect(nestQuotes('no quotes', 'de')).toBe('no quotes');
  });
});
