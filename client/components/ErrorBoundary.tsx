/**
 * A part of the room (a board, the notes, a draft's editor) that fails to render shows what
 * failed instead of taking the page with it: a message naming the part and the error, and a
 * "Neu laden" button. Everything outside keeps working — the navigation, the presence list, the
 * other boards — and nothing typed is lost (documents live in Yjs, not in the components).
 *
 * A document written by a misbehaving client may still hold something a reader does not expect;
 * the readers are written to survive any document, and this is the net below them.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ErrorBoundaryProps {
  /** What this part is called in the message ("Zielbaum", "Gemeinsame Notizen" …), already translated. */
  area: string;
  children: ReactNode;
  /** When any of these change, a shown error is cleared and the children render again (e.g. another board or draft). */
  resetKeys?: readonly unknown[];
  /** Smaller message for parts inside a larger one (a prose field of a draft). */
  compact?: boolean;
  testId?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
  /** Bumped by "Neu laden": the children mount afresh. */
  attempt: number;
}

function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : 'Unknown error');
}

/** A failed download of a lazily loaded part (offline, or the app was updated meanwhile): only a page load helps. */
export function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Loading chunk|error loading dynamically/i.test(error.message);
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: asError(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Werkraum: "${this.props.area}" could not be shown.`, error, info.componentStack ?? '');
  }

  override componentDidUpdate(prev: ErrorBoundaryProps): void {
    if (!this.state.error) return;
    const a = prev.resetKeys ?? [];
    const b = this.props.resetKeys ?? [];
    if (a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]))) this.setState({ error: null });
  }

  private readonly retry = () => {
    const error = this.state.error;
    if (error && isChunkLoadError(error)) {
      window.location.reload();
      return;
    }
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error) return <ErrorFallback area={this.props.area} error={error} onRetry={this.retry} compact={this.props.compact ?? false} testId={this.props.testId} />;
    // The key makes "Neu laden" mount the part afresh (its effects re-open what it reads).
    return <BoundaryContent key={attempt}>{this.props.children}</BoundaryContent>;
  }
}

function BoundaryContent({ children }: { children: ReactNode }) {
  return children;
}

function ErrorFallback({ area, error, onRetry, compact, testId }: { area: string; error: Error; onRetry: () => void; compact: boolean; testId?: string }) {
  const { t } = useTranslation();
  const name = error.name || 'Error';
  return (
    <div className={`kern-alert kern-alert--danger wr-alert wr-boundary${compact ? ' wr-boundary--compact' : ''}`} role="alert" data-testid={testId ?? 'error-boundary'} data-error-name={name}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{t('boundary.title', { area })}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{t(isChunkLoadError(error) ? 'boundary.chunk' : 'boundary.text')}</p>
        <p className="kern-body kern-body--small wr-boundary__error">
          {t('boundary.error')}: <code data-testid="error-boundary-name">{name}</code>
          {error.message ? <span className="wr-boundary__message"> – {error.message.slice(0, 300)}</span> : null}
        </p>
        <p>
          <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={onRetry} data-testid="error-boundary-retry">
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('boundary.retry')}</span>
          </button>
        </p>
      </div>
    </div>
  );
}
