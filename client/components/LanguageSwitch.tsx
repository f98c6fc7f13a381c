import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../lib/locales';

/**
 * Switches between German and English. The button names the other language in that language
 * (with its `lang`), the usual pattern on German administration sites. The other language's
 * strings are fetched on the first switch: the button is busy meanwhile, and says so if they
 * could not be loaded (the language then stays as it was).
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const other = t('lang.otherCode');

  function change() {
    if (state === 'loading' || !isLanguage(other)) return;
    setState('loading');
    setLanguage(other).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  }

  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary wr-lang-switch"
        lang={other}
        data-testid="lang-switch"
        aria-busy={state === 'loading' || undefined}
        aria-describedby={state === 'failed' ? 'lang-switch-error' : undefined}
        onClick={change}
      >
        <span className="kern-icon kern-icon--language" aria-hidden="true" />
        <span className="kern-label">{t('lang.other')}</span>
      </button>
      {state === 'failed' ? (
        <span id="lang-switch-error" className="kern-body kern-body--small wr-lang-switch__error" role="alert" data-testid="lang-switch-error">
          {t('lang.loadFailed')}
        </span>
      ) : null}
    </>
  );
}
