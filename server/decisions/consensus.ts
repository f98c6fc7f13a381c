/**
 * Consensus records: how agreement on one item came about, from a closed voting round's
 * published result (and the outcome the moderation marked) as the server's store keeps it —
 * never from a board document. Secret rounds never carry names; named rounds keep them.
 */
import {
  type ConsensusCorrection,
  type ConsensusMethod,
  type ConsensusObjection,
  type ConsensusRecord,
  type ConsensusResult,
} from '../../shared/decision';
import {
  CONSENT_LEVEL_LABELS,
  MEINUNGSBILD_LABEL,
  OPINION_LABELS,
  VOTE_OUTCOME_LABELS,
  VOTING_METHOD_LABELS,
  correctionsOf,
  objectionsOf,
  type RoundResult,
} from '../../shared/votes';

/** ISO time of an epoch-ms value, null when there is none or it is outside the Date range. */
export function isoTime(ms: number | null | undefined): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function resultOf(round: RoundResult, optionId: string): ConsensusResult {
  const t = round.tally;
  const options = round.options.length;
  // Withheld in the published result (a secret round below its minimum): withheld here too.
  if (!t) return { method: 'withheld', minVoters: round.minVoters ?? 0 };
  switch (t.method) {
    case 'punktabfrage': {
      const o = t.options.find((x) => x.optionId === optionId);
      return { method: 'punktabfrage', dots: o?.dots ?? 0, rank: o?.rank ?? options, options };
    }
    case 'widerstandsabfrage': {
      const o = t.options.find((x) => x.optionId === optionId);
      return { method: 'widerstandsabfrage', total: o?.total ?? 0, mean: o?.mean ?? null, rank: o?.rank ?? options, options };
    }
    case 'konsenscheck': {
      const c = t.options.find((x) => x.optionId === optionId)?.counts;
      return { method: 'konsenscheck', zustimmung: c?.zustimmung ?? 0, leichte_bedenken: c?.leichte_bedenken ?? 0, schwere_bedenken: c?.schwere_bedenken ?? 0, veto: c?.veto ?? 0 };
    }
    case 'meinungsbild': {
      const c = t.options.find((x) => x.optionId === optionId)?.counts;
      return { method: 'meinungsbild', dafuer: c?.dafuer ?? 0, unentschieden: c?.unentschieden ?? 0, dagegen: c?.dagegen ?? 0 };
    }
  }
}

const methodLabel = (m: ConsensusMethod) =>
  m in VOTING_METHOD_LABELS ? VOTING_METHOD_LABELS[m as keyof typeof VOTING_METHOD_LABELS] : m === 'konsensstufen' ? 'Konsensstufen' : 'Rangfolge';

/** A German one-liner, e.g. "Konsenscheck (40 Teilnehmende): 36 Zustimmung, 4 leichte Bedenken, 0 schwere Bedenken, 0 Veto". */
export function consensusSummary(method: ConsensusMethod, result: ConsensusResult, participants: number, nonBinding: boolean): string {
  const head = `${methodLabel(method)} (${participants} Teilnehmende)`;
  let body: string;
  switch (result.method) {
    case 'punktabfrage':
      body = `${result.dots === 1 ? '1 Punkt' : `${result.dots} Punkte`}, Rang ${result.rank} von ${result.options}`;
      break;
    case 'widerstandsabfrage':
      body = `Widerstand gesamt ${result.total}${result.mean === null ? '' : `, im Mittel ${result.mean.toLocaleString('de-DE')}`}, Rang ${result.rank} von ${result.options}`;
      break;
    case 'konsenscheck':
      body = (['zustimmung', 'leichte_bedenken', 'schwere_bedenken', 'veto'] as const).map((l) => `${result[l]} ${CONSENT_LEVEL_LABELS[l]}`).join(', ');
      break;
    case 'meinungsbild':
      body = (['dafuer', 'unentschieden', 'dagegen'] as const).map((o) => `${result[o]} ${OPINION_LABELS[o]}`).join(', ');
      break;
    case 'withheld':
      body = `zu wenige für eine geheime Auswertung (mindestens ${result.minVoters})`;
      break;
    case 'totals':
      body = totalsText(result.totals);
      break;
  }
  return `${head}: ${body}${nonBinding ? ` — ${MEINUNGSBILD_LABEL}` : ''}`;
}

