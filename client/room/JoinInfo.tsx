import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionForModerator } from '../../shared/api';
import { formatJoinCode } from '../../shared/domain';
import { QrCode } from '../components/QrCode';

/** The links people use to join; built from this page's own origin (the server's public address). */
export function joinLinks(session: SessionForModerator): { join: string; observe: string } {
  return {
    join: `${location.origin}/join/${session.joinCode}`,
    observe: `${location.origin}/join/${session.observerCode}`,
  };
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 4000);
    return () => clearTimeout(id);
  }, [copied]);
  if (!navigator.clipboard) return null;
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kern-btn--x-small wr-copy"
        onClick={() => {
          void navigator.clipboard.writeText(text).then(() => setCopied(true));
        }}
      >
        <span className="kern-icon kern-icon--content-copy" aria-hidden="true" />
        <span className="kern-label">{label}</span>
      </button>
      <span className="wr-copy__status kern-body--small" role="status">
        {copied ? t('room.joinPanel.copied') : ''}
      </span>
    </>
  );
}

/** The moderator's panel in the room: code, link, QR and observer link, plus the projector view. */
export function JoinPanel({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  const links = joinLinks(session);
  return (
    <section className="wr-side-section wr-join-panel" aria-labelledby="join-panel-heading">
      <h2 id="join-panel-heading" className="kern-heading-small wr-side-heading">
        {t('room.joinPanel.heading')}
      </h2>
      <p className="wr-join-panel__label kern-label kern-label--small">{t('room.joinPanel.code')}</p>
      <p className="wr-join-code" data-testid="session-join-code">
        {formatJoinCode(session.joinCode)}
      </p>
      <QrCode value={links.join} label={t('room.joinPanel.qr')} className="wr-qr--panel" />
      <p className="wr-join-panel__label kern-label kern-label--small">{t('room.joinPanel.link')}</p>
      <p className="wr-join-link">
        <a className="kern-link" href={links.join} data-testid="session-join-link">
          {links.join}
        </a>
      </p>
      <CopyButton text={links.join} label={t('room.joinPanel.copy')} />
      <p className="wr-join-panel__label kern-label kern-label--small">{t('room.joinPanel.observerLink')}</p>
      <p className="wr-join-link">
        <a className="kern-link kern-link--small" href={links.observe} data-testid="session-observer-link">
          {links.observe}
        </a>
      </p>
      <CopyButton text={links.observe} label={t('room.joinPanel.copyObserver')} />
      <p className="wr-beamer-link">
        <a className="kern-btn kern-btn--secondary" href={`/s/${session.id}/beamer`} target="_blank" rel="noopener">
          <span className="kern-label">{t('room.joinPanel.beamer')}</span>
          <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
          <span className="wr-sr-only">({t('room.joinPanel.beamerHint')})</span>
        </a>
      </p>
    </section>
  );
}
