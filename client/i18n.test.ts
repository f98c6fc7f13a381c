// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import i18n from './i18n';

describe('missing translations', () => {
  it('are recorded with their language, once each', () => {
    expect(i18n.t('app.name')).not.toBe('app.name');
    expect(window.__werkraumMissingKeys).toEqual([]);
    i18n.t('decisions.rows.cols.noSuchColumn' as 'app.name');
    i18n.t('decisions.rows.cols.noSuchColumn' as 'app.name');
    expect(window.__werkraumMissingKeys).toEqual(['de:decisions.rows.cols.noSuchColumn']);
  });
});

describe('strings shown from the fallback language', () => {
  it('are recorded as missing in the language shown', async () => {
    window.__werkraumMissingKeys!.length = 0;
    // English has no strings loaded in this test: the German fallback is used and recorded.
    await i18n.changeLanguage('en');
    const shown = i18n.t('app.name');
    expect(shown).toBe(i18n.t('app.name', { lng: 'de' }));
    expect(window.__werkraumMissingKeys).toContain('en:app.name (shown in de)');
    await i18n.changeLanguage('de');
  });
});
