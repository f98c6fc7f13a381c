/**
 * "Abstimmung geöffnet": a visible notice, in a polite live region, when a round opens while the
 * room is open — on a phone it sits right above the round's card, so the ballot button is on the
 * first screen with it. Rounds already open on arrival need no notice (their card is there). It
 * goes when the round closes or the person hides it. Not for moderators, who opened it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canVote, isModerator } from '../../shared/moderationState';
import { useSessionSnapshot } from '../data/session/sessionContext';

export function RoomAlert() {
  const { t } = useTranslation();
  const { state, self } = useSessionSnapshot();
  const seen = useRef<Set<string> | null>(null);
  const [opened, setOpened] = useState<{ id: string; title: string; nonBinding: boolean } | null>(null);
  const [hidden, setHidden] = useState<string | null>(null);
  const rounds = state?.rounds;

  useEffect(() => {
    if (!rounds) return;
    const ids = new Set(rounds.map((r) => r.id));
    if (seen.current) {
      const fresh = rounds.filter((r) => !seen.current!.has(r.id));
      const last = fresh[fresh.length - 1];
      if (last) setOpened({ id: last.id, title: last.title, nonBinding: last.nonBinding });
    }
    seen.current = ids;
  }, [rounds]);

  const open = opened !== null && hidden !== opened.id && (rounds ?? []).some((r) => r.id === opened.id);
  const show = open && self !== null && !isModerator(self.role);
  const voter = self !== null && canVote(self.role);

  return (
    // Always in the page, so screen readers announce what appears in it.
    <div className="wr-room-alert" role="status" aria-live="polite" data-testid="room-alert">
      {show ? (
        <div className="wr-room-alert__box" data-testid="room-alert-vote" data-round-id={opened.id}>
          <span className="kern-icon kern-icon--info wr-room-alert__icon" aria-hidden="true" />
          <p className="kern-body wr-room-alert__text">
            <strong>{opened.nonBinding ? t('room.alert.opinionOpened', { title: opened.title }) : t('room.alert.voteOpened', { title: opened.title })}</strong>
            {voter ? <span className="wr-room-alert__hint"> {opened.nonBinding ? t('room.alert.opinionHint') : t('room.alert.voteHint')}</span> : null}
          </p>
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small wr-room-alert__close" onClick={() => setHidden(opened.id)} data-testid="room-alert-hide">
            <span className="kern-icon kern-icon--close" aria-hidden="true" />
            <span className="wr-sr-only">{t('room.alert.hide')}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
