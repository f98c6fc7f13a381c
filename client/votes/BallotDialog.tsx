/**
 * A participant's ballot, fitted to the method: dots with the budget left (Punktabfrage),
 * resistance 0–10 per option (Widerstandsabfrage), a consent level with an optional reason
 * (Konsenscheck), or dafür / unentschieden / dagegen (Meinungsbild). The ballot can be changed
 * until the round closes; only the server and the voter ever see it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkBallot,
  CONSENT_LEVELS,
  OPINIONS,
  RESISTANCE_MAX,
  VoteLimits,
  type Ballot,
  type ConsentLevel,
  type OpenRoundSummary,
  type Opinion,
  type RoundOption,
} from '../../shared/votes';
import { Dialog } from '../components/Dialog';
import { useSessionClient } from '../data/session/sessionContext';
import { useFetch } from '../data/http/useFetch';
import { useCommand } from '../data/session/useCommand';
import { methodLabel, optionLabel } from './format';

interface Answers {
  dots: Record<string, number>;
  resistance: Record<string, number>;
  levels: Record<string, { level: ConsentLevel; reason: string }>;
  opinions: Record<string, Opinion>;
}

const EMPTY: Answers = { dots: {}, resistance: {}, levels: {}, opinions: {} };

function answersFrom(ballot: Ballot): Answers {
  switch (ballot.method) {
    case 'punktabfrage':
      return { ...EMPTY, dots: { ...ballot.dots } };
    case 'widerstandsabfrage':
      return { ...EMPTY, resistance: { ...ballot.resistance } };
    case 'konsenscheck':
      return { ...EMPTY, levels: Object.fromEntries(Object.entries(ballot.levels).map(([k, v]) => [k, { level: v.level, reason: v.reason ?? '' }])) };
    case 'meinungsbild':
      return { ...EMPTY, opinions: { ...ballot.opinions } };
  }
}

function ballotFrom(round: OpenRoundSummary, a: Answers): Ballot {
  switch (round.method) {
    case 'punktabfrage':
      return { method: 'punktabfrage', dots: Object.fromEntries(Object.entries(a.dots).filter(([, n]) => n > 0)) };
    case 'widerstandsabfrage':
      return { method: 'widerstandsabfrage', resistance: { ...a.resistance } };
    case 'konsenscheck':
      return {
        method: 'konsenscheck',
        levels: Object.fromEntries(
          Object.entries(a.levels).map(([k, v]) => {
            const reason = v.reason.trim();
            return [k, v.level !== 'zustimmung' && reason !== '' ? { level: v.level, reason } : { level: v.level }];
          }),
        ),
      };
    case 'meinungsbild':
      return { method: 'meinungsbild', opinions: { ...a.opinions } };
  }
}

/** Options still without an answer (every method but Punktabfrage wants one per option). */
function unanswered(round: OpenRoundSummary, a: Answers): RoundOption[] {
  const answered = round.method === 'widerstandsabfrage' ? a.resistance : round.method === 'konsenscheck' ? a.levels : round.method === 'meinungsbild' ? a.opinions : null;
  return answered ? round.options.filter((o) => !Object.hasOwn(answered, o.id)) : [];
}

interface BallotDialogProps {
  round: OpenRoundSummary;
  /** A Meinungsbild or any round of an interfraktionelle Arbeitsgruppe: "Einschätzung", never "Stimme". */
  opinion?: boolean;
  onClose: (cast: boolean) => void;
}

