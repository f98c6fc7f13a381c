/**
 * The moderator panel's votes tab: open a round, see what is running (the controls sit on each
 * open round, visible to everyone's view above the board), and the published results with their
 * outcomes.
 */
import { lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinResponse, SessionPublic } from '../../shared/api';
import { DEFAULT_SESSION_TEMPLATE } from '../../shared/domain';
import type { SessionState } from '../../shared/moderation';
import { LazyPart } from '../components/Lazy';
import { loadLocalePart } from '../lib/locales';
import { currentItemOf, useSessionSnapshot } from '../data/session/sessionContext';
import { methodLabel } from './format';

// The dialog reads the boards for its options (with the boards' strings) and validates with the
// shared schemas: loaded when opened.
const OpenRoundDialog = lazy(async () => {
  const [m] = await Promise.all([import('./OpenRoundDialog'), loadLocalePart('boards')]);
  return { default: m.OpenRoundDialog };
});

export function VotesModeration({ state, session, join }: { state: SessionState; session: SessionPublic | undefined; join: JoinResponse }) {
  const { t } = useTranslation();
  const { results } = useSessionSnapshot();
  const [opening, setOpening] = useState(false);
  const kind = session?.kind;
  const iag = kind === 'interfraktionelle_ag';
  const item = currentItemOf(state.agenda, state.currentItemId);

  return (
    <div className="wr-votes-mod" data-testid="votes-moderation">
      <p className="kern-body">{iag ? t('votes.moderation.introMeinungsbild') : t('votes.moderation.intro')}</p>
      <button type="button" className="kern-btn kern-btn--primary" onClick={() => setOpening(true)} disabled={!session} data-testid="open-round-button">
        <span className="kern-icon kern-icon--add" aria-hidden="true" />
        <span className="kern-label">{iag ? t('votes.moderation.openMeinungsbild') : t('votes.moderation.open')}</span>
      </button>
      {state.rounds.length > 0 ? (
        <p className="kern-body" role="status">
          {t('votes.moderation.running', { count: state.rounds.length })}
        </p>
      ) : null}
      {results.length > 0 ? (
        <>
          <h3 className="kern-heading-small">{t('votes.moderation.results')}</h3>
          <ul className="wr-votes-mod__results">
            {[...results].reverse().map((r) => (
              <li key={r.roundId}>
                <strong>{r.title}</strong> <span className="wr-muted">({r.nonBinding ? t('votes.meinungsbildLabel') : methodLabel(t, r.method)})</span>
                {' – '}
                {t(iag || r.nonBinding ? 'votes.result.votersOpinion' : 'votes.result.voters', { count: r.voters, n: r.voters })}
                {r.outcomes.length > 0 ? ` – ${r.outcomes.map((o) => t(`votes.outcome.${o.outcome}`)).join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {opening && session ? (
        <LazyPart>
          <OpenRoundDialog
            join={join}
            kind={session.kind}
            template={session.template ?? DEFAULT_SESSION_TEMPLATE}
            agendaItem={item ? { id: item.id, title: item.title, board: item.board } : null}
            onClose={() => setOpening(false)}
          />
        </LazyPart>
      ) : null}
    </div>
  );
}
