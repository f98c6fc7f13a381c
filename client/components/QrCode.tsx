import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Renders a QR code locally as inline SVG (no external service sees the link). */
export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const [svg, setSvg] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
      .then((s) => {
        if (!cancelled) setSvg(s);
      })
      .catch(() => {
        if (!cancelled) setSvg(undefined);
      });
    return () => {
      cancelled = true;
    };
  }, [value]);
  return (
    <div
      className={`wr-qr${className ? ` ${className}` : ''}`}
      role="img"
      aria-label={label}
      data-testid="session-qr"
      data-value={value}
      // The SVG is generated above from our own link by the qrcode library, never from user HTML.
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
