/** Picks a SWOT card or a goal to take over as a focus topic (the topic keeps a link to it). */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalTree } from '../../../shared/schema/goals';
import type { SourceLink } from '../../../shared/schema/priorities';
import { SWOT_QUADRANTS, type SwotBoard } from '../../../shared/schema/swot';
import type { ReadOnlySource } from './sources';

interface SourcePickerProps {
  kind: 'swot' | 'goals';
  swot: ReadOnlySource<SwotBoard>;
  goals: ReadOnlySource<GoalTree>;
  /** `board:itemId` of sources already taken over. */
  taken: ReadonlySet<string>;
  onPick: (title: string, source: SourceLink) => void;
  onClose: () => void;
}

export function SourcePicker({ kind, swot, goals, taken, onPick, onClose }: SourcePickerProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [kind]);
  const loaded = kind === 'swot' ? swot.loaded : goals.loaded;

  const pickButton = (id: string, title: string, label: string) => {
    const already = taken.has(`${kind}:${id}`);
    return (
      <li key={id} className="wr-picker__item">
        <span className="wr-picker__text">{label}</span>
        <button
          type="button"
          className="kern-btn kern-btn--secondary kern-btn--x-small"
          disabled={already}
          onClick={() => onPick(title, { board: kind, itemId: id })}
          data-testid="priority-pick-item"
          data-item-id={id}
        >
          <span className="kern-label">
            {already ? t('priorities.picker.taken') : t('priorities.picker.take')}
            <span className="wr-sr-only">: {label}</span>
          </span>
        </button>
      </li>
    );
  };

  let content;
  if (kind === 'swot') {
    content = SWOT_QUADRANTS.map((q) => {
      const cards = swot.value.cards.filter((c) => c.quadrant === q && c.text.trim() !== '');
      if (cards.length === 0) return null;
      return (
        <div key={q}>
          <h4 className="wr-picker__group">{t(`swot.quadrants.${q}.name`)}</h4>
          <ul className="wr-picker__list">{cards.map((c) => pickButton(c.id, c.text.trim(), c.text.trim()))}</ul>
        </div>
      );
    });
    if (swot.value.cards.every((c) => c.text.trim() === '')) content = null;
  } else {
    const nodes = goals.value.nodes.filter((n) => n.title.trim() !== '');
    content =
      nodes.length === 0 ? null : (
        <ul className="wr-picker__list">
          {nodes.map((n) => pickButton(n.id, n.title.trim(), `${'— '.repeat(n.depth)}${n.title.trim()} (${t(`priorities.goalLevels.${n.level}`)})`))}
        </ul>
      );
  }

  return (
    <section className="wr-picker" aria-labelledby={headingId} data-testid="priority-picker" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="wr-picker__head">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="wr-picker__title">
          {kind === 'swot' ? t('priorities.picker.swotTitle') : t('priorities.picker.goalsTitle')}
        </h3>
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onClose}>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label">{t('priorities.picker.close')}</span>
        </button>
      </div>
      {content ?? <p className="kern-body wr-muted">{loaded ? t(`priorities.picker.${kind}Empty`) : t('priorities.source.loading')}</p>}
    </section>
  );
}
