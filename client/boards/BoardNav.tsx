import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { BoardId } from '../data/docs/useBoardDoc';
import './BoardNav.css';

const SECTION_FOCUS = { focus: 'section' } as const;

/**
 * Navigation between the notes, the session's boards (in the template's order) and the decision
 * drafts. Links, so the URL names the board (a reload keeps it) and react-router sets
 * aria-current="page". On a phone the same links become one row of tabs — a number or an icon
 * over a short word ("Lage", "Entwürfe") — that fits 390 px; the full name stays the link's
 * accessible name (the short word is part of it).
 */
export function BoardNav({ sessionId, boards }: { sessionId: string; boards: readonly BoardId[] }) {
  const { t } = useTranslation();
  const numbered = boards.length > 1;
  const base = `/s/${encodeURIComponent(sessionId)}`;
  return (
    <nav className="wr-board-nav wr-board-nav--with-decisions" aria-label={t('boards.nav.label')}>
      <ul className="wr-board-nav__list" data-testid="board-nav">
        <li>
          <NavLink to={base} end state={SECTION_FOCUS} className="wr-board-nav__link" data-testid="board-nav-notes">
            <span className="kern-icon kern-icon--edit wr-board-nav__icon" aria-hidden="true" />
            <span className="wr-board-nav__name">{t('boards.nav.notes')}</span>
            <span className="wr-board-nav__short" aria-hidden="true">
              {t('boards.nav.short.notes')}
            </span>
          </NavLink>
        </li>
        {boards.map((kind, i) => (
          <li key={kind}>
            <NavLink to={`${base}/b/${kind}`} state={SECTION_FOCUS} className="wr-board-nav__link" data-testid={`board-nav-${kind}`}>
              {numbered ? (
                <span className="wr-board-nav__step" aria-hidden="true">
                  {i + 1}
                </span>
              ) : null}
              <span className="wr-board-nav__name">{t(`boards.${kind}.nav`)}</span>
              <span className="wr-board-nav__short" aria-hidden="true">
                {t(`boards.nav.short.${kind}`)}
              </span>
              <span className="wr-board-nav__question">{t(`boards.${kind}.navHint`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      {/* The decision drafts follow the steering cycle's boards, apart from them. */}
      <ul className="wr-board-nav__list wr-board-nav__list--decisions">
        <li>
          <NavLink to={`${base}/beschluesse`} state={SECTION_FOCUS} className="wr-board-nav__link" data-testid="board-nav-decisions">
            <span className="kern-icon kern-icon--draft wr-board-nav__icon" aria-hidden="true" />
            <span className="wr-board-nav__name">{t('decisions.nav')}</span>
            <span className="wr-board-nav__short" aria-hidden="true">
              {t('boards.nav.short.decisions')}
            </span>
            <span className="wr-board-nav__question">{t('decisions.navHint')}</span>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
