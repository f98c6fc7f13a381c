/**
 * While the room works at parallel tables: where the person sits ("Tisch 2 · Moderation: Anna"),
 * the tables to choose from when the moderation let people choose, and the way to the view of all
 * tables. Votes and outcomes stay plenary.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tableOf } from '../../shared/moderationState';
import { useCommand } from '../data/session/useCommand';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { CommandError } from '../components/CommandError';

export function TableBanner({ sessionId, participantId, canSit }: { sessionId: string; participantId: string; canSit: boolean }) {
  const { t } = useTranslation();
  const command = useCommand();
  const tables = useSessionSnapshot().state?.tables ?? null;
  if (!tables) return null;
  const mine = tableOf(tables, participantId);
  return (
    <section className="wr-table-banner kern-alert kern-alert--info" aria-label={t('tables.banner.label')} data-testid="table-banner">
      <div className="kern-alert__body">
        <p className="kern-body" data-testid="table-banner-seat">
          {mine
            ? [
                t('tables.banner.seated', { number: mine.number, board: t(`boards.${tables.board}.title`) }),
                mine.facilitatorName ? t('tables.banner.facilitator', { name: mine.facilitatorName }) : null,
              ]
                .filter(Boolean)
                .join(' · ')
            : t('tables.banner.unseated', { board: t(`boards.${tables.board}.title`) })}
        </p>
        {canSit && tables.mode === 'choice' ? (
          <p className="wr-table-banner__choices">
            {tables.tables.map((table) => (
              <button
                key={table.id}
                type="button"
                className="kern-btn kern-btn--secondary"
                aria-pressed={mine?.id === table.id}
                disabled={command.pending || mine?.id === table.id}
                onClick={() => void command.run('tables.join', { tableId: table.id })}
                data-testid={`table-join-${table.number}`}
              >
                <span className="kern-label">{t('tables.banner.join', { number: table.number, count: table.members.length })}</span>
              </button>
            ))}
          </p>
        ) : null}
        <p className="wr-table-banner__links">
          {mine ? (
            <Link className="kern-link" to={`/s/${sessionId}/b/${tables.board}`} data-testid="table-banner-own">
              {t('tables.banner.toOwn')}
            </Link>
          ) : null}{' '}
          <Link className="kern-link" to={`/s/${sessionId}/tische`} data-testid="table-banner-all">
            {t('tables.banner.toAll')}
          </Link>
        </p>
        <CommandError error={command.error} />
      </div>
    </section>
  );
}
