/**
 * The moderator's control panel: the course of the session (agenda, timer), people (roles,
 * removal, speakers list), votes, and board locks. Tabs with arrow-key navigation (WAI-ARIA
 * tabs pattern); the panel can be folded away to give the board the space.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinResponse, SessionPublic } from '../../shared/api';
import { DEFAULT_SESSION_TEMPLATE } from '../../shared/domain';
import { VotesModeration } from '../votes/VotesModeration';
import { AgendaEditor } from './AgendaEditor';
import { sessionDocs } from './labels';
import { CardProtection } from './CardProtection';
import { DraftsControl } from './DraftsControl';
import { LockControls } from './LockControls';
import { TablesControl } from './TablesControl';
import { ParticipantsPanel } from './ParticipantsPanel';
import { useSessionSnapshot } from '../data/session/sessionContext';

const TABS = ['agenda', 'people', 'votes', 'tables', 'locks'] as const;
type Tab = (typeof TABS)[number];

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = sessionStorage.getItem(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Not remembering is fine.
  }
}

export function ModeratorPanel({ session, join }: { session: SessionPublic | undefined; join: JoinResponse }) {
  const { t } = useTranslation();
  const id = useId();
  const { state, participants } = useSessionSnapshot();
  const [open, setOpen] = useState(() => stored('werkraum.modpanel', ['open', 'closed'], 'open') === 'open');
  const [tab, setTab] = useState<Tab>(() => stored('werkraum.modpanel.tab', TABS, 'agenda'));
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const docs = sessionDocs(session?.template ?? DEFAULT_SESSION_TEMPLATE);

  function choose(next: Tab, focus = false) {
    setTab(next);
    remember('werkraum.modpanel.tab', next);
    if (focus) tabRefs.current[next]?.focus();
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i - 1 + TABS.length) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    choose(next, true);
  }

  const counts: Record<Tab, number | null> = {
    agenda: state?.agenda.length ?? null,
    people: participants?.length ?? null,
    votes: state?.rounds.length ?? null,
    tables: state?.tables?.tables.length ?? null,
    locks: state?.locked.length ?? null,
  };

  let body: ReactNode = null;
  if (!state) body = <p className="kern-body" role="status">{t('moderation.panel.loading')}</p>;
  else if (tab === 'agenda') body = <AgendaEditor state={state} docs={docs} />;
  else if (tab === 'people') body = <ParticipantsPanel state={state} />;
  else if (tab === 'tables') body = <TablesControl state={state} docs={docs} />;
  else if (tab === 'votes') body = <VotesModeration state={state} session={session} join={join} />;
  else
    body = (
      <>
        {/* The decision drafts can be locked like a board (e.g. while the moderation hands one over). */}
        <LockControls state={state} docs={[...docs, 'decisions']} />
        <CardProtection state={state} />
        {docs.includes('swot') ? <DraftsControl /> : null}
      </>
    );

  return (
    <section className="wr-modpanel" aria-labelledby={`${id}-h`} data-testid="moderator-panel">
      <div className="wr-modpanel__head">
        <h2 id={`${id}-h`} className="kern-heading-small wr-modpanel__heading">
          {t('moderation.panel.heading')}
        </h2>
        <button
          type="button"
          className="kern-btn kern-btn--tertiary"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => {
            setOpen(!open);
            remember('werkraum.modpanel', open ? 'closed' : 'open');
          }}
          data-testid="moderator-panel-toggle"
        >
          <span className={`kern-icon kern-icon--${open ? 'arrow-up' : 'arrow-down'}`} aria-hidden="true" />
          <span className="kern-label">{open ? t('moderation.panel.hide') : t('moderation.panel.show')}</span>
        </button>
      </div>
      <div id={`${id}-body`} hidden={!open}>
        <div role="tablist" aria-label={t('moderation.panel.tabs')} className="wr-tabs">
          {TABS.map((k) => (
            <button
              key={k}
              ref={(el) => {
                tabRefs.current[k] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${k}`}
              aria-selected={tab === k}
              aria-controls={`${id}-panel`}
              tabIndex={tab === k ? 0 : -1}
              className="wr-tabs__tab"
              onClick={() => choose(k)}
              onKeyDown={onTabKey}
              data-testid={`modpanel-tab-${k}`}
            >
              {k === 'votes' && session?.kind === 'interfraktionelle_ag' ? t('moderation.panel.tab.votesMeinungsbild') : t(`moderation.panel.tab.${k}`)}
              {counts[k] !== null && counts[k] > 0 ? <span className="wr-tabs__count"> ({counts[k]})</span> : null}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="wr-modpanel__body" tabIndex={0}>
          {body}
        </div>
      </div>
    </section>
  );
}
