/**
 * React access to the board stores: a component subscribes to exactly what it shows — one item,
 * or the structure of the board — and re-renders only when that changed.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { ChangeListener, ItemStore } from './itemStore';

/** One item's snapshot; re-renders only when this item changed. */
export function useItem<T>(store: ItemStore<T>, id: string): T | undefined {
  const subscribe = useCallback((cb: () => void) => store.subscribeItem(id, cb), [store, id]);
  const get = useCallback(() => store.get(id), [store, id]);
  return useSyncExternalStore(subscribe, get, get);
}

/** A version number of a store's structure (bumped when ids or structural keys changed). */
export function useStructureVersion(model: { subscribeStructure(cb: () => void): () => void; readonly structureVersion: number }): number {
  const subscribe = useCallback((cb: () => void) => model.subscribeStructure(cb), [model]);
  const get = useCallback(() => model.structureVersion, [model]);
  return useSyncExternalStore(subscribe, get, get);
}

/** The content version of a store while `active` (0 otherwise): for views that read every item, e.g. a search. */
export function useContentVersion<T>(store: ItemStore<T>, active: boolean): number {
  const subscribe = useCallback(
    (cb: () => void) => {
      if (!active) return () => {};
      const listener: ChangeListener = () => cb();
      return store.subscribeContent(listener);
    },
    [store, active],
  );
  const get = useCallback(() => (active ? store.contentVersion : 0), [store, active]);
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * A model over a document (e.g. `new SwotModel(doc)`), created in an effect and destroyed in its
 * cleanup (StrictMode mounts effects twice; nothing may observe the document from a render).
 * Undefined for the one render before the effect ran.
 */
export function useDocModel<M extends { destroy(): void }>(doc: Y.Doc | undefined, create: (doc: Y.Doc) => M): M | undefined {
  const [state, setState] = useState<{ doc: Y.Doc; model: M } | undefined>();
  useEffect(() => {
    if (!doc) return;
    const model = create(doc);
    setState({ doc, model });
    return () => {
      model.destroy();
      setState(undefined);
    };
    // `create` is a constructor wrapper; the model depends on the document only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return state && state.doc === doc ? state.model : undefined;
}
