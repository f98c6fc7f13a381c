/** Everything a person can do on the SWOT board, shared by the board view and the list view. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  addSwotCard,
  addSwotCluster,
  deleteSwotCard,
  deleteSwotCluster,
  mergeSwotCards,
  moveSwotCard,
  setSwotClusterCollapsed,
  SWOT_QUADRANTS,
  updateSwotCard,
  type SwotCard,
  type SwotCluster,
  type SwotQuadrant,
} from '../../../shared/schema/swot';
import { publishDrafts } from '../../../shared/schema/drafts';
import type { WriteContext } from '../../../shared/schema/items';
import type { Placement } from '../../../shared/schema/order';
import type { MenuAction } from '../common/MoveMenu';
import type { BoardProps } from '../types';
import { cardSummary, quadrantName } from './swotUi';

export interface DropTarget {
  quadrant: SwotQuadrant;
  clusterId: string | null;
  placement: Placement;
}

export interface SwotActions {
  addCard(quadrant: SwotQuadrant, privately: boolean): string | undefined;
  /** The keyboard moves of a card within `group` (ids of its list, in order) and to other quadrants. */
  moveActions(card: SwotCard, group: readonly string[], draft: boolean): MenuAction[];
  dropCard(card: SwotCard, target: DropTarget): void;
  /** Deletes at once (own card, private draft) or after a confirmation naming the author. */
  deleteCard(card: SwotCard, draft: boolean): void;
  /** Whether the delete button is offered (the moderation may let only authors delete). */
  mayDeleteCard(card: SwotCard, draft: boolean): boolean;
  addCluster(quadrant: SwotQuadrant): void;
  deleteCluster(cluster: SwotCluster): void;
  publish(ids?: readonly string[]): void;
  /** Merges duplicates into the first card (moderation); returns how many were merged. */
  merge(keepId: string, otherIds: readonly string[]): number;
  setCollapsed(cluster: SwotCluster, collapsed: boolean): void;
}

/** The origin of publishing writes: tracked by no undo manager. */
const PUBLISH_ORIGIN = { publish: true };

export function useSwotActions(
  { doc, ctx, undoManager, announce, deleteWithUndo, notify, mayDelete, confirmDelete }: Pick<
    BoardProps,
    'doc' | 'ctx' | 'undoManager' | 'announce' | 'deleteWithUndo' | 'notify' | 'mayDelete' | 'confirmDelete'
  >,
  drafts: { doc: Y.Doc; undoManager: Y.UndoManager } | undefined,
  requestFocus: (key: string) => void,
): SwotActions {
  const { t } = useTranslation();
  // Publishing is a deliberate reveal that others have seen: not part of the person's undo.
  const publishCtx = useMemo<WriteContext>(() => ({ ...ctx, origin: PUBLISH_ORIGIN }), [ctx]);

  return useMemo<SwotActions>(() => {
    const q = (quadrant: SwotQuadrant) => quadrantName(t, quadrant);
    const docOf = (draft: boolean) => (draft && drafts ? drafts.doc : doc);

    function move(card: SwotCard, draft: boolean, quadrant: SwotQuadrant, placement: Placement, clusterId?: string | null) {
      const target = docOf(draft);
      // A move is an undo step of its own — not merged with typing just before or after it —
      // and one transaction, even when the card also changes its cluster.
      const um = draft && drafts ? drafts.undoManager : undoManager;
      um.stopCapturing();
      target.transact(() => {
        moveSwotCard(target, ctx, card.id, quadrant, placement);
        if (clusterId !== undefined && !draft) updateSwotCard(target, ctx, card.id, { clusterId });
      }, ctx.origin);
      um.stopCapturing();
      requestFocus(`move-${card.id}`);
    }

    return {
      addCard(quadrant, privately) {
        const draft = privately && drafts !== undefined;
        const id = addSwotCard(docOf(draft), ctx, { quadrant });
        announce(draft ? t('swot.announce.addedPrivate', { quadrant: q(quadrant) }) : t('swot.announce.added', { quadrant: q(quadrant) }));
        requestFocus(`text-${id}`);
        return id;
      },
      moveActions(card, group, draft) {
        const i = group.indexOf(card.id);
        const prev = group[i - 1];
        const next = group[i + 1];
        const summary = cardSummary(card) || t('swot.emptyCard');
        const actions: MenuAction[] = [
          {
            key: 'up',
            label: t('swot.moveUp'),
            disabled: !prev,
            onSelect: () => {
              if (!prev) return;
              move(card, draft, card.quadrant, { before: prev });
              announce(t('swot.announce.movedUp', { text: summary, position: i, count: group.length }));
            },
          },
          {
            key: 'down',
            label: t('swot.moveDown'),
            disabled: !next,
            onSelect: () => {
              if (!next) return;
              move(card, draft, card.quadrant, { after: next });
              announce(t('swot.announce.movedDown', { text: summary, position: i + 2, count: group.length }));
            },
          },
        ];
        for (const quadrant of SWOT_QUADRANTS) {
          if (quadrant === card.quadrant) continue;
          actions.push({
            key: `to-${quadrant}`,
            label: t('swot.moveTo', { quadrant: q(quadrant) }),
            onSelect: () => {
              move(card, draft, quadrant, 'end', null);
              announce(t('swot.announce.movedTo', { text: summary, quadrant: q(quadrant) }));
            },
          });
        }
        return actions;
      },
      dropCard(card, target) {
        move(card, false, target.quadrant, target.placement, target.clusterId);
      },
      deleteCard(card, draft) {
        const target = docOf(draft);
        const remove = () => deleteWithUndo(t('swot.deleted'), () => deleteSwotCard(target, ctx, card.id), draft ? drafts?.undoManager : undefined);
        if (draft || !confirmDelete) remove();
        else confirmDelete(card.createdBy, cardSummary(card) || t('swot.emptyCard'), remove);
      },
      mayDeleteCard(card, draft) {
        return draft || (mayDelete?.(card.createdBy) ?? true);
      },
      addCluster(quadrant) {
        const id = addSwotCluster(doc, ctx, quadrant, t('swot.clusters.newTitle'));
        announce(t('swot.announce.clusterAdded', { quadrant: q(quadrant) }));
        requestFocus(`cluster-${id}`);
      },
      deleteCluster(cluster) {
        deleteWithUndo(t('swot.clusters.deleted'), () => deleteSwotCluster(doc, ctx, cluster.id));
      },
      merge(keepId, otherIds) {
        const merged = mergeSwotCards(doc, ctx, keepId, otherIds);
        if (merged.length > 0) {
          const message = t('swot.merge.done', { count: merged.length + 1 });
          announce(message);
          notify({ message });
          requestFocus(`text-${keepId}`);
        }
        return merged.length;
      },
      setCollapsed(cluster, collapsed) {
        setSwotClusterCollapsed(doc, ctx, cluster.id, collapsed);
        announce(t(collapsed ? 'swot.clusters.collapsedAnnounce' : 'swot.clusters.expandedAnnounce', { title: cluster.title || t('swot.clusters.untitled') }));
      },
      publish(ids) {
        if (!drafts) return;
        const published = publishDrafts(drafts.doc, doc, publishCtx, ids);
        if (published.length > 0) {
          const message = t('swot.drafts.published', { count: published.length });
          announce(message);
          notify({ message });
        }
      },
    };
  }, [doc, ctx, undoManager, publishCtx, drafts, announce, deleteWithUndo, notify, mayDelete, confirmDelete, requestFocus, t]);
}