export function BallotDialog({ round, opinion = round.nonBinding, onClose }: BallotDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const client = useSessionClient();
  const command = useCommand();
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [hadBallot, setHadBallot] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  // One's own earlier ballot (after a reload, on another device of the same person, or to change it).
  const earlier = useFetch(client ? ['ballot', round.id, round.method] : null, () => client!.send('ballot.get', { roundId: round.id }), {
    onSuccess: (res) => {
      if (res.ok && res.ballot && res.ballot.method === round.method) {
        setAnswers(answersFrom(res.ballot));
        setHadBallot(true);
      }
    },
  });
  const loaded = earlier.data !== undefined;

  const budget = round.dotsPerPerson ?? 0;
  const perOption = round.maxPerOption ?? 0;
  const used = Object.values(answers.dots).reduce((s, n) => s + n, 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = unanswered(round, answers);
    if (missing.length > 0) {
      setProblem(t('votes.ballot.missing', { options: missing.map((o) => optionLabel(t, o)).join(', ') }));
      const first = document.getElementById(`${id}-opt-${missing[0]!.id}`);
      first?.focus();
      first?.scrollIntoView({ block: 'center' });
      return;
    }
    const ballot = ballotFrom(round, answers);
    const local = checkBallot(round, ballot);
    if (local) {
      setProblem(local.id === 'dot_budget_exceeded' ? t('errors.dot_budget_exceeded') : round.method === 'punktabfrage' ? t('votes.ballot.noDots') : t('errors.invalid_ballot'));
      return;
    }
    setProblem(undefined);
    const res = await command.run('vote.cast', { roundId: round.id, ballot });
    if (res.ok) onClose(true);
  }

  const footer = (
    <>
      {/* Next to the button the person pressed, so an incomplete ballot never seems to do nothing. */}
      {problem || command.error ? (
        <p className="kern-error wr-ballot__error" role="alert" data-testid="ballot-error">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{problem ?? command.error}</span>
        </p>
      ) : null}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onClose(false)} data-testid="ballot-cancel">
        <span className="kern-label">{t('moderation.dialog.cancel')}</span>
      </button>
      <button type="submit" form={`${id}-form`} className="kern-btn kern-btn--primary" disabled={command.pending || !loaded} data-testid="ballot-submit">
        <span className="kern-label">
          {hadBallot ? t(opinion ? 'votes.ballot.changeOpinion' : 'votes.ballot.change') : t(opinion ? 'votes.ballot.submitOpinion' : 'votes.ballot.submit')}
        </span>
      </button>
    </>
  );

  return (
    <Dialog
      title={round.title}
      preline={round.nonBinding ? t('votes.meinungsbildLabel') : methodLabel(t, round.method)}
      onClose={() => onClose(false)}
      footer={footer}
      testId="ballot-dialog"
      className="wr-ballot"
    >
      <form id={`${id}-form`} onSubmit={(e) => void submit(e)} noValidate className="wr-ballot__form">
        <p className="kern-body wr-ballot__intro">
          {t(`votes.methods.${round.method}.ballotHint`, { budget, max: perOption })}
          {round.named ? <strong> {t('votes.ballot.namedNotice')}</strong> : <> {t(opinion ? 'votes.ballot.secretNoticeOpinion' : 'votes.ballot.secretNotice')}</>}
        </p>
        {round.method === 'punktabfrage' ? (
          <>
            <p className="wr-ballot__budget" role="status" aria-live="polite" data-testid="ballot-budget" data-left={budget - used}>
              {t('votes.ballot.dotsLeft', { count: budget - used, total: budget })}
            </p>
            <ul className="wr-ballot__dots">
              {round.options.map((o) => {
                const n = answers.dots[o.id] ?? 0;
                const label = optionLabel(t, o);
                const set = (v: number) => setAnswers({ ...answers, dots: { ...answers.dots, [o.id]: v } });
                return (
                  <li key={o.id} className="wr-ballot__dot-row" data-testid="ballot-option" data-option-id={o.id}>
                    <span className="wr-ballot__option" id={`${id}-opt-${o.id}-label`}>
                      {label}
                    </span>
                    <span className="wr-stepper" role="group" aria-labelledby={`${id}-opt-${o.id}-label`}>
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary wr-stepper__btn"
                        aria-label={t('votes.ballot.lessDots', { option: label })}
                        disabled={n <= 0}
                        onClick={() => set(n - 1)}
                        data-testid="ballot-dot-minus"
                      >
                        −
                      </button>
                      <output className="wr-stepper__value" aria-live="off" data-testid="ballot-dot-value" id={`${id}-opt-${o.id}`} tabIndex={-1}>
                        <span aria-hidden="true">{'●'.repeat(Math.min(n, 10))}</span>
                        <span className="wr-stepper__n">{n}</span>
                      </output>
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary wr-stepper__btn"
                        aria-label={t('votes.ballot.moreDots', { option: label })}
                        disabled={n >= perOption || used >= budget}
                        onClick={() => set(n + 1)}
                        data-testid="ballot-dot-plus"
                      >
                        +
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}

        {round.method === 'widerstandsabfrage' ? (
          <>
            <p className="kern-hint wr-ballot__scale" id={`${id}-scale`}>
              {t('votes.ballot.resistanceScale', { max: RESISTANCE_MAX })}
            </p>
            {round.options.map((o) => (
              <ScaleGroup
                key={o.id}
                id={`${id}-opt-${o.id}`}
                legend={optionLabel(t, o)}
                statusQuo={o.statusQuo}
                describedBy={`${id}-scale`}
                value={answers.resistance[o.id]}
                onChange={(v) => setAnswers({ ...answers, resistance: { ...answers.resistance, [o.id]: v } })}
              />
            ))}
          </>
        ) : null}

        {round.method === 'konsenscheck'
          ? round.options.map((o) => {
              const a = answers.levels[o.id];
              return (
                <fieldset key={o.id} className="kern-fieldset wr-ballot__group" data-testid="ballot-option" data-option-id={o.id}>
                  <legend className="kern-label wr-ballot__legend">{optionLabel(t, o)}</legend>
                  <div className="kern-fieldset__body wr-choice">
                    {CONSENT_LEVELS.map((level, i) => (
                      <div key={level} className="kern-form-check">
                        <input
                          id={i === 0 ? `${id}-opt-${o.id}` : `${id}-opt-${o.id}-${level}`}
                          className="kern-form-check__radio"
                          type="radio"
                          name={`${id}-${o.id}`}
                          checked={a?.level === level}
                          onChange={() => setAnswers({ ...answers, levels: { ...answers.levels, [o.id]: { level, reason: a?.reason ?? '' } } })}
                          data-testid={`ballot-consent-${level}`}
                        />
                        <label className="kern-label" htmlFor={i === 0 ? `${id}-opt-${o.id}` : `${id}-opt-${o.id}-${level}`}>
                          <span className={`wr-levels__swatch wr-level--${level}`} aria-hidden="true" />
                          {t(`votes.consent.${level}`)}
                        </label>
                      </div>
                    ))}
                  </div>
                  {a && a.level !== 'zustimmung' ? (
                    <div className="kern-form-input wr-ballot__reason">
                      <label className="kern-label" htmlFor={`${id}-reason-${o.id}`}>
                        {t('votes.ballot.reason')} <span className="kern-label__optional">{t('votes.optional')}</span>
                      </label>
                      <textarea
                        id={`${id}-reason-${o.id}`}
                        className="kern-form-input__input wr-textarea"
                        rows={2}
                        maxLength={VoteLimits.reasonMaxLength}
                        value={a.reason}
                        onChange={(e) => setAnswers({ ...answers, levels: { ...answers.levels, [o.id]: { level: a.level, reason: e.target.value } } })}
                        data-testid="ballot-reason"
                      />
                    </div>
                  ) : null}
                </fieldset>
              );
            })
          : null}

        {round.method === 'meinungsbild'
          ? round.options.map((o) => (
              <fieldset key={o.id} className="kern-fieldset wr-ballot__group" data-testid="ballot-option" data-option-id={o.id}>
                <legend className="kern-label wr-ballot__legend">{optionLabel(t, o)}</legend>
                <div className="kern-fieldset__body wr-choice wr-choice--row">
                  {OPINIONS.map((op, i) => (
                    <div key={op} className="kern-form-check">
                      <input
                        id={i === 0 ? `${id}-opt-${o.id}` : `${id}-opt-${o.id}-${op}`}
                        className="kern-form-check__radio"
                        type="radio"
                        name={`${id}-${o.id}`}
                        checked={answers.opinions[o.id] === op}
                        onChange={() => setAnswers({ ...answers, opinions: { ...answers.opinions, [o.id]: op } })}
                        data-testid={`ballot-opinion-${op}`}
                      />
                      <label className="kern-label" htmlFor={i === 0 ? `${id}-opt-${o.id}` : `${id}-opt-${o.id}-${op}`}>
                        {t(`votes.opinion.${op}`)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            ))
          : null}

      </form>
    </Dialog>
  );
}

/** Resistance 0–10 as a row of radio buttons (arrow keys move along it; wraps on phones). */
function ScaleGroup({ id, legend, statusQuo, describedBy, value, onChange }: { id: string; legend: string; statusQuo: boolean; describedBy: string; value: number | undefined; onChange: (v: number) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className={`kern-fieldset wr-ballot__group${statusQuo ? ' wr-ballot__group--sq' : ''}`} aria-describedby={describedBy} data-testid="ballot-option" data-status-quo={statusQuo || undefined}>
      <legend className="kern-label wr-ballot__legend">
        {legend}
        {statusQuo ? <span className="wr-muted wr-ballot__sq-hint"> – {t('votes.ballot.statusQuoHint')}</span> : null}
      </legend>
      <div className="wr-scale">
        {Array.from({ length: RESISTANCE_MAX + 1 }, (_, r) => (
          <label key={r} className={`wr-scale__step wr-scale__step--r${r}`}>
            <input
              id={r === 0 ? id : `${id}-${r}`}
              type="radio"
              name={id}
              className="wr-scale__input"
              checked={value === r}
              onChange={() => onChange(r)}
              data-testid={`ballot-resistance-${r}`}
            />
            <span className="wr-scale__face" aria-hidden="true">
              {r}
            </span>
            <span className="wr-sr-only">{t('votes.ballot.resistanceValue', { value: r })}</span>
          </label>
        ))}
      </div>
      <div className="wr-scale__ends" aria-hidden="true">
        <span>{t('votes.ballot.resistanceLow')}</span>
        <span>{t('votes.ballot.resistanceHigh')}</span>
      </div>
    </fieldset>
  );
}
