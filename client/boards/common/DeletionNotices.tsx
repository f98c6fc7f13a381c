/**
 * "Ihre Karte „…“ wurde von … gelöscht": the deletion records (shared/schema/deletions.ts) that
 * name this person as the author of an item that is still gone, newest first, each with
 * "Wiederherstellen" (the item comes back with its text, place and authorship) and "Ausblenden".
 * The records are part of the board document, so the author learns about a deletion the moment
 * it arrives, or when they next open the board; the server checked who deleted what.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { deletionsOf, dismissDeletion, getDeletionsMap, restoreDeletedItem, snapshotSummary, type DeletionRecord } from '../../../shared/schema/deletions';
import { getItemsMap, type WriteContext } from '../../../shared/schema/items';

/** Boards whose items have authors who are told when someone else deletes one. */
export const AUTHORED_BOARDS = ['swot', 'priorities', 'goals'] as const;
export type AuthoredBoard = (typeof AUTHORED_BOARDS)[number];
export const isAuthoredBoard = (kind: string): kind is AuthoredBoard => (AUTHORED_BOARDS as readonly string[]).includes(kind);

/** Notices shown at once; older ones wait until these are handled. */
const SHOWN = 5;

export function DeletionNotices({ doc, ctx, kind, canRestore, announce }: { doc: Y.Doc; ctx: WriteContext; kind: AuthoredBoard; canRestore: boolean; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const me = ctx.author.participantId;
  const [notices, setNotices] = useState<{ id: string; record: DeletionRecord }[]>(() => deletionsOf(doc, me));

  useEffect(() => {
    const deletions = getDeletionsMap(doc);
    const items = getItemsMap(doc);
    const update = () => setNotices(deletionsOf(doc, me));
    update();
    deletions.observe(update);
    items.observe(update);
    return () => {
      deletions.unobserve(update);
      items.unobserve(update);
    };
  }, [doc, me]);

  if (notices.length === 0) return null;
  return (
    <ul className="wr-deletions" aria-label={t('boards.deletion.region')} data-testid="deletion-notices">
      {notices.slice(0, SHOWN).map(({ id, record }) => {
        const text = snapshotSummary(record.item) || t('boards.deletion.untitled');
        const message = t(`boards.deletion.notice_${kind}`, { text, name: record.by.displayName || t('boards.deletion.someone') });
        return (
          <li key={id} className="kern-alert kern-alert--warning wr-deletions__item" role="status" data-testid="deletion-notice" data-item-id={id}>
            <div className="kern-alert__body wr-deletions__body">
              <p className="kern-body">{message}</p>
              <div className="wr-deletions__actions">
                {canRestore ? (
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary kern-btn--small"
                    data-testid="deletion-restore"
                    onClick={() => {
                      if (restoreDeletedItem(doc, ctx, id)) announce(t('boards.deletion.restored', { text }));
                    }}
                  >
                    <span className="kern-label">
                      {t('boards.deletion.restore')}
                      <span className="wr-sr-only">: {text}</span>
                    </span>
                  </button>
                ) : null}
                <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" data-testid="deletion-dismiss" onClick={() => dismissDeletion(doc, ctx, id)}>
                  <span className="kern-label">
                    {t('boards.deletion.dismiss')}
                    <span className="wr-sr-only">: {text}</span>
                  </span>
                </button>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
