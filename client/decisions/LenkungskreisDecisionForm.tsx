/**
 * "Beschluss erfassen": the Lenkungskreis records its decision on the draft it deliberates.
 * Only the outcomes the server offers this member now (`draft.nextStatuses`) are shown; the
 * resolution text starts as the version's Beschlussvorschlag.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionOutcome } from '../../shared/decision';
import { DecisionLimits, type DecisionDraftDetail, type RecordDecisionResponse } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { ApiError } from '../data/http/api';
import { todayIso } from '../lib/dates';
import { decisionApi } from '../data/http/decisionApi';
import { offeredOutcomes, proposalText, validateDecision, type DecisionErrors, type DecisionInput } from './LenkungskreisModel';
import { errorMessage } from '../data/errors';

interface Props {
  draft: DecisionDraftDetail;
  token: string;
  onRecorded: (res: RecordDecisionResponse) => void;
}

export function LenkungskreisDecisionForm({ draft, token, onRecorded }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const outcomes = offeredOutcomes(draft.nextStatuses);
  const [input, setInput] = useState<DecisionInput>(() => ({ outcome: '', decidedOn: todayIso(), resolutionText: proposalText(draft.content), conditions: '' }));
  const [errors, setErrors] = useState<DecisionErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const firstOutcomeRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const conditionsRef = useRef<HTMLTextAreaElement>(null);

  const set = <K extends keyof DecisionInput>(key: K, value: DecisionInput[K]) => setInput((prev) => ({ ...prev, [key]: value }));
  const fieldError = (key: keyof DecisionInput): string | undefined => {
    const e = errors[key];
    return e ? t(`lenkungskreis.decide.errors.${key}.${e}` as 'lenkungskreis.decide.errors.outcome.required') : undefined;
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = validateDecision(input, proposalText(draft.content));
    setErrors(found);
    if (found.outcome) return firstOutcomeRef.current?.focus();
    if (found.decidedOn) return dateRef.current?.focus();
    if (found.resolutionText) return textRef.current?.focus();
    if (found.conditions) return conditionsRef.current?.focus();
    setFormError(undefined);
    setSubmitting(true);
    try {
      const res = await decisionApi.recordDecision(
        draft.id,
        { outcome: input.outcome as DecisionOutcome, decidedOn: input.decidedOn.trim(), resolutionText: input.resolutionText.trim(), conditions: input.conditions.trim() },
        token,
      );
      onRecorded(res);
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.id === 'validation_error' && (err.field === 'resolutionText' || err.field === 'decidedOn')) {
        setErrors({ [err.field]: err.field === 'resolutionText' ? (/unchanged/.test(err.message) ? 'unchanged' : 'required') : 'invalid' });
      } else setFormError(errorMessage(t, err));
    }
  }

  if (outcomes.length === 0) return null;

  const textRequired = input.outcome === 'geaendert_beschlossen';
  const textError = fieldError('resolutionText');
  const conditionsError = fieldError('conditions');
  const outcomeError = fieldError('outcome');

  return (
    <form className="wr-form wr-lk-decide" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="lk-decision-form">
      <h3 id={`${id}-title`} className="kern-heading-small">
        {t('lenkungskreis.decide.title')}
      </h3>
      <p className="kern-body">{t('lenkungskreis.decide.intro', { version: draft.latestVersion })}</p>
      {formError ? (
        <Alert variant="danger" title={t('lenkungskreis.decide.refused')} testId="lk-decision-error">
          <p className="kern-body">{formError}</p>
        </Alert>
      ) : null}
      <fieldset className={`kern-fieldset${outcomeError ? ' kern-fieldset--error' : ''}`} aria-describedby={outcomeError ? `${id}-outcome-error` : undefined}>
        <legend className="kern-label">{t('lenkungskreis.decide.outcome')}</legend>
        <div className="kern-fieldset__body">
          {outcomes.map((o, i) => (
            <div key={o} className={`kern-form-check${outcomeError ? ' kern-form-check--error' : ''}`}>
              <input
                ref={i === 0 ? firstOutcomeRef : undefined}
                id={`${id}-${o}`}
                className="kern-form-check__radio"
                type="radio"
                name={`${id}-outcome`}
                value={o}
                checked={input.outcome === o}
                onChange={() => set('outcome', o)}
                aria-describedby={`${id}-${o}-hint`}
                data-testid={`lk-outcome-${o}`}
              />
              <label className="kern-label" htmlFor={`${id}-${o}`}>
                {t(`lenkungskreis.status.${o}`)}
              </label>
              <p id={`${id}-${o}-hint`} className="kern-hint wr-lk-outcome-hint">
                {t(`lenkungskreis.decide.outcomeHints.${o}`)}
              </p>
            </div>
          ))}
        </div>
        {outcomeError ? (
          <p className="kern-error" id={`${id}-outcome-error`} role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{outcomeError}</span>
          </p>
        ) : null}
      </fieldset>
      <TextField
        ref={dateRef}
        type="date"
        label={t('lenkungskreis.decide.date')}
        hint={t('lenkungskreis.decide.dateHint')}
        error={fieldError('decidedOn')}
        testId="lk-decision-date"
        value={input.decidedOn}
        onChange={(e) => set('decidedOn', e.target.value)}
        required
        aria-required="true"
        className="wr-date-input"
      />
      <div className={`kern-form-input${textError ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-text`}>
          {t('lenkungskreis.decide.text')}
          {textRequired ? null : <span className="kern-label__optional"> {t('lenkungskreis.optional')}</span>}
        </label>
        <div className="kern-hint" id={`${id}-text-hint`}>
          {textRequired ? t('lenkungskreis.decide.textHintChanged') : t('lenkungskreis.decide.textHint')}
        </div>
        <textarea
          ref={textRef}
          id={`${id}-text`}
          className={`kern-form-input__input wr-lk-textarea${textError ? ' kern-form-input__input--error' : ''}`}
          rows={8}
          value={input.resolutionText}
          maxLength={DecisionLimits.resolutionMaxLength}
          onChange={(e) => set('resolutionText', e.target.value)}
          aria-describedby={`${id}-text-hint${textError ? ` ${id}-text-error` : ''}`}
          aria-invalid={textError ? true : undefined}
          aria-required={textRequired}
          data-testid="lk-decision-text"
        />
        {textError ? (
          <p className="kern-error" id={`${id}-text-error`} role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{textError}</span>
          </p>
        ) : null}
      </div>
      <div className={`kern-form-input${conditionsError ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-conditions`}>
          {t('lenkungskreis.decide.conditions')} <span className="kern-label__optional">{t('lenkungskreis.optional')}</span>
        </label>
        <div className="kern-hint" id={`${id}-conditions-hint`}>
          {t('lenkungskreis.decide.conditionsHint')}
        </div>
        <textarea
          ref={conditionsRef}
          id={`${id}-conditions`}
          className={`kern-form-input__input wr-lk-textarea${conditionsError ? ' kern-form-input__input--error' : ''}`}
          rows={3}
          value={input.conditions}
          maxLength={DecisionLimits.conditionsMaxLength}
          onChange={(e) => set('conditions', e.target.value)}
          aria-describedby={`${id}-conditions-hint${conditionsError ? ` ${id}-conditions-error` : ''}`}
          aria-invalid={conditionsError ? true : undefined}
          data-testid="lk-decision-conditions"
        />
        {conditionsError ? (
          <p className="kern-error" id={`${id}-conditions-error`} role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{conditionsError}</span>
          </p>
        ) : null}
      </div>
      <div className="wr-actions">
        <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting} data-testid="lk-decision-submit">
          <span className="kern-icon kern-icon--check" aria-hidden="true" />
          <span className="kern-label">{submitting ? t('lenkungskreis.decide.submitting') : t('lenkungskreis.decide.submit')}</span>
        </button>
      </div>
    </form>
  );
}
