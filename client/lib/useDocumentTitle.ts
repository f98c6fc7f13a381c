import { useEffect } from 'react';

/** Sets the browser tab title (WCAG 2.4.2); every page names itself first, then the app. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – Werkraum` : 'Werkraum';
  }, [title]);
}
