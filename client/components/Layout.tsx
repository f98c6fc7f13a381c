import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../data/auth';
import { loadMember } from '../lib/lenkungskreisStore';
import { LanguageSwitch } from './LanguageSwitch';

/** Moves focus to the new page's heading after client-side navigation, as a page load would. */
function useFocusOnNavigate(mainRef: RefObject<HTMLElement | null>) {
  const { pathname, state } = useLocation();
  // Switching between a room's notes and boards focuses the section's heading, not the room's h1.
  const focusSection = typeof state === 'object' && state !== null && (state as { focus?: unknown }).focus === 'section';
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const loading = () => main.querySelector('[aria-busy="true"]') !== null;
    // A section still loading (a board's frame loads when first shown) is waited for; the page's
    // h1 is the target only when no section heading comes.
    const find = () => (focusSection ? main.querySelector<HTMLElement>('[data-focus-on-navigate]') : null) ?? (focusSection && loading() ? null : main.querySelector<HTMLElement>('h1'));
    const focus = (target: HTMLElement) => {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: false });
    };
    const found = find();
    if (found || !loading()) {
      focus(found ?? main);
      return;
    }
    // The page is still loading (pages load when first opened): focus its heading once it is there.
    const observer = new MutationObserver(() => {
      const target = find();
      if (!target && loading()) return;
      observer.disconnect();
      focus(target ?? main);
    });
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs per navigation; `focusSection` belongs to it
  }, [pathname, mainRef]);
}

export function Logo() {
  return (
    <svg className="wr-logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="4" fill="currentColor" />
      <path d="M7 10l3.2 13h1.6L16 13.5 20.2 23h1.6L25 10h-2.6l-2 8.6L16.9 10h-1.8l-3.5 8.6-2-8.6z" fill="#fff" />
    </svg>
  );
}

interface LayoutProps {
  children: ReactNode;
  /** Wide pages (the session room) use the full width. */
  wide?: boolean;
}

export function Layout({ children, wide = false }: LayoutProps) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(mainRef);
  // On a phone the navigation folds behind "Menü", so the header is one row.
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  // A Lenkungskreis member on this device finds the inbox from every page.
  const member = loadMember();

  return (
    <div className="wr-app">
      <a className="wr-skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="wr-header">
        <div className={`wr-header__inner ${wide ? 'wr-wide' : 'wr-frame'}`}>
          <Link to="/" className="wr-brand">
            <Logo />
            <span className="wr-brand__text">
              <span className="wr-brand__name">{t('app.name')}</span>
              <span className="wr-brand__tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <button
            type="button"
            className="kern-btn kern-btn--tertiary wr-header__menu"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((o) => !o)}
            data-testid="header-menu"
          >
            <span className="kern-icon kern-icon--dehaze" aria-hidden="true" />
            <span className="kern-label">{t('nav.menu')}</span>
          </button>
          <nav
            id={navId}
            className={`wr-nav${menuOpen ? ' wr-nav--open' : ''}`}
            aria-label={t('nav.label')}
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('a, button')) setMenuOpen(false);
            }}
          >
            <ul className="wr-nav__list">
              <li>
                <NavLink to="/" end className="kern-link wr-nav__link">
                  {t('nav.start')}
                </NavLink>
              </li>
              {member ? (
                <li>
                  <NavLink to="/lenkungskreis" className="kern-link wr-nav__link">
                    {t('nav.lenkungskreis')}
                  </NavLink>
                </li>
              ) : null}
              {user ? (
                <>
                  <li>
                    <NavLink to="/sessions" className="kern-link wr-nav__link">
                      {t('nav.sessions')}
                    </NavLink>
                  </li>
                  <li>
                    <button
                      type="button"
                      className="kern-btn kern-btn--tertiary wr-nav__button"
                      title={t('nav.loggedInAs', { name: user.displayName })}
                      onClick={() => {
                        void logout().then(() => navigate('/login'));
                      }}
                    >
                      <span className="kern-icon kern-icon--logout" aria-hidden="true" />
                      <span className="kern-label">{t('nav.logout')}</span>
                    </button>
                  </li>
                </>
              ) : (
                <li>
                  <NavLink to="/login" className="kern-link wr-nav__link">
                    {t('nav.login')}
                  </NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="wr-header__lang">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} className={`wr-main ${wide ? 'wr-wide' : 'wr-frame'}`} tabIndex={-1}>
        {wide ? children : <div className="wr-measure">{children}</div>}
      </main>
      <footer className="wr-footer">
        <div className={wide ? 'wr-wide' : 'wr-frame'}>
          <p className="kern-body kern-body--small">
            {t('app.footer')}{' '}
            <Link className="kern-link" to="/datenschutz" data-testid="footer-privacy">
              {t('app.privacyLink')}
            </Link>
          </p>
        </div>
      </footer>
    </div>
  );
}
