/**
 * Content-Security-Policy violations in a browser context: every page reports them as a
 * `securitypolicyviolation` event (recorded by an init script) and as a console error. A test
 * that drives the real client asserts that the list stays empty, i.e. that the server's policy
 * lets the whole client work.
 */
import type { BrowserContext, Page } from '@playwright/test';

export interface CspWatch {
  /** Every violation seen so far, as `directive blocked-uri (source)` or the console text. */
  violations(): Promise<string[]>;
}

// A string, not a function: functions compiled by the test runner may reference helpers the page lacks.
const RECORDER = `
  window.__cspViolations = window.__cspViolations || [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });
`;

/**
 * Starts watching a context: pages opened from now on record every violation from their first
 * script on; pages already open report what reaches their console from now on.
 */
export async function watchCsp(context: BrowserContext): Promise<CspWatch> {
  await context.addInitScript(RECORDER);
  const fromConsole: string[] = [];
  const listen = (page: Page) =>
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) fromConsole.push(msg.text());
    });
  context.pages().forEach(listen);
  context.on('page', listen);
  return {
    async violations() {
      const recorded: string[] = [];
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        const list = await page.evaluate('window.__cspViolations || []').catch(() => []);
        recorded.push(...(list as string[]));
      }
      return [...recorded, ...fromConsole];
    },
  };
}

/**
 * Adds a stylesheet for a test's own purposes (e.g. a screenshot without sticky toolbars).
 * `page.addStyleTag` inserts an inline `<style>`, which the server's policy rightly blocks; a
 * constructed stylesheet is not inline markup and needs no exception.
 */
export async function addTestStyle(page: Page, css: string): Promise<void> {
  await page.evaluate(
    `(() => { const sheet = new CSSStyleSheet(); sheet.replaceSync(${JSON.stringify(css)}); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; })()`,
  );
}
