/**
 * Votes for everyone, below the room header: each open round with "x von y haben abgestimmt"
 * (never who or what) and the ballot button; moderators also get manual votes, close and cancel.
 * Below, the latest published result; earlier ones fold away.
 */
import { lazy, useEffect, useId, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionKind } from '../../shared/domain';
import { canVote, isModerator } from '../../shared/moderationState';
import type { OpenRoundSummary, PendingVoter, RoundResult } from '../../shared/votes';
import { ConfirmDialog } from '../components/Dialog';
import { LazyPart } from '../components/Lazy';
import { loadLocalePart } from '../lib/locales';
import { useServerNow, useSessionSnapshot } from '../data/session/sessionContext';
import { useCommand } from '../data/session/useCommand';
import { methodLabel, numberFormat } from './format';
import './votes.css';
import { CommandError } from '../components/CommandError';

// What a room without a vote never needs loads when first shown: the ballot, the moderation's
// manual votes, and results with their charts.
const BallotDialog = lazy(() => import('./BallotDialog').then((m) => ({ default: m.BallotDialog })));
const ManualVotesDialog = lazy(async () => {
  const [m] = await Promise.all([import('./ManualVotesDialog'), loadLocalePart('manage')]);
  return { default: m.ManualVotesDialog };
});
const ResultView = lazy(() => import('./ResultView').then((m) => ({ default: m.ResultView })));

/** Rounds this device has cast a ballot in (the server never says; the voter knows). */
const castKey = (roundId: string) => `werkraum.cast.${roundId}`;
function wasCast(roundId: string): boolean {
  try {
    return sessionStorage.getItem(castKey(roundId)) === '1';
  } catch {
    return false;
  }
}

/**
 * Shows one result on the projector. The room passes the moderation's projector view, which also
 * shows the agenda item and its timer; votes only decide when it opens.
 */
export type ResultProjector = ComponentType<{ result: RoundResult; kind: SessionKind | undefined; onClose: () => void }>;

export function VotesArea({ kind, projector: Projector }: { kind: SessionKind | undefined; projector: ResultProjector }) {
  const { t } = useTranslation();
  const id = useId();
  const { state, results, self } = useSessionSnapshot();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [projector, setProjector] = useState<RoundResult | null>(null);
  const [announce, setAnnounce] = useState('');
  const seenResults = useRef<Set<string> | null>(null);
  const seenRounds = useRef<Set<string> | null>(null);
  const rounds = state?.rounds ?? [];
  const latest = results.length > 0 ? results[results.length - 1] : undefined;
  const earlier = results.slice(0, -1).reverse();
  const moderator = self ? isModerator(self.role) : false;

  // Polite announcements when a round opens or a result is published (not for those already there on arrival).
  useEffect(() => {
    if (!state) return;
    const roundIds = new Set(state.rounds.map((r) => r.id));
    const resultIds = new Set(results.map((r) => r.roundId));
    if (seenRounds.current && seenResults.current) {
      const opened = state.rounds.find((r) => !seenRounds.current!.has(r.id));
      const published = results.find((r) => !seenResults.current!.has(r.roundId));
      if (published) setAnnounce(t('votes.announce.published', { title: published.title }));
      else if (opened) setAnnounce(t(opened.nonBinding || kind === 'interfraktionelle_ag' ? 'votes.announce.openedOpinion' : 'votes.announce.opened', { title: opened.title }));
    }
    seenRounds.current = roundIds;
    seenResults.current = resultIds;
  }, [state, results, t, kind]);

  if (!state || (rounds.length === 0 && results.length === 0)) {
    return (
      <div className="wr-sr-only" role="status" aria-live="polite">
        {announce}
      </div>
    );
  }

  return (
    <section className="wr-votes" aria-labelledby={`${id}-h`} data-testid="votes-area">
      <h2 id={`${id}-h`} className="wr-sr-only">
        {kind === 'interfraktionelle_ag' ? t('votes.area.headingMeinungsbild') : t('votes.area.heading')}
      </h2>
      {rounds.map((round) => (
        <RoundCard key={round.id} round={round} canCast={self ? canVote(self.role) : false} moderator={moderator} opinion={round.nonBinding || kind === 'interfraktionelle_ag'} />
      ))}
      {latest && dismissed !== latest.roundId ? (
        <div className="wr-votes__latest" data-testid="latest-result">
          <div className="wr-votes__latest-tools">
            {moderator ? <ReopenButton result={latest} /> : null}
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setProjector(latest)} data-testid="result-projector">
              <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
              <span className="kern-label">{t('votes.result.projector')}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setDismissed(latest.roundId)} data-testid="result-dismiss">
              <span className="kern-icon kern-icon--close" aria-hidden="true" />
              <span className="kern-label">{t('votes.result.hide')}</span>
            </button>
          </div>
          <LazyPart>
            <ResultView result={latest} kind={kind} moderator={moderator} />
          </LazyPart>
        </div>
      ) : null}
      {earlier.length > 0 || (latest && dismissed === latest.roundId) ? (
        <details className="wr-votes__earlier">
          <summary className="kern-body" data-testid="results-earlier">
            {t('votes.area.allResults', { count: results.length })}
          </summary>
          {(dismissed === latest?.roundId ? [latest, ...earlier] : earlier).map((r) =>
            r ? (
              <div key={r.roundId} className="wr-votes__earlier-item">
                <LazyPart>
                  <ResultView result={r} kind={kind} moderator={moderator} />
                </LazyPart>
              </div>
            ) : null,
          )}
        </details>
      ) : null}
      {projector ? <Projector result={projector} kind={kind} onClose={() => setProjector(null)} /> : null}
      <div className="wr-sr-only" role="status" aria-live="polite">
        {announce}
      </div>
    </section>
  );
}

