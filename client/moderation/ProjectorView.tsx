/**
 * "Groß zeigen" in the moderator's own window: the current agenda item and its phase, the timer
 * while it runs, and either a published result (scaled to fit the screen, like the projector's
 * /s/:id/beamer) or the open rounds' progress, readable from the back of the room. A full-screen
 * native dialog: Esc closes it, focus stays inside.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionKind } from '../../shared/domain';
import type { RoundResult } from '../../shared/votes';
import { methodLabel } from '../votes/format';
import { ResultView } from '../votes/ResultView';
import { docLabel } from './labels';
import { currentItemOf, useSessionSnapshot } from '../data/session/sessionContext';
import { FitToBox, ProjectorTimer } from './ProjectorParts';

interface ProjectorViewProps {
  title: string | undefined;
  kind: SessionKind | undefined;
  /** Show this result; without one, the latest result or the open rounds. */
  result?: RoundResult | null;
  onClose: () => void;
}

export function ProjectorView({ title, kind, result, onClose }: ProjectorViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const { state, results } = useSessionSnapshot();
  const item = state ? currentItemOf(state.agenda, state.currentItemId) : undefined;
  const shown = result ?? (state && state.rounds.length === 0 ? results[results.length - 1] : undefined);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="wr-projector"
      aria-labelledby={`${id}-h`}
      data-testid="projector-view"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="wr-projector__bar">
        <p className="wr-projector__session" id={`${id}-h`}>
          {title ?? t('moderation.projector.title')}
        </p>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose} autoFocus data-testid="projector-close">
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label">{t('moderation.projector.close')}</span>
        </button>
      </div>
      <div className="wr-projector__top">
        {item ? (
          <div className="wr-projector__item">
            <p className="wr-projector__phase">
              {t(`moderation.phases.${item.phase}`)} · {docLabel(t, item.board)}
            </p>
            <p className="wr-projector__title" data-testid="projector-item">
              {item.title}
            </p>
          </div>
        ) : (
          <div className="wr-projector__item" />
        )}
        <ProjectorTimer item={item} testId="projector-timer" />
      </div>
      <div className="wr-projector__main">
        {shown ? (
          <FitToBox testId="projector-result-fit">
            <ResultView result={shown} kind={kind} large headingLevel={2} />
          </FitToBox>
        ) : (
          (state?.rounds ?? []).map((r) => (
            <div key={r.id} className="wr-projector__round">
              <p className="wr-projector__phase">{r.nonBinding ? t('votes.meinungsbildLabel') : methodLabel(t, r.method)}</p>
              <h2 className="wr-projector__title">{r.title}</h2>
              <p className="wr-projector__progress">{t('votes.area.progress', { voted: r.voted, eligible: r.eligible })}</p>
            </div>
          ))
        )}
      </div>
    </dialog>
  );
}