/**
 * The numbers of a board's result slot in words ("3 Punkte, Rang 2"): a key without a German
 * label is left out, never printed raw.
 */
export function totalsText(totals: Readonly<Record<string, number>>): string {
  const n = (v: number) => v.toLocaleString('de-DE');
  const words: Record<string, (v: number) => string> = {
    dots: (v) => (v === 1 ? '1 Punkt' : `${n(v)} Punkte`),
    points: (v) => (v === 1 ? '1 Punkt' : `${n(v)} Punkte`),
    rank: (v) => `Rang ${n(v)}`,
    total: (v) => `Widerstand gesamt ${n(v)}`,
    mean: (v) => `im Mittel ${n(v)}`,
    voters: (v) => `${n(v)} Teilnehmende`,
    zustimmung: (v) => `${n(v)} ${CONSENT_LEVEL_LABELS.zustimmung}`,
    leichte_bedenken: (v) => `${n(v)} ${CONSENT_LEVEL_LABELS.leichte_bedenken}`,
    bedenken: (v) => `${n(v)} Bedenken`,
    schwere_bedenken: (v) => `${n(v)} ${CONSENT_LEVEL_LABELS.schwere_bedenken}`,
    veto: (v) => `${n(v)} ${CONSENT_LEVEL_LABELS.veto}`,
    dafuer: (v) => `${n(v)} ${OPINION_LABELS.dafuer}`,
    unentschieden: (v) => `${n(v)} ${OPINION_LABELS.unentschieden}`,
    dagegen: (v) => `${n(v)} ${OPINION_LABELS.dagegen}`,
  };
  const parts = Object.entries(totals).flatMap(([k, v]) => (Object.hasOwn(words, k) && Number.isFinite(v) ? [words[k]!(v)] : []));
  return parts.length > 0 ? parts.join(', ') : 'keine Angaben';
}

export function outcomeLabel(outcome: ConsensusRecord['outcome']): string {
  return outcome === null ? 'kein Ergebnis markiert' : VOTE_OUTCOME_LABELS[outcome];
}

/** The record of one option of a closed round. */
export function consensusFromRound(round: RoundResult, optionId: string): ConsensusRecord {
  const option = round.options.find((o) => o.id === optionId);
  const mark = round.outcomes.find((m) => m.optionId === optionId);
  const objections: ConsensusObjection[] = (mark?.objections ?? objectionsOf(round, optionId)).map((o) =>
    // Names only ever come from named rounds; the tally leaves them out of secret ones.
    round.named && o.displayName !== undefined ? { level: o.level, reason: o.reason, displayName: o.displayName } : { level: o.level, reason: o.reason },
  );
  const result = resultOf(round, optionId);
  const participants = mark?.participants ?? round.voters;
  const corrections: ConsensusCorrection[] = correctionsOf(round, optionId).map((e) => ({
    previous: e.previous,
    outcome: e.outcome,
    reason: e.reason ?? '',
    at: isoTime(e.at) ?? '',
  }));
  const corrected = corrections.length > 0 ? correctionNote(corrections[corrections.length - 1]!) : '';
  return {
    id: `${round.roundId}:${optionId}`,
    roundId: round.roundId,
    optionId,
    roundTitle: round.title,
    optionLabel: option?.label ?? optionId,
    method: round.method,
    nonBinding: round.nonBinding,
    outcome: mark?.outcome ?? null,
    participants,
    result,
    summary: consensusSummary(round.method, result, participants, round.nonBinding) + corrected,
    objections,
    closedAt: isoTime(round.closedAt),
    markedAt: isoTime(mark?.markedAt),
    source: option?.source ? { board: option.source.board, itemId: option.source.itemId } : null,
    ...(corrections.length > 0 ? { corrections } : {}),
  };
}

/** " — Ergebnis korrigiert am 12.03.2026 (vorher: Konsens; Grund: …)", for the one-line summary. */
function correctionNote(c: ConsensusCorrection): string {
  const when = c.at ? new Date(c.at).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' }) : '';
  const before = c.previous ? VOTE_OUTCOME_LABELS[c.previous] : 'kein Ergebnis';
  const what = c.outcome === null ? 'Ergebnis zurückgenommen' : 'Ergebnis korrigiert';
  return ` — ${what}${when ? ` am ${when}` : ''} (vorher: ${before}; Grund: ${c.reason})`;
}
