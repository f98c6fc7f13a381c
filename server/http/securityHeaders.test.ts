// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY, appContentSecurityPolicy, TIPTAP_STYLE_HASH } from './securityHeaders';

/** The few DOM calls this test needs (server code is compiled without the DOM library). */
interface MiniDocument {
  createElement(tag: 'div'): object;
  querySelector(selector: string): { textContent: string | null } | null;
}

describe('Content-Security-Policy', () => {
  it('allows exactly the stylesheet the installed Tiptap injects', () => {
    const { document } = globalThis as unknown as { document: MiniDocument };
    const editor = new Editor({ element: document.createElement('div') as never, extensions: [StarterKit] });
    try {
      const css = document.querySelector('style[data-tiptap-style]')?.textContent;
      expect(css).toContain('.ProseMirror');
      const hash = `'sha256-${createHash('sha256').update(css!, 'utf8').digest('base64')}'`;
      expect(TIPTAP_STYLE_HASH).toBe(hash);
    } finally {
      editor.destroy();
    }
  });

  it('allows no inline script, no plugin, no framing, and sockets only to the own host', () => {
    const csp = appContentSecurityPolicy('werkraum.kreis.de');
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://werkraum.kreis.de', 'wss://werkraum.kreis.de']);
    expect(csp).not.toContain('unsafe');
    // A Host header that could break out of the header value is left out.
    expect(appContentSecurityPolicy('evil.example; script-src *')).toContain("connect-src 'self';");
    expect(appContentSecurityPolicy(undefined)).toContain("connect-src 'self';");
    expect(API_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/);
  });
});
