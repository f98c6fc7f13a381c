/**
 * One way to read something from the server into a component: `useFetch(key, (signal) => …)`.
 *
 * - `key` names what is read (a string or an array of its inputs); `null` reads nothing. A new key
 *   aborts the request in flight and starts from nothing (no data of another key is ever shown).
 * - Answers that arrive late (for an older key, after a reload, after unmount) are dropped, and the
 *   request is aborted through `signal`.
 * - `reload()` is the retry button: the error goes, `loading` shows, the last data stays.
 * - `refresh()` and a changed `refreshOn` (a signal from the server, e.g. a status map in a Yjs
 *   document) fetch again quietly: what is shown stays until the answer replaces it.
 * - `mutate()` puts what an action returned into the data without asking the server again.
 *
 * The fetcher and callbacks are read when a request starts, so they may be inline functions;
 * everything a request depends on belongs into `key`.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isAbortError } from './api';

export type FetchKey = string | readonly unknown[] | null | undefined;

export interface FetchOptions<T> {
  /** Fetch again, keeping what is shown, whenever this value changes (compared with `Object.is`). */
  refreshOn?: unknown;
  /** Called with every answer and the data it replaces (undefined for the first answer of a key). */
  onSuccess?: (data: T, previous: T | undefined) => void;
  /** Called with every error that is not an abort (e.g. to leave the page on a 401). */
  onError?: (error: unknown) => void;
}

export interface Fetched<T> {
  /** The last answer for the current key; kept while a reload or refresh runs and after a failed one. */
  data: T | undefined;
  /** The last request's error; undefined once a request succeeds (and right after `reload()`). */
  error: unknown;
  /** A request for the current key is on its way. */
  loading: boolean;
  /** Retry: drops the error and fetches again. */
  reload: () => void;
  /** Fetches again without changing what is shown until the answer arrives. */
  refresh: () => void;
  /** Replaces the data locally (the result of an action), or updates it from the previous value. */
  mutate: (update: T | ((previous: T | undefined) => T)) => void;
}

interface State<T> {
  key: string | null;
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

function serialise(key: FetchKey): string | null {
  if (key === null || key === undefined) return null;
  return typeof key === 'string' ? key : JSON.stringify(key);
}

export function useFetch<T>(key: FetchKey, fetcher: (signal: AbortSignal) => Promise<T>, options: FetchOptions<T> = {}): Fetched<T> {
  const keyString = serialise(key);
  const [state, setState] = useState<State<T>>(() => ({ key: keyString, data: undefined, error: undefined, loading: keyString !== null }));
  const [run, setRun] = useState(0);

  // The newest fetcher, callbacks and data, for requests that start or end later.
  const latest = useRef({ fetcher, options, state });
  useLayoutEffect(() => {
    latest.current = { fetcher, options, state };
  });

  const { refreshOn } = options;
  useEffect(() => {
    if (keyString === null) {
      setState((prev) => (prev.key === null && !prev.loading ? prev : { key: null, data: undefined, error: undefined, loading: false }));
      return;
    }
    const ctrl = new AbortController();
    setState((prev) => (prev.key === keyString ? (prev.loading ? prev : { ...prev, loading: true }) : { key: keyString, data: undefined, error: undefined, loading: true }));
    let promise: Promise<T>;
    try {
      promise = latest.current.fetcher(ctrl.signal);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then(
      (data) => {
        if (ctrl.signal.aborted) return;
        const before = latest.current.state;
        latest.current.options.onSuccess?.(data, before.key === keyString ? before.data : undefined);
        setState({ key: keyString, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (ctrl.signal.aborted || isAbortError(error)) return;
        latest.current.options.onError?.(error);
        setState((prev) => ({ key: keyString, data: prev.key === keyString ? prev.data : undefined, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [keyString, run, refreshOn]);

  const reload = useCallback(() => {
    setState((prev) => ({ ...prev, error: undefined, loading: prev.key !== null }));
    setRun((n) => n + 1);
  }, []);
  const refresh = useCallback(() => setRun((n) => n + 1), []);
  const mutate = useCallback(
    (update: T | ((previous: T | undefined) => T)) =>
      setState((prev) => ({ ...prev, data: typeof update === 'function' ? (update as (previous: T | undefined) => T)(prev.data) : update })),
    [],
  );

  // Until the effect has seen a new key, the state still describes the old one: show nothing of it.
  if (state.key !== keyString) return { data: undefined, error: undefined, loading: keyString !== null, reload, refresh, mutate };
  return { data: state.data, error: state.error, loading: state.loading, reload, refresh, mutate };
}
