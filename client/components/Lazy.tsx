/**
 * Parts of the app that load when first shown (React.lazy): what shows meanwhile, and what shows
 * when a part cannot be loaded — typically after a new deploy replaced the files this page was
 * built with, or when the network is gone and the part was never cached.
 */
import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';

/** A busy placeholder while a part loads; `label` says what (default "Wird geladen …"). */
export function LoadingState({ label, testId = 'lazy-loading' }: { label?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="wr-loading" role="status" aria-busy="true" data-testid={testId}>
      <p className="kern-body wr-muted">{label ?? t('app.loading')}</p>
    </div>
  );
}

/** Whether `error` is a failed fetch of a code or locale file rather than a bug in the part itself. */
export function isLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Chromium: "Failed to fetch dynamically imported module"; Firefox: "error loading dynamically
  // imported module"; Safari: "Importing a module script failed"; Vite's preload: "Unable to preload CSS".
  return /dynamically imported module|Importing a module script failed|Unable to preload/i.test(error.message) || error.name === 'ChunkLoadError';
}

function LoadFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert variant="danger" title={t('app.loadFailed.title')} testId="load-failed">
      <p className="kern-body">{isLoadError(error) ? t('app.loadFailed.chunk') : t('app.loadFailed.other')}</p>
      <p>
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => location.reload()} data-testid="load-failed-reload">
          <span className="kern-label">{t('app.loadFailed.reload')}</span>
        </button>
      </p>
    </Alert>
  );
}

interface BoundaryProps {
  children: ReactNode;
  /** A different value clears an earlier failure (e.g. the view the part belongs to). */
  resetKey?: unknown;
}

/** Shows a message with a reload button, instead of an empty page, when a part fails to load or render. */
export class LoadBoundary extends Component<BoundaryProps, { error: unknown; resetKey: unknown }> {
  override state = { error: undefined as unknown, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { error: unknown; resetKey: unknown }) {
    return props.resetKey !== state.resetKey ? { error: undefined, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A part of the page failed', error, info.componentStack);
  }

  override render() {
    return this.state.error !== undefined ? <LoadFailed error={this.state.error} /> : this.props.children;
  }
}

/** A lazily loaded part: busy placeholder while loading, message with reload button if loading fails. */
export function LazyPart({ children, label, resetKey, testId }: { children: ReactNode; label?: string; resetKey?: unknown; testId?: string }) {
  return (
    <LoadBoundary resetKey={resetKey}>
      <Suspense fallback={<LoadingState label={label} testId={testId} />}>{children}</Suspense>
    </LoadBoundary>
  );
}
