// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { setLanguage } from '../lib/locales';
import { ErrorBoundary, isChunkLoadError } from './ErrorBoundary';

// React checks this flag before it lets act() flush updates outside a test renderer.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
let failing = true;

function Reader({ label }: { label: string }) {
  if (failing) throw new RangeError('Maximum call stack size exceeded');
  return <p data-testid="reader">{label}</p>;
}

function Room({ resetKey = 'a' }: { resetKey?: string }) {
  return (
    <main>
      <nav data-testid="nav">Navigation</nav>
      <ErrorBoundary area="Zielbaum" resetKeys={[resetKey]}>
        <Reader label={`Board ${resetKey}`} />
      </ErrorBoundary>
      <aside data-testid="presence">Anwesend: 3</aside>
    </main>
  );
}

beforeEach(async () => {
  await i18n.changeLanguage('de');
  failing = true;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows what failed, logs it, and keeps the rest of the room', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    act(() => root.render(<Room />));
    const alert = container.querySelector('[data-testid="error-boundary"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Zielbaum – Anzeige nicht möglich');
    expect(container.querySelector('[data-testid="error-boundary-name"]')?.textContent).toBe('RangeError');
    expect(alert?.textContent).toContain('Maximum call stack size exceeded');
    expect(container.querySelector('[data-testid="error-boundary-retry"]')?.textContent).toBe('Neu laden');
    // The parts around it are still there.
    expect(container.querySelector('[data-testid="nav"]')?.textContent).toBe('Navigation');
    expect(container.querySelector('[data-testid="presence"]')?.textContent).toBe('Anwesend: 3');
    expect(logged.mock.calls.some((args) => String(args[0]).includes('"Zielbaum" could not be shown'))).toBe(true);
  });

  it('"Neu laden" mounts the part again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    act(() => root.render(<Room />));
    expect(container.querySelector('[data-testid="reader"]')).toBeNull();
    failing = false;
    act(() => (container.querySelector('[data-testid="error-boundary-retry"]') as HTMLButtonElement).click());
    expect(container.querySelector('[data-testid="reader"]')?.textContent).toBe('Board a');
    expect(container.querySelector('[data-testid="error-boundary"]')).toBeNull();
  });

  it('clears the error when its reset keys change (another board or draft)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    act(() => root.render(<Room resetKey="a" />));
    expect(container.querySelector('[data-testid="error-boundary"]')).not.toBeNull();
    failing = false;
    act(() => root.render(<Room resetKey="b" />));
    expect(container.querySelector('[data-testid="reader"]')?.textContent).toBe('Board b');
  });

  it('speaks English too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // English is loaded when someone switches, as in the app.
    await setLanguage('en');
    act(() => root.render(<Room />));
    expect(container.textContent).toContain('Zielbaum – cannot be shown');
    expect(container.querySelector('[data-testid="error-boundary-retry"]')?.textContent).toBe('Reload');
  });

  it('recognises a failed download of a lazily loaded part', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: http://x/assets/GoalsBoard.js'))).toBe(true);
    expect(isChunkLoadError(new RangeError('Maximum call stack size exceeded'))).toBe(false);
  });
});
