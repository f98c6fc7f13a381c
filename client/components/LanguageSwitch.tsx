import { useTranslation } from 'react-i18next';

/**
 * Switches between German and English. The button names the other language in that language
 * (with its `lang`), the usual pattern on German administration sites.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = t('lang.otherCode');
  return (
    <button
      type="button"
      className="kern-btn kern-btn--tertiary wr-lang-switch"
      lang={other}
      data-testid="lang-switch"
      onClick={() => void i18n.changeLanguage(other)}
    >
      <span className="kern-icon kern-icon--language" aria-hidden="true" />
      <span className="kern-label">{t('lang.other')}</span>
    </button>
  );
}
