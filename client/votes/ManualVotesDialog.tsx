/**
 * Hand or paper votes counted in the room (hybrid meetings), entered by the moderation for an
 * open round. They are added to the result and shown as such ("per Handzeichen/Papier").
 * Entering again replaces the earlier numbers; "Entfernen" clears them.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkManualVotes, CONSENT_LEVELS, ManualVotesSchema, OPINIONS, RESISTANCE_MAX, VoteLimits, type ManualVotes, type OpenRoundSummary } from '../../shared/votes';
import { Dialog } from '../components/Dialog';
import { useCommand } from '../data/session/useCommand';
import { optionLabel } from './format';

/** Column keys per method: dots, resistance 0–10, consent levels or opinions. */
function columns(round: OpenRoundSummary): string[] {
  switch (round.method) {
    case 'punktabfrage':
      return ['dots'];
    case 'widerstandsabfrage':
      return Array.from({ length: RESISTANCE_MAX + 1 }, (_, r) => String(r));
    case 'konsenscheck':
      return [...CONSENT_LEVELS];
    case 'meinungsbild':
      return [...OPINIONS];
  }
}

type Grid = Record<string, Record<string, string>>;

function toNumber(s: string | undefined): number {
  const n = Number(s ?? '');
  return s === undefined || s.trim() === '' || !Number.isFinite(n) ? 0 : n;
}

function buildManual(round: OpenRoundSummary, voters: number, note: string, grid: Grid): unknown {
  const per = (f: (row: Record<string, string>) => unknown) => Object.fromEntries(round.options.map((o) => [o.id, f(grid[o.id] ?? {})]));
  const base = { voters, ...(note.trim() ? { note: note.trim() } : {}) };
  switch (round.method) {
    case 'punktabfrage':
      return { method: 'punktabfrage', ...base, dots: per((r) => toNumber(r.dots)) };
    case 'widerstandsabfrage':
      return { method: 'widerstandsabfrage', ...base, distribution: per((r) => columns(round).map((c) => toNumber(r[c]))) };
    case 'konsenscheck':
      return { method: 'konsenscheck', ...base, counts: per((r) => Object.fromEntries(CONSENT_LEVELS.map((l) => [l, toNumber(r[l])]))) };
    case 'meinungsbild':
      return { method: 'meinungsbild', ...base, counts: per((r) => Object.fromEntries(OPINIONS.map((l) => [l, toNumber(r[l])]))) };
  }
}

export function ManualVotesDialog({ round, onClose }: { round: OpenRoundSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const [voters, setVoters] = useState('');
  const [note, setNote] = useState('');
  const [grid, setGrid] = useState<Grid>({});
  const [problem, setProblem] = useState<string | undefined>();
  const cols = columns(round);

  const colLabel = (c: string) =>
    round.method === 'punktabfrage'
      ? t('votes.result.dotsHeader')
      : round.method === 'widerstandsabfrage'
        ? c
        : round.method === 'konsenscheck'
          ? t(`votes.consent.${c as (typeof CONSENT_LEVELS)[number]}`)
          : t(`votes.opinion.${c as (typeof OPINIONS)[number]}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(voters);
    if (!Number.isInteger(n) || n < 1 || n > VoteLimits.manualVotersMax) {
      setProblem(t('votes.manual.votersInvalid'));
      return;
    }
    const parsed = ManualVotesSchema.safeParse(buildManual(round, n, note, grid));
    if (!parsed.success) {
      setProblem(t('votes.manual.numbersInvalid'));
      return;
    }
    const local = checkManualVotes(round, parsed.data as ManualVotes);
    if (local) {
      setProblem(local.id === 'dot_budget_exceeded' ? t('votes.manual.tooManyDots') : t('votes.manual.tooMany'));
      return;
    }
    setProblem(undefined);
    const res = await command.run('vote.setManual', { roundId: round.id, manual: parsed.data });
    if (res.ok) onClose();
  }

  async function clear() {
    const res = await command.run('vote.setManual', { roundId: round.id, manual: null });
    if (res.ok) onClose();
  }

  return (
    <Dialog
      title={t('votes.manual.title', { title: round.title })}
      onClose={onClose}
      testId="manual-dialog"
      className="wr-manual"
      footer={
        <>
          {round.hasManual ? (
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void clear()}>
              <span className="kern-label">{t('votes.manual.clear')}</span>
            </button>
          ) : null}
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="submit" form={`${id}-form`} className="kern-btn kern-btn--primary" disabled={command.pending} data-testid="manual-submit">
            <span className="kern-label">{t('votes.manual.save')}</span>
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={(e) => void submit(e)} noValidate className="wr-manual__form">
        <p className="kern-body">{round.hasManual ? t('votes.manual.replaceHint') : t('votes.manual.hint')}</p>
        <div className="wr-manual__head">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-voters`}>
              {t('votes.manual.voters')}
            </label>
            <input
              id={`${id}-voters`}
              className="kern-form-input__input kern-form-input__input--width-4"
              type="number"
              inputMode="numeric"
              min={1}
              value={voters}
              onChange={(e) => setVoters(e.target.value)}
              data-testid="manual-voters"
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-note`}>
              {t('votes.manual.note')} <span className="kern-label__optional">{t('votes.optional')}</span>
            </label>
            <input id={`${id}-note`} className="kern-form-input__input" value={note} maxLength={VoteLimits.noteMaxLength} placeholder={t('votes.manual.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small wr-manual__grid">
            <caption className="kern-body kern-body--small wr-muted wr-result__caption">{t(`votes.manual.caption.${round.method}`)}</caption>
            <thead>
              <tr>
                <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
                {cols.map((c) => (
                  <th key={c} scope="col" className="kern-table__header kern-table__header--numeric">
                    {colLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {round.options.map((o) => (
                <tr key={o.id} className="kern-table__row">
                  <th scope="row" className="kern-table__header" id={`${id}-${o.id}`}>
                    {optionLabel(t, o)}
                  </th>
                  {cols.map((c) => (
                    <td key={c} className="kern-table__cell">
                      <input
                        className="kern-form-input__input wr-manual__num"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        aria-label={`${optionLabel(t, o)}: ${colLabel(c)}`}
                        value={grid[o.id]?.[c] ?? ''}
                        onChange={(e) => setGrid({ ...grid, [o.id]: { ...grid[o.id], [c]: e.target.value } })}
                        data-testid={`manual-${o.id}-${c}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {problem || command.error ? (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{problem ?? command.error}</span>
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
