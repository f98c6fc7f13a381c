// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useFetch, type FetchKey, type FetchOptions, type Fetched } from './useFetch';

/** A request the test answers by hand, remembering whether it was aborted. */
interface Pending<T> {
  key: string;
  signal: AbortSignal;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** With `ignoreAbort`, a request answers even after its abort (as a server that already sent it would). */
function controllable<T>({ ignoreAbort = false } = {}) {
  const calls: Pending<T>[] = [];
  const fetcher = (key: string) => (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ key, signal, resolve, reject });
      if (!ignoreAbort) signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
    });
  return { calls, fetcher };
}

let root: Root | undefined;
let container: HTMLElement | undefined;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = undefined;
});

/** Renders the hook; `latest()` is what it returned in the last render. */
function renderFetch<T>(initial: { fetchKey: FetchKey; fetcher: (signal: AbortSignal) => Promise<T>; options?: FetchOptions<T> }) {
  let result: Fetched<T> | undefined;
  let props = initial;
  function Probe(p: typeof initial) {
    result = useFetch(p.fetchKey, p.fetcher, p.options);
    return null;
  }
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<Probe {...props} />));
  return {
    latest: () => result!,
    rerender(next: Partial<typeof initial>) {
      props = { ...props, ...next };
      act(() => root!.render(<Probe {...props} />));
    },
  };
}

const settle = () => act(async () => {});

describe('useFetch', () => {
  it('loads, then shows the answer', async () => {
    const { calls, fetcher } = controllable<string>();
    const view = renderFetch({ fetchKey: 'a', fetcher: fetcher('a') });
    expect(view.latest()).toMatchObject({ data: undefined, error: undefined, loading: true });
    calls[0]!.resolve('A');
    await settle();
    expect(view.latest()).toMatchObject({ data: 'A', error: undefined, loading: false });
  });

  it('reads nothing for a null key', async () => {
    const { calls, fetcher } = controllable<string>();
    const view = renderFetch({ fetchKey: null, fetcher: fetcher('x') });
    await settle();
    expect(calls).toHaveLength(0);
    expect(view.latest()).toMatchObject({ data: undefined, loading: false });
  });

  it('aborts the old request on a key change and never shows its late answer', async () => {
    const { calls, fetcher } = controllable<string>({ ignoreAbort: true });
    const view = renderFetch({ fetchKey: ['draft', 1], fetcher: fetcher('1') });
    calls[0]!.resolve('one');
    await settle();
    view.rerender({ fetchKey: ['draft', 2], fetcher: fetcher('2') });
    // The data of key 1 is gone at once, in the very render that has the new key.
    expect(view.latest()).toMatchObject({ data: undefined, loading: true });
    view.rerender({ fetchKey: ['draft', 3], fetcher: fetcher('3') });
    expect(calls[1]!.signal.aborted).toBe(true);
    calls[2]!.resolve('three');
    await settle();
    calls[1]!.resolve('two, too late');
    await settle();
    expect(view.latest().data).toBe('three');
  });

  it('aborts on unmount', () => {
    const { calls, fetcher } = controllable<string>();
    renderFetch({ fetchKey: 'a', fetcher: fetcher('a') });
    act(() => root!.unmount());
    root = undefined;
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it('keeps the error until a retry, which shows loading again and can succeed', async () => {
    const { calls, fetcher } = controllable<string>();
    const errors: unknown[] = [];
    const view = renderFetch({ fetchKey: 'a', fetcher: fetcher('a'), options: { onError: (e) => errors.push(e) } });
    const failure = new Error('offline');
    calls[0]!.reject(failure);
    await settle();
    expect(view.latest()).toMatchObject({ data: undefined, error: failure, loading: false });
    expect(errors).toEqual([failure]);
    act(() => view.latest().reload());
    expect(view.latest()).toMatchObject({ error: undefined, loading: true });
    expect(calls).toHaveLength(2);
    calls[1]!.resolve('A');
    await settle();
    expect(view.latest()).toMatchObject({ data: 'A', error: undefined, loading: false });
  });

  it('refreshes quietly when the server signal changes, keeping the data until the answer', async () => {
    const { calls, fetcher } = controllable<string>();
    const seen: [string, string | undefined][] = [];
    const onSuccess = (data: string, previous: string | undefined) => seen.push([data, previous]);
    const view = renderFetch({ fetchKey: 'list', fetcher: fetcher('list'), options: { refreshOn: 's1', onSuccess } });
    calls[0]!.resolve('v1');
    await settle();
    view.rerender({ options: { refreshOn: 's2', onSuccess } });
    expect(calls).toHaveLength(2);
    expect(view.latest()).toMatchObject({ data: 'v1', loading: true });
    calls[1]!.reject(new Error('hiccup'));
    await settle();
    // A failed refresh keeps what was shown and reports the error beside it.
    expect(view.latest()).toMatchObject({ data: 'v1', loading: false });
    expect(view.latest().error).toBeInstanceOf(Error);
    act(() => view.latest().refresh());
    calls[2]!.resolve('v2');
    await settle();
    expect(view.latest()).toMatchObject({ data: 'v2', error: undefined });
    expect(seen).toEqual([
      ['v1', undefined],
      ['v2', 'v1'],
    ]);
  });

  it('takes local changes with mutate', async () => {
    const { calls, fetcher } = controllable<string[]>();
    const view = renderFetch({ fetchKey: 'sessions', fetcher: fetcher('sessions') });
    calls[0]!.resolve(['b']);
    await settle();
    act(() => view.latest().mutate((prev) => ['a', ...(prev ?? [])]));
    expect(view.latest().data).toEqual(['a', 'b']);
    expect(calls).toHaveLength(1);
  });

  it('treats a fetcher that throws at once like a failed request', async () => {
    const view = renderFetch<string>({
      fetchKey: 'a',
      fetcher: () => {
        throw new Error('bad input');
      },
    });
    await settle();
    expect(view.latest()).toMatchObject({ loading: false, data: undefined });
    expect((view.latest().error as Error).message).toBe('bad input');
  });
});
