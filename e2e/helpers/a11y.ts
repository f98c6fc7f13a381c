/** Accessibility checks with axe-core: WCAG 2.1 A/AA rules, failing on serious or critical findings. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export async function expectNoSeriousA11yViolations(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length > 0) {
    // Reported, not failed: moderate/minor findings are worth a look but do not block.
    testInfo.annotations.push({ type: 'axe', description: `${label}: ${minor.map((v) => `${v.impact} ${v.id}`).join(', ')}` });
    if (process.env.AXE_VERBOSE) console.log(label, JSON.stringify(minor.map((v) => [v.id, v.nodes.map((n) => n.target)])));
  }
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe found serious/critical violations on ${label}`).toEqual([]);
}
