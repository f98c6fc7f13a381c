/**
 * The frozen versions of a draft (number, short hash, hand-over, note) with a choice of the
 * version shown. Comparing and exporting are the session side's VersionCompare and ExportMenu.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionVersionMeta } from '../../shared/decision';
import { formatDateTime, shortHash } from './LenkungskreisModel';

interface Props {
  versions: DecisionVersionMeta[];
  shown: number;
  onShow: (n: number) => void;
}

export function LenkungskreisVersions({ versions, shown, onShow }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section className="wr-lk-section" aria-labelledby={`${id}-title`} data-testid="lk-versions">
      <h2 id={`${id}-title`} className="kern-heading-medium">
        {t('lenkungskreis.versions.title')}
      </h2>
      <ol className="wr-lk-versions" reversed>
        {newestFirst.map((v) => (
          <li key={v.number} className={`wr-lk-version${v.number === shown ? ' wr-lk-version--shown' : ''}`} data-testid="lk-version" data-version={v.number}>
            <p className="kern-body wr-lk-version__head">
              <strong>{t('lenkungskreis.versions.version', { version: v.number })}</strong>
              {v.number === shown ? <span className="kern-badge kern-badge--info kern-badge--small wr-lk-gap">{t('lenkungskreis.versions.shown')}</span> : null}
            </p>
            <p className="kern-body kern-body--small">
              {t('lenkungskreis.versions.handedOver', { date: formatDateTime(v.handedOverAt, i18n.language), name: v.handedOverBy.displayName })}
            </p>
            <p className="kern-body kern-body--small">
              {t('lenkungskreis.versions.hash')}: <code title={v.contentHash} data-testid="lk-version-hash">{shortHash(v.contentHash)}</code>
            </p>
            {v.note ? <p className="kern-body kern-body--small wr-lk-pre">{t('lenkungskreis.versions.note', { note: v.note })}</p> : null}
            {v.findings.length > 0 ? <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.versions.findings', { count: v.findings.length })}</p> : null}
            {v.number !== shown ? (
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onShow(v.number)} data-testid="lk-version-show">
                <span className="kern-label">{t('lenkungskreis.versions.show', { version: v.number })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
