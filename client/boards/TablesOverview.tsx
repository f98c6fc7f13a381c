/**
 * The plenary view of parallel tables ("Tische", /s/:id/tische): every table's copy of the board
 * side by side, read-only and compact — number, actor group, facilitator, member count and the
 * table's items. Each table's document is opened read-only; writing happens at one's own table.
 */
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { tableDocName } from '../../shared/docs';
import type { Table, TablesState } from '../../shared/moderationState';
import { eachItem, getItemsMap, readText } from '../../shared/schema/items';
import { useSyncedDoc } from '../data/docs/syncedDoc';
import { useDocSnapshot } from '../data/docs/useBoardDoc';

interface Entry {
  id: string;
  text: string;
  group: string | null;
}

/** What a table has written: each item's text (SWOT cards by quadrant), oldest first. */
function readEntries(doc: Y.Doc): Entry[] {
  const out: (Entry & { at: string })[] = [];
  for (const [id, item] of eachItem(getItemsMap(doc))) {
    const text = readText(item, 'text') || readText(item, 'title');
    const quadrant = item.get('quadrant');
    const at = item.get('createdAt');
    out.push({ id, text, group: typeof quadrant === 'string' ? quadrant : null, at: typeof at === 'string' ? at : '' });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function TableColumn({ table, tables, join, mine }: { table: Table; tables: TablesState; join: JoinResponse; mine: boolean }) {
  const { t } = useTranslation();
  const { synced } = useSyncedDoc(tableDocName(join.sessionId, table.id, tables.board), join.token, { background: true });
  return (
    <section className="wr-tables__table" aria-labelledby={`table-${table.id}-h`} data-testid={`table-column-${table.number}`}>
      <h3 id={`table-${table.id}-h`} className="kern-heading-small">
        {t('tables.name', { number: table.number })}
        {mine ? ` (${t('tables.overview.yours')})` : ''}
      </h3>
      <p className="kern-body kern-body--small wr-muted">
        {[
          table.actorGroup ? t(`moderation.actorGroups.${table.actorGroup}`) : null,
          t('tables.members', { count: table.members.length }),
          table.facilitatorName ? t('tables.banner.facilitator', { name: table.facilitatorName }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {synced ? <TableEntries doc={synced.doc} /> : <p className="kern-body kern-body--small" role="status">{t('room.boardLoading')}</p>}
    </section>
  );
}

function TableEntries({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const entries = useDocSnapshot(doc, readEntries);
  if (entries.length === 0) return <p className="kern-body kern-body--small wr-muted">{t('tables.overview.empty')}</p>;
  return (
    <ul className="wr-tables__entries">
      {entries.map((e) => (
        <li key={e.id} className="kern-body kern-body--small">
          {e.text || t('tables.overview.untitled')}
        </li>
      ))}
    </ul>
  );
}

export function TablesOverview({ tables, join }: { tables: TablesState | null; join: JoinResponse }) {
  const { t } = useTranslation();
  return (
    <section className="wr-tables" aria-labelledby="tables-heading" data-testid="tables-overview">
      <h2 id="tables-heading" className="kern-heading-medium" tabIndex={-1} data-focus-on-navigate="">
        {t('tables.overview.heading')}
      </h2>
      {tables ? (
        <>
          <p className="kern-body kern-body--small wr-muted">{t('tables.overview.hint', { board: t(`boards.${tables.board}.title`) })}</p>
          <div className="wr-tables__grid">
            {tables.tables.map((table) => (
              <TableColumn key={table.id} table={table} tables={tables} join={join} mine={table.members.includes(join.participantId)} />
            ))}
          </div>
        </>
      ) : (
        <p className="kern-body" data-testid="tables-none">
          {t('tables.overview.none')}
        </p>
      )}
    </section>
  );
}
