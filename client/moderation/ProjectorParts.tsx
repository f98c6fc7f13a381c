/**
 * The parts of the projector screen ("Beamer-Ansicht", client/pages/BeamerPage.tsx) that belong to
 * the moderation: what the screen focuses on (a running vote's progress, a published result, or
 * the item's board), the speakers list with the running speaking time, the timer while it runs,
 * and a box that scales its content down until nothing is cut off.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionKind } from '../../shared/domain';
import { speakingMs, type AgendaItem, type SessionState } from '../../shared/moderationState';
import type { OpenRoundSummary, RoundResult } from '../../shared/votes';
import { formatClock } from '../data/session/clock';
import { useServerNow } from '../data/session/sessionContext';
import { methodLabel } from '../votes/format';
import { ResultView } from '../votes/ResultView';
import { TimerDisplay } from './Timer';
import '../votes/votes.css';
import './moderation.css';

export type ProjectorFocus = { kind: 'rounds'; rounds: OpenRoundSummary[] } | { kind: 'result'; result: RoundResult } | { kind: 'board' };

/**
 * What the projector shows in its main area: open rounds first; else the latest published result
 * while the room is still on the item it was published in (a result of this item, or one closed
 * after the moderation came to this item); else the item's board.
 */
export function useProjectorFocus(state: SessionState | null, results: readonly RoundResult[], serverNow: () => number): ProjectorFocus {
  const itemId = state?.currentItemId ?? null;
  const latest = results.at(-1);
  const seen = useRef<{ itemId: string | null; since: number } | null>(null);
  if (state && (seen.current === null || seen.current.itemId !== itemId)) {
    // When the projector opens on an item, a result of that item (or of none) still counts.
    const first = seen.current === null;
    const belongs = latest !== undefined && (latest.agendaItemId === itemId || latest.agendaItemId === null);
    seen.current = { itemId, since: first && belongs ? 0 : serverNow() };
  }
  if (!state) return { kind: 'board' };
  if (state.rounds.length > 0) return { kind: 'rounds', rounds: state.rounds };
  if (latest && seen.current && latest.closedAt >= seen.current.since) return { kind: 'result', result: latest };
  return { kind: 'board' };
}

/**
 * Scales its content down (never up) until it fits the box in both directions; `min` keeps long
 * boards readable (below it the content is cut at the bottom rather than shrunk further).
 */
export function FitToBox({ children, min = 0, testId }: { children: ReactNode; min?: number; testId?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const fit = () => {
      // The natural size: offset sizes ignore the transform applied here.
      const w = i.scrollWidth;
      const h = i.offsetHeight;
      if (w === 0 || h === 0) return;
      const s = Math.min(1, o.clientWidth / w, o.clientHeight / h);
      setScale(Math.max(min, Math.floor(s * 1000) / 1000));
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(o);
    ro.observe(i);
    return () => ro.disconnect();
  }, [min]);
  return (
    <div ref={outer} className="wr-fit" data-testid={testId}>
      <div ref={inner} className="wr-fit__inner" style={{ transform: scale < 1 ? `scale(${scale})` : undefined, width: scale < 1 ? `${100 / scale}%` : undefined }} data-scale={scale}>
        {children}
      </div>
    </div>
  );
}

/** The open rounds' progress, large: "47 von 83 haben abgestimmt". */
export function ProjectorRounds({ rounds }: { rounds: OpenRoundSummary[] }) {
  const { t } = useTranslation();
  return (
    <div className="wr-beamer-rounds">
      {rounds.map((r) => (
        <section key={r.id} className="wr-beamer-round" data-testid="beamer-round" aria-labelledby={`beamer-round-${r.id}`}>
          <p className="wr-beamer-round__method">{r.nonBinding ? t('votes.meinungsbildLabel') : methodLabel(t, r.method)}</p>
          <h2 className="wr-beamer-round__title" id={`beamer-round-${r.id}`}>
            {r.title}
          </h2>
          <p className="wr-beamer-round__progress" data-testid="beamer-progress" data-voted={r.voted} data-eligible={r.eligible}>
            {t('votes.area.progress', { voted: r.voted, eligible: r.eligible })}
          </p>
          <div className="wr-beamer-round__bar" aria-hidden="true">
            <span style={{ width: `${r.eligible > 0 ? Math.min(100, (100 * r.voted) / r.eligible) : 0}%` }} />
          </div>
        </section>
      ))}
    </div>
  );
}

/** A published result, exactly as the room sees it, scaled to fit the screen. */
export function ProjectorResult({ result, kind }: { result: RoundResult; kind: SessionKind | undefined }) {
  return (
    <FitToBox testId="beamer-result-fit">
      <div className="wr-beamer-result" data-testid="beamer-result">
        <ResultView result={result} kind={kind} large headingLevel={2} />
      </div>
    </FitToBox>
  );
}

/** The item's timer, only while it runs (an idle "25:00" says nothing to the room). */
export function ProjectorTimer({ item, testId = 'beamer-timer' }: { item: AgendaItem | undefined; testId?: string }) {
  if (!item || item.timer.status !== 'running') return null;
  return <TimerDisplay item={item} size="projector" testId={testId} />;
}

const QUEUE_SHOWN = 6;

/** Who has the floor (with the running speaking time) and who is next. */
export function ProjectorSpeakers({ speakers }: { speakers: SessionState['speakers'] }) {
  const { t } = useTranslation();
  const { current, queue, turnMs } = speakers;
  const now = useServerNow(current !== null, 500);
  if (!current && queue.length === 0) return null;
  const spoken = current ? speakingMs(current, now) : 0;
  const over = current !== null && turnMs !== null && spoken > turnMs;
  const rest = queue.length - QUEUE_SHOWN;
  return (
    <section className="wr-beamer-speakers" aria-labelledby="beamer-speakers-h" data-testid="beamer-speakers">
      <h2 className="wr-beamer-side__h" id="beamer-speakers-h">
        {t('moderation.speakers.heading')}
      </h2>
      {current ? (
        <p className={`wr-beamer-speakers__current${over ? ' wr-beamer-speakers__current--over' : ''}`} data-testid="beamer-speaker-current">
          <span className="wr-beamer-speakers__name">{current.displayName}</span>
          <span className="wr-beamer-speakers__time" data-testid="beamer-speaker-time">
            {formatClock(Math.floor(spoken / 1000))}
            {turnMs !== null ? <span className="wr-beamer-speakers__limit"> / {formatClock(Math.round(turnMs / 1000))}</span> : null}
          </span>
        </p>
      ) : null}
      {queue.length > 0 ? (
        <ol className="wr-beamer-speakers__queue" aria-label={t('moderation.speakers.queueLabel')}>
          {queue.slice(0, QUEUE_SHOWN).map((s) => (
            <li key={s.participantId} data-testid="beamer-speaker-queued">
              {s.displayName}
              {s.turns === 0 ? <span className="wr-beamer-speakers__first"> · {t('moderation.speakers.firstTime')}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {rest > 0 ? <p className="wr-beamer-speakers__more">{t('moderation.speakers.more', { count: rest })}</p> : null}
    </section>
  );
}
