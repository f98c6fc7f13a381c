import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { BoardId } from './useBoardDoc';

const SECTION_FOCUS = { focus: 'section' } as const;

/**
 * Navigation between the notes and the session's boards, in the template's order. Links, so the
 * URL names the board (a reload keeps it) and react-router sets aria-current="page".
 */
export function BoardNav({ sessionId, boards }: { sessionId: string; boards: readonly BoardId[] }) {
  const { t } = useTranslation();
  const numbered = boards.length > 1;
  const base = `/s/${encodeURIComponent(sessionId)}`;
  return (
    <nav className="wr-board-nav" aria-label={t('boards.nav.label')} data-testid="board-nav">
      <ul className="wr-board-nav__list">
        <li>
          <NavLink to={base} end state={SECTION_FOCUS} className="wr-board-nav__link" data-testid="board-nav-notes">
            <span className="wr-board-nav__name">{t('boards.nav.notes')}</span>
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
              <span className="wr-board-nav__question">{t(`boards.${kind}.navHint`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