function RoundCard({ round, canCast, moderator, opinion }: { round: OpenRoundSummary; canCast: boolean; moderator: boolean; opinion: boolean }) {
  const { t, i18n } = useTranslation();
  const nf = numberFormat(i18n.language);
  const command = useCommand();
  const [voting, setVoting] = useState(false);
  const [cast, setCast] = useState(() => wasCast(round.id));
  const [manual, setManual] = useState(false);
  const [confirm, setConfirm] = useState<'close' | 'cancel' | null>(null);
  const [pending, setPending] = useState<PendingVoter[] | null>(null);
  const share = round.eligible > 0 ? Math.min(1, round.voted / round.eligible) : 0;
  // In an interfraktionelle Arbeitsgruppe (and for every Meinungsbild) nobody "votes": they give their view.
  const k = <A extends string, B extends string>(vote: A, view: B): A | B => (opinion ? view : vote);
  const now = useServerNow(round.closesAt !== null, 1000);
  const left = round.closesAt !== null ? Math.max(0, round.closesAt - now) : null;
  const closesAtText =
    round.closesAt !== null
      ? new Date(round.closesAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit' })
      : '';
  const leftText = left === null ? '' : `${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')}`;

  // Named rounds only: the moderator sees who has not voted yet, refreshed as the count changes.
  const showPending = moderator && round.named && pending !== null;
  const { run } = command;
  useEffect(() => {
    if (!showPending) return;
    let cancelled = false;
    void run('vote.pending', { roundId: round.id }).then((res) => {
      if (!cancelled && res.ok) setPending(res.pending);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when the count changes
  }, [showPending, round.id, round.voted, round.eligible]);

  return (
    <article className="wr-round" data-testid="open-round" data-round-id={round.id} aria-label={round.title}>
      <div className="wr-round__text">
        <p className="kern-preline">
          {round.nonBinding ? t('votes.meinungsbildLabel') : t('votes.area.open', { method: methodLabel(t, round.method) })}
          {round.named ? ` · ${t('votes.result.namedBadge')}` : ''}
        </p>
        <h3 className="kern-heading-small wr-round__title">{round.title}</h3>
        <p className="kern-body wr-round__progress" data-testid="round-progress" data-voted={round.voted} data-eligible={round.eligible}>
          {t(k('votes.area.progress', 'votes.area.progressOpinion'), { voted: nf.format(round.voted), eligible: nf.format(round.eligible) })}
          {round.hasManual ? <span className="wr-muted"> {t('votes.area.hasManual')}</span> : null}
        </p>
        <span className="wr-round__meter" aria-hidden="true">
          <span style={{ width: `${share * 100}%` }} />
        </span>
        {round.closesAt !== null ? (
          <p className="kern-body wr-round__timer" data-testid="round-timer" data-closes-at={round.closesAt}>
            <span className="kern-icon kern-icon--schedule" aria-hidden="true" />{' '}
            {left !== null && left > 0 ? t('votes.area.closesAt', { time: closesAtText, left: leftText }) : t('votes.area.closesSoon')}
          </p>
        ) : null}
        {showPending ? (
          <div className="wr-round__pending" data-testid="round-pending">
            <p className="kern-body kern-body--bold">{pending.length > 0 ? t('votes.area.pendingTitle', { count: pending.length }) : t('votes.area.pendingNone')}</p>
            {pending.length > 0 ? (
              <ul className="wr-round__pending-list">
                {pending.map((p) => (
                  <li key={p.participantId}>{p.displayName}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="wr-round__actions">
        {canCast ? (
          <>
            {cast ? (
              <span className="kern-body wr-round__cast" data-testid="round-cast">
                <span className="kern-icon kern-icon--success" aria-hidden="true" /> {t(k('votes.area.cast', 'votes.area.castOpinion'))}
              </span>
            ) : null}
            <button type="button" className={`kern-btn ${cast ? 'kern-btn--secondary' : 'kern-btn--primary'}`} onClick={() => setVoting(true)} data-testid="round-vote">
              <span className="kern-label">{cast ? t(k('votes.area.changeVote', 'votes.area.changeOpinion')) : opinion ? t('votes.area.giveOpinion') : t('votes.area.vote')}</span>
            </button>
          </>
        ) : null}
        {moderator ? (
          <>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setManual(true)} data-testid="round-manual">
              <span className="kern-label">{t('votes.area.manualButton')}</span>
            </button>
            {[1, 5].map((minutes) => (
              <button
                key={minutes}
                type="button"
                className="kern-btn kern-btn--tertiary"
                onClick={() => void command.run('vote.extend', { roundId: round.id, seconds: minutes * 60 })}
                aria-label={t('votes.area.extendLabel', { minutes })}
                data-testid={`round-extend-${minutes}`}
              >
                <span className="kern-label">{t('votes.area.extend', { minutes })}</span>
              </button>
            ))}
            {round.named ? (
              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setPending(pending ?? [])} aria-expanded={pending !== null} data-testid="round-pending-toggle">
                <span className="kern-label">{t('votes.area.pending')}</span>
              </button>
            ) : null}
            <button type="button" className="kern-btn kern-btn--primary" onClick={() => setConfirm('close')} data-testid="round-close">
              <span className="kern-label">{t(k('votes.area.close', 'votes.area.closeOpinion'))}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirm('cancel')} data-testid="round-cancel">
              <span className="kern-label">{t(k('votes.area.cancel', 'votes.area.cancelOpinion'))}</span>
            </button>
          </>
        ) : null}
      </div>
      <CommandError error={command.error} />
      {voting ? (
        <LazyPart>
          <BallotDialog
            round={round}
            opinion={opinion}
            onClose={(didCast) => {
              setVoting(false);
              if (didCast) {
                setCast(true);
                try {
                  sessionStorage.setItem(castKey(round.id), '1');
                } catch {
                  // Only the label "abgestimmt" depends on it.
                }
              }
            }}
          />
        </LazyPart>
      ) : null}
      {manual ? (
        <LazyPart>
          <ManualVotesDialog round={round} onClose={() => setManual(false)} />
        </LazyPart>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm === 'close' ? t(k('votes.area.closeTitle', 'votes.area.closeTitleOpinion')) : t('votes.area.cancelTitle')}
          text={
            confirm === 'close'
              ? t(k('votes.area.closeText', 'votes.area.closeTextOpinion'), { voted: round.voted, eligible: round.eligible })
              : t(k('votes.area.cancelText', 'votes.area.cancelTextOpinion'))
          }
          confirmLabel={confirm === 'close' ? t(k('votes.area.close', 'votes.area.closeOpinion')) : t(k('votes.area.cancel', 'votes.area.cancelOpinion'))}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const what = confirm;
            setConfirm(null);
            void command.run(what === 'close' ? 'vote.close' : 'vote.cancel', { roundId: round.id });
          }}
          testId={`round-${confirm}-dialog`}
        />
      ) : null}
    </article>
  );
}

/** Moderators: asks a closed round again (a new round with the same question and options). */
function ReopenButton({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setConfirm(true)} data-testid="result-reopen">
        <span className="kern-icon kern-icon--refresh" aria-hidden="true" />
        <span className="kern-label">{t('votes.area.reopen')}</span>
      </button>
      {confirm ? (
        <ConfirmDialog
          title={t('votes.area.reopenTitle', { title: result.title })}
          text={t('votes.area.reopenText')}
          confirmLabel={t('votes.area.reopen')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void command.run('vote.reopen', { roundId: result.roundId });
          }}
          testId="result-reopen-dialog"
        />
      ) : null}
      {command.error ? (
        <span className="kern-error" role="alert">
          <span className="kern-body">{command.error}</span>
        </span>
      ) : null}
    </>
  );
}
