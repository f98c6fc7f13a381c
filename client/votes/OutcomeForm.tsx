/**
 * The moderation records the outcome for an option of a closed round: Konsens, Konsens mit
 * Bedenken (with the objections), kein Konsens. Never offered for a Meinungsbild or in an
 * interfraktionelle Arbeitsgruppe (the server refuses it there too).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { leadingOption, VOTE_OUTCOMES, VoteLimits, type ObjectionLevel, type RoundResult, type VoteOutcome } from '../../shared/votes';
import { useCommand } from '../data/session/useCommand';
import { optionLabel } from './format';
import { CommandError } from '../components/CommandError';

const OBJECTION_LEVELS: readonly ObjectionLevel[] = ['leichte_bedenken', 'schwere_bedenken', 'veto'];

/** The option that leads the round (least resistance, most dots, fewest objections), else the first. */
function defaultOption(result: RoundResult): string {
  return leadingOption(result) ?? result.options[0]?.id ?? '';
}

export function OutcomeForm({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const [optionId, setOptionId] = useState(() => defaultOption(result));
  const [outcome, setOutcome] = useState<VoteOutcome>('konsens');
  const [objections, setObjections] = useState<{ level: ObjectionLevel; reason: string }[]>([]);
  const [level, setLevel] = useState<ObjectionLevel>('leichte_bedenken');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<'saved' | 'withdrawn' | null>(null);
  const [correctionReason, setCorrectionReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const recorded = result.outcomes.find((m) => m.optionId === optionId);
  const leading = leadingOption(result);

  function addObjection() {
    const text = reason.trim();
    if (text === '' || objections.length >= VoteLimits.objectionsMax) return;
    setObjections([...objections, { level, reason: text.slice(0, VoteLimits.reasonMaxLength) }]);
    setReason('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    // A recorded outcome is corrected only with a reason: the correction is logged and reaches the drafts.
    if (recorded && correctionReason.trim() === '') {
      setReasonMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonMissing(false);
    const res = await command.run('outcome.mark', {
      roundId: result.roundId,
      optionId,
      outcome,
      ...(objections.length > 0 ? { objections } : {}),
      ...(recorded ? { reason: correctionReason.trim() } : {}),
    });
    if (res.ok) {
      setSaved('saved');
      setObjections([]);
      setCorrectionReason('');
    }
  }

  async function withdraw() {
    setSaved(null);
    if (correctionReason.trim() === '') {
      setReasonMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonMissing(false);
    const res = await command.run('outcome.withdraw', { roundId: result.roundId, optionId, reason: correctionReason.trim() });
    if (res.ok) {
      setSaved('withdrawn');
      setCorrectionReason('');
    }
  }

  return (
    <details className="wr-result__more wr-outcome-form">
      <summary className="kern-body" data-testid="outcome-toggle">
        {result.outcomes.length > 0 ? t('votes.outcome.correct') : t('votes.outcome.mark')}
      </summary>
      <form onSubmit={(e) => void submit(e)} data-testid="outcome-form">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-opt`}>
            {t('votes.outcome.option')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-opt`}
              className="kern-form-input__select"
              value={optionId}
              onChange={(e) => {
                setOptionId(e.target.value);
                setSaved(null);
              }}
              aria-describedby={`${id}-opt-hint`}
              data-testid="outcome-option"
            >
              {result.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {optionLabel(t, o)}
                </option>
              ))}
            </select>
          </div>
          <p className="kern-hint" id={`${id}-opt-hint`} data-testid="outcome-option-hint">
            {recorded
              ? t('votes.outcome.recordedAs', { outcome: t(`votes.outcome.${recorded.outcome}`) })
              : optionId === leading
                ? t('votes.outcome.leading')
                : ''}
          </p>
        </div>
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('votes.outcome.legend')}</legend>
          <div className="kern-fieldset__body">
            {VOTE_OUTCOMES.map((o) => (
              <div key={o} className="kern-form-check">
                <input
                  id={`${id}-${o}`}
                  className="kern-form-check__radio"
                  type="radio"
                  name={`${id}-outcome`}
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                  data-testid={`outcome-${o}`}
                />
                <label className="kern-label" htmlFor={`${id}-${o}`}>
                  {t(`votes.outcome.${o}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="kern-fieldset wr-outcome-form__objections">
          <legend className="kern-label">
            {t('votes.outcome.objections')} <span className="kern-label__optional">{t('votes.optional')}</span>
          </legend>
          <p className="kern-hint">{t('votes.outcome.objectionsHint')}</p>
          {objections.length > 0 ? (
            <ul className="wr-objections">
              {objections.map((o, i) => (
                <li key={i}>
                  {t(`votes.consent.${o.level}`)}: {o.reason}{' '}
                  <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setObjections(objections.filter((_, j) => j !== i))}>
                    <span className="kern-icon kern-icon--close" aria-hidden="true" />
                    <span className="wr-sr-only">{t('votes.outcome.objectionRemove', { reason: o.reason })}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="wr-outcome-form__row">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-lvl`}>
                {t('votes.outcome.objectionLevel')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select id={`${id}-lvl`} className="kern-form-input__select" value={level} onChange={(e) => setLevel(e.target.value as ObjectionLevel)}>
                  {OBJECTION_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`votes.consent.${l}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="kern-form-input wr-outcome-form__reason">
              <label className="kern-label" htmlFor={`${id}-obj`}>
                {t('votes.outcome.objectionReason')}
              </label>
              <input
                id={`${id}-obj`}
                className="kern-form-input__input"
                value={reason}
                maxLength={VoteLimits.reasonMaxLength}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addObjection();
                  }
                }}
              />
            </div>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={addObjection} disabled={reason.trim() === ''}>
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('votes.outcome.objectionAdd')}</span>
            </button>
          </div>
        </fieldset>
        {recorded ? (
          <div className={`kern-form-input${reasonMissing ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor={`${id}-reason`}>
              {t('votes.outcome.reason')}
            </label>
            <input
              id={`${id}-reason`}
              className="kern-form-input__input"
              value={correctionReason}
              maxLength={VoteLimits.reasonMaxLength}
              onChange={(e) => setCorrectionReason(e.target.value)}
              aria-invalid={reasonMissing || undefined}
              aria-describedby={reasonMissing ? `${id}-reason-error` : undefined}
              data-testid="outcome-reason"
            />
            {reasonMissing ? (
              <p className="kern-error" id={`${id}-reason-error`} role="alert">
                <span className="kern-body">{t('votes.outcome.reasonMissing')}</span>
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="wr-outcome-form__actions">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={command.pending || optionId === ''} data-testid="outcome-submit">
            <span className="kern-label">{recorded ? t('votes.outcome.submitCorrection') : t('votes.outcome.submit')}</span>
          </button>
          {recorded ? (
            <button type="button" className="kern-btn kern-btn--secondary" disabled={command.pending} onClick={() => void withdraw()} data-testid="outcome-withdraw">
              <span className="kern-label">{t('votes.outcome.withdraw')}</span>
            </button>
          ) : null}
        </div>
        <div role="status" className="kern-body" data-testid="outcome-status">
          {saved === 'saved' ? t('votes.outcome.saved') : saved === 'withdrawn' ? t('votes.outcome.withdrawn') : ''}
        </div>
        <CommandError error={command.error} />
      </form>
    </details>
  );
}
