/** A row's link back to its source item and the consensus records the server holds for it. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsensusRecord, SourceRef } from '../../shared/decision';
import type { DecisionProvenance } from '../../shared/schema/decisions';
import { consensusResultText, rowProvenance } from './format';

export function SourceLink({ sessionId, source, label }: { sessionId: string; source: SourceRef; label: string }) {
  const { t } = useTranslation();
  const board = t(`decisions.picker.groups.${source.board}`);
  return (
    <Link
      className="kern-link wr-dec-source__link"
      to={`/s/${encodeURIComponent(sessionId)}/b/${source.board}`}
      state={{ focus: 'section' }}
      data-testid="decision-source-link"
      data-source={`${source.board}:${source.itemId}`}
    >
      {t('decisions.provenance.from', { board, label })}
    </Link>
  );
}

export function ConsensusLine({ record }: { record: ConsensusRecord }) {
  const { t, i18n } = useTranslation();
  const parts = [
    t(`decisions.methods.${record.method}`),
    consensusResultText(t, record, i18n.language),
    t('decisions.provenance.participants', { count: record.participants }),
    t('decisions.provenance.objections', { count: record.objections.length }),
    record.nonBinding ? t('decisions.provenance.nonBinding') : record.outcome ? t('decisions.provenance.outcome', { outcome: t(`decisions.outcomes.${record.outcome}`) }) : t('decisions.provenance.noOutcome'),
  ];
  return (
    <li className="wr-dec-consensus" data-testid="decision-consensus" data-method={record.method} data-outcome={record.outcome ?? ''}>
      <span className="wr-dec-consensus__round">{t('decisions.provenance.round', { title: record.roundTitle, option: record.optionLabel })}</span>
      <span className="wr-dec-consensus__facts">{parts.join(' · ')}</span>
      {record.objections.length > 0 ? (
        <ul className="wr-dec-consensus__objections">
          {record.objections.map((o, i) => (
            <li key={i}>
              {o.reason}
              {o.displayName ? ` (${o.displayName})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Shown under a row that came from a board item or a round option. */
export function RowProvenance({
  sessionId,
  row,
  provenance,
}: {
  sessionId: string;
  row: { source: SourceRef | null; consensusIds?: readonly string[] };
  provenance: DecisionProvenance;
}) {
  const { t } = useTranslation();
  if (!row.source) return null;
  const { source, records } = rowProvenance(row, provenance);
  return (
    <div className="wr-dec-source" data-testid="decision-row-provenance">
      {source ? <SourceLink sessionId={sessionId} source={source.ref} label={source.label} /> : <span className="wr-muted">{t('decisions.provenance.missing')}</span>}
      {records.length > 0 ? (
        <ul className="wr-dec-consensus-list" aria-label={t('decisions.provenance.records', { count: records.length })}>
          {records.map((r) => (
            <ConsensusLine key={r.id} record={r} />
          ))}
        </ul>
      ) : (
        <span className="wr-dec-source__none"> · {t('decisions.provenance.noRecord')}</span>
      )}
    </div>
  );
}
