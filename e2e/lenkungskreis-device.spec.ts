/**
 * A Lenkungskreis member adds a second device from a signed-in one, in two real browsers: the
 * inbox's "Gerät hinzufügen" makes a single-use link (with QR code), the second browser redeems it
 * and sees the inbox, a used link is refused with a clear message, and removing the second device
 * from the first ends its access.
 */
import { expect, request, test } from '@playwright/test';
import type { CreatedInvitation } from '../shared/decisionApi';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { E2E_ADMIN, E2E_BASE_URL } from './helpers/env';
import { redeemInvitation } from './helpers/lenkungskreis';

async function invitationViaApi(label: string): Promise<string> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    expect((await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })).status()).toBe(200);
    const res = await api.post('/api/lenkungskreis/invitations', { data: { label, validDays: 1 } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as CreatedInvitation).url;
  } finally {
    await api.dispose();
  }
}

test('a member adds a second device, the link works once, and removing the device ends its access', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  // A name of its own: other Lenkungskreis specs on the same server look for theirs by text.
  const name = `Frau Okafor ${Date.now().toString(36)}`;
  const laptopCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const laptop = await laptopCtx.newPage();
  await redeemInvitation(laptop, await invitationViaApi('Schulamt'), name);

  // The laptop makes a link for another device: shown with a QR code and a copy button.
  const panel = laptop.getByTestId('lk-devices');
  await expect(panel.getByTestId('lk-device-row')).toHaveCount(1);
  await expect(panel.getByTestId('lk-device-row')).toHaveAttribute('data-current', 'true');
  await panel.getByTestId('lk-device-link-create').click();
  const linkField = panel.getByTestId('lk-device-link');
  await expect(linkField).toHaveValue(/\/lenkungskreis\/geraet#[A-Za-z0-9_-]+$/);
  await expect(linkField).toBeFocused();
  await expect(panel.getByTestId('session-qr').locator('svg')).toBeVisible();
  await expect(panel.getByTestId('lk-device-link-copy')).toBeVisible();
  await expectNoSeriousA11yViolations(laptop, testInfo, 'lenkungskreis-device-panel');
  const link = await linkField.inputValue();

  // The tablet redeems the link under a name of its own and lands in the inbox.
  const tabletCtx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const tablet = await tabletCtx.newPage();
  await tablet.goto(link);
  await expect(tablet.getByTestId('lk-device-member')).toContainText(name);
  await expectNoSeriousA11yViolations(tablet, testInfo, 'lenkungskreis-device-page');
  await tablet.getByTestId('lk-device-label').fill('Tablet');
  await tablet.getByTestId('lk-device-submit').click();
  await expect(tablet).toHaveURL(/\/lenkungskreis$/);
  await expect(tablet.getByTestId('lk-member-name')).toContainText(name);
  await expect(tablet.getByTestId('lk-devices').getByTestId('lk-device-row')).toHaveCount(2);

  // The link was single-use: opening it again explains why it no longer works.
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await other.goto(link);
  await expect(other.getByTestId('lk-device-error')).toContainText('Dieser Link gilt nicht mehr');
  // A link without its code is explained too.
  await other.goto('/lenkungskreis/geraet');
  await expect(other.getByTestId('lk-device-error')).toContainText('Der Link ist unvollständig');
  await expect(other.getByTestId('lk-device-submit')).toHaveCount(0);

  // The laptop sees the tablet and removes it (another device: no confirmation needed).
  await panel.getByTestId('lk-device-link-done').click();
  const tabletRow = panel.getByTestId('lk-device-row').filter({ hasText: 'Tablet' });
  await expect(tabletRow).toHaveCount(1);
  await tabletRow.getByTestId('lk-device-remove').click();
  await expect(panel.getByTestId('lk-device-row')).toHaveCount(1);
  await expect(panel).toContainText('Tablet wurde entfernt.');

  // The tablet has lost its access; the laptop keeps it.
  await tablet.reload();
  await expect(tablet.getByTestId('lk-no-access')).toContainText('Zugang nicht mehr gültig');
  await laptop.reload();
  await expect(laptop.getByTestId('lk-member-name')).toContainText(name);

  // Removing the device in use asks first; cancelling keeps the access.
  await panel.getByTestId('lk-device-row').getByTestId('lk-device-remove').click();
  await expect(laptop.getByTestId('lk-device-remove-current')).toBeVisible();
  await laptop.getByTestId('lk-device-remove-current-cancel').click();
  await expect(panel.getByTestId('lk-device-row')).toHaveCount(1);

  await Promise.all([laptopCtx.close(), tabletCtx.close(), otherCtx.close()]);
});
