/**
 * The moderator opens a round: what is asked, the method (only Meinungsbild in an
 * interfraktionelle Arbeitsgruppe), the options — picked from the session's boards or typed in —
 * the dot budget of a Punktabfrage, and whether the round is named.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinResponse } from '../../shared/api';
import { templateBoards, type SessionKind, type SessionTemplate } from '../../shared/domain';
import { allowedMethods, checkRoundConfig, RoundConfigSchema, VoteLimits, type OptionSource, type VotingMethod } from '../../shared/votes';
import { Dialog } from '../components/Dialog';
import { useCommand } from '../data/session/useCommand';
import { methodLabel } from './format';
import { OPTION_BOARDS, useCandidates, type OptionBoard } from './optionSources';

interface DraftOption {
  key: string;
  label: string;
  source: OptionSource | null;
}

interface OpenRoundDialogProps {
  join: JoinResponse;
  kind: SessionKind;
  template: SessionTemplate;
  /** The agenda item the round belongs to (the current one), if any, with the board it works on. */
  agendaItem: { id: string; title: string; board?: string | null } | null;
  onClose: () => void;
}

let keySeq = 0;

export function OpenRoundDialog({ join, kind, template, agendaItem, onClose }: OpenRoundDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const methods = allowedMethods(kind);
  const iag = kind === 'interfraktionelle_ag';
  const boards = OPTION_BOARDS.filter((b) => (templateBoards(template) as readonly string[]).includes(b));
  const [title, setTitle] = useState(agendaItem?.title ?? '');
  const [method, setMethod] = useState<VotingMethod>(methods[0] ?? 'meinungsbild');
  const [dots, setDots] = useState('3');
  const [maxPer, setMaxPer] = useState('2');
  const [named, setNamed] = useState(false);
  const [linkItem, setLinkItem] = useState(agendaItem !== null);
  const [options, setOptions] = useState<DraftOption[]>([]);
  const [typed, setTyped] = useState('');
  // Options come from the board the current item works on (no SWOT cards during the priorities item).
  const wanted = agendaItem?.board === 'actions' ? 'goals' : agendaItem?.board;
  const itemBoard = boards.find((b) => b === wanted);
  const [source, setSource] = useState<OptionBoard | 'typed'>(itemBoard ?? (agendaItem?.board ? 'typed' : (boards[0] ?? 'typed')));
  const [minutes, setMinutes] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  const candidates = useCandidates(t, join, source === 'typed' ? null : source);

  const bySource = (s: OptionSource) => options.find((o) => o.source?.board === s.board && o.source.itemId === s.itemId);

  function toggleCandidate(board: OptionBoard, itemId: string, label: string, on: boolean) {
    if (on) {
      if (options.length >= VoteLimits.options) return setProblem(t('votes.open.tooManyOptions', { max: VoteLimits.options }));
      setOptions([...options, { key: `o${++keySeq}`, label, source: { board, itemId } }]);
    } else setOptions(options.filter((o) => !(o.source?.board === board && o.source.itemId === itemId)));
  }

  function addTyped() {
    const label = typed.trim();
    if (label === '') return;
    if (options.length >= VoteLimits.options) return setProblem(t('votes.open.tooManyOptions', { max: VoteLimits.options }));
    setOptions([...options, { key: `o${++keySeq}`, label: label.slice(0, VoteLimits.optionLabelMaxLength), source: null }]);
    setTyped('');
    setProblem(undefined);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const base = {
      title: title.trim(),
      options: options.map((o) => ({ label: o.label, source: o.source })),
      named: iag ? false : named,
      agendaItemId: linkItem && agendaItem ? agendaItem.id : null,
      durationSeconds: minutes > 0 ? minutes * 60 : null,
    };
    const config = method === 'punktabfrage' ? { method, ...base, dotsPerPerson: Number(dots), maxPerOption: Number(maxPer) } : { method, ...base };
    if (base.title === '') return setProblem(t('votes.open.titleMissing'));
    if (options.length === 0) return setProblem(t('votes.open.optionsMissing'));
    const parsed = RoundConfigSchema.safeParse(config);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      return setProblem(field === 'dotsPerPerson' || field === 'maxPerOption' ? t('votes.open.dotsInvalid', { max: VoteLimits.dotsMax }) : t('errors.validation_error'));
    }
    const local = checkRoundConfig(parsed.data, kind);
    if (local) return setProblem(local.id === 'validation_error' ? t('votes.open.maxAboveBudget') : t('errors.method_not_allowed'));
    setProblem(undefined);
    const res = await command.run('vote.open', { config: parsed.data });
    if (res.ok) onClose();
  }

  return (
    <Dialog
      title={iag ? t('votes.open.titleMeinungsbild') : t('votes.open.title')}
      preline={iag ? t('votes.meinungsbildLabel') : undefined}
      onClose={onClose}
      testId="open-round-dialog"
      className="wr-open-round"
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="submit" form={`${id}-form`} className="kern-btn kern-btn--primary" disabled={command.pending} data-testid="open-round-submit">
            <span className="kern-label">{iag ? t('votes.open.submitMeinungsbild') : t('votes.open.submit')}</span>
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={(e) => void submit(e)} noValidate className="wr-open-round__form">
        {iag ? (
          <p className="wr-nonbinding">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            {t('votes.open.iagHint')}
          </p>
        ) : null}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-title`}>
            {t('votes.open.question')}
          </label>
          <input
            id={`${id}-title`}
            className="kern-form-input__input"
            value={title}
            maxLength={VoteLimits.titleMaxLength}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="open-round-title"
          />
        </div>

        {methods.length > 1 ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('votes.open.method')}</legend>
            <div className="kern-fieldset__body">
              {methods.map((m) => (
                <div key={m} className="kern-form-check">
                  <input
                    id={`${id}-m-${m}`}
                    className="kern-form-check__radio"
                    type="radio"
                    name={`${id}-method`}
                    checked={method === m}
                    onChange={() => setMethod(m)}
                    aria-describedby={`${id}-m-${m}-hint`}
                    data-testid={`open-round-method-${m}`}
                  />
                  <label className="kern-label" htmlFor={`${id}-m-${m}`}>
                    {methodLabel(t, m)}
                    <span className="kern-hint wr-open-round__method-hint" id={`${id}-m-${m}-hint`}>
                      {t(`votes.methods.${m}.description`)}
                    </span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}

        {method === 'punktabfrage' ? (
          <div className="wr-open-round__dots">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-dots`}>
                {t('votes.open.dotsPerPerson')}
              </label>
              <input id={`${id}-dots`} className="kern-form-input__input kern-form-input__input--width-4" type="number" inputMode="numeric" min={1} max={VoteLimits.dotsMax} value={dots} onChange={(e) => setDots(e.target.value)} data-testid="open-round-dots" />
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-max`}>
                {t('votes.open.maxPerOption')}
              </label>
              <input id={`${id}-max`} className="kern-form-input__input kern-form-input__input--width-4" type="number" inputMode="numeric" min={1} max={VoteLimits.dotsMax} value={maxPer} onChange={(e) => setMaxPer(e.target.value)} data-testid="open-round-max" />
            </div>
          </div>
        ) : null}

        <fieldset className="kern-fieldset wr-open-round__options">
          <legend className="kern-label">{t('votes.open.options', { count: options.length })}</legend>
          {method === 'widerstandsabfrage' ? <p className="kern-hint">{t('votes.open.statusQuoHint')}</p> : null}
          {options.length === 0 ? (
            <p className="kern-body wr-muted">{t('votes.open.noOptions')}</p>
          ) : (
            <ol className="wr-open-round__chosen" data-testid="open-round-chosen">
              {options.map((o) => (
                <li key={o.key}>
                  <span>{o.label}</span>
                  {o.source ? <span className="wr-muted"> ({t(`boards.${o.source.board}.nav`)})</span> : null}
                  <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setOptions(options.filter((x) => x.key !== o.key))}>
                    <span className="kern-icon kern-icon--close" aria-hidden="true" />
                    <span className="wr-sr-only">{t('votes.open.removeOption', { option: o.label })}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}

          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-source`}>
              {t('votes.open.source')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select id={`${id}-source`} className="kern-form-input__select" value={source} onChange={(e) => setSource(e.target.value as OptionBoard | 'typed')} data-testid="open-round-source">
                {boards.map((b) => (
                  <option key={b} value={b}>
                    {t(`votes.open.from.${b}`)}
                  </option>
                ))}
                <option value="typed">{t('votes.open.from.typed')}</option>
              </select>
            </div>
          </div>

          {source === 'typed' ? (
            <div className="wr-open-round__typed">
              <div className="kern-form-input">
                <label className="kern-label" htmlFor={`${id}-typed`}>
                  {t('votes.open.typedLabel')}
                </label>
                <input
                  id={`${id}-typed`}
                  className="kern-form-input__input"
                  value={typed}
                  maxLength={VoteLimits.optionLabelMaxLength}
                  onChange={(e) => setTyped(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addTyped();
                    }
                  }}
                  data-testid="open-round-typed"
                />
              </div>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={addTyped} data-testid="open-round-add">
                <span className="kern-icon kern-icon--add" aria-hidden="true" />
                <span className="kern-label">{t('votes.open.add')}</span>
              </button>
            </div>
          ) : candidates === undefined ? (
            <p className="kern-body" role="status">
              {t('votes.open.loading')}
            </p>
          ) : candidates.length === 0 ? (
            <p className="kern-body wr-muted">{t('votes.open.boardEmpty')}</p>
          ) : (
            <ul className="wr-open-round__candidates" data-testid="open-round-candidates">
              {candidates.map((c) => (
                <li key={c.itemId} className="kern-form-check">
                  <input
                    id={`${id}-c-${c.itemId}`}
                    className="kern-form-check__checkbox"
                    type="checkbox"
                    checked={bySource({ board: c.board, itemId: c.itemId }) !== undefined}
                    onChange={(e) => toggleCandidate(c.board, c.itemId, c.label, e.target.checked)}
                    data-testid="open-round-candidate"
                  />
                  <label className="kern-label" htmlFor={`${id}-c-${c.itemId}`}>
                    {c.label}
                    {c.group ? <span className="kern-hint wr-open-round__group">{c.group}</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-timer`}>
            {t('votes.open.timer')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-timer`}
              className="kern-form-input__select"
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
              aria-describedby={`${id}-timer-hint`}
              data-testid="open-round-timer"
            >
              <option value={0}>{t('votes.open.timerNone')}</option>
              {[1, 2, 3, 5, 10, 15, 30].map((m) => (
                <option key={m} value={m}>
                  {t('votes.open.timerMinutes', { count: m })}
                </option>
              ))}
            </select>
          </div>
          <p className="kern-hint" id={`${id}-timer-hint`}>
            {t('votes.open.timerHint')}
          </p>
        </div>

        {!iag ? (
          <div className="kern-form-check">
            <input id={`${id}-named`} className="kern-form-check__checkbox" type="checkbox" checked={named} onChange={(e) => setNamed(e.target.checked)} aria-describedby={`${id}-named-hint`} data-testid="open-round-named" />
            <label className="kern-label" htmlFor={`${id}-named`}>
              {t('votes.open.named')}{' '}
              <span className="kern-hint wr-block" id={`${id}-named-hint`}>
                {t('votes.open.namedHint')}
              </span>
            </label>
          </div>
        ) : null}
        {agendaItem ? (
          <div className="kern-form-check">
            <input id={`${id}-link`} className="kern-form-check__checkbox" type="checkbox" checked={linkItem} onChange={(e) => setLinkItem(e.target.checked)} />
            <label className="kern-label" htmlFor={`${id}-link`}>
              {t('votes.open.linkItem', { title: agendaItem.title })}
            </label>
          </div>
        ) : null}

        {problem || command.error ? (
          <p className="kern-error" role="alert" data-testid="open-round-error">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{problem ?? command.error}</span>
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
