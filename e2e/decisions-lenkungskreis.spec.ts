/**
 * The Lenkungskreis side of decision drafts against a real server in a real browser: a moderator
 * invites a member from the dashboard; the member redeems the link in another browser, finds the
 * handed-over draft in the inbox, takes it into deliberation, records the decision, sees it in the
 * audit log and exports the version as DOCX.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { saveScreenshot } from './helpers/boards';
import { createInvitationInUi, redeemInvitation, seedHandedOverDraft } from './helpers/lenkungskreis';
import { loginAsModerator } from './helpers/moderator';

test.describe('Lenkungskreis', () => {
  test('invitation, inbox, deliberation, decision, audit log and DOCX export', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString(36);
    // Handed over twice: version 2 (a milestone added) replaces version 1 for the same deliberation.
    const seeded = await seedHandedOverDraft(`Bildungskonferenz Übergänge ${stamp}`, `Übergang Schule–Beruf stärken ${stamp}`, { versions: 2 });
    const [hash1, hash2] = seeded.hashes as [string, string];

    // The moderator creates an invitation on the dashboard; the link is shown once, with a QR code.
    const modCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const mod = await modCtx.newPage();
    await loginAsModerator(mod);
    const link = await createInvitationInUi(mod, 'Dezernentin Jugend', 7);
    await expect(mod.getByTestId('lk-invite-created').getByTestId('session-qr').locator('svg')).toBeVisible();
    await expect(mod.getByTestId('lk-invitation').filter({ hasText: 'Dezernentin Jugend' }).first()).toHaveAttribute('data-state', 'open');
    // The link has the focus, selected for copying; the page stays accessible with the notice open.
    await expect(mod.getByTestId('lk-invite-url')).toBeFocused();
    await expectNoSeriousA11yViolations(mod, testInfo, 'lenkungskreis-admin');

    // Without a token the inbox explains that access is by invitation.
    const lkCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const lk = await lkCtx.newPage();
    await lk.goto('/lenkungskreis');
    await expect(lk.getByTestId('lk-no-access')).toContainText('Zugang nur mit Einladung');
    const headerLink = lk.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Lenkungskreis: Vorlagen' });
    await expect(headerLink).toHaveCount(0);

    // Redeeming: preview, name, inbox.
    await redeemInvitation(lk, link, 'Dr. Weber');
    await expect(lk).toHaveTitle(/^Vorlagen des Lenkungskreises – Werkraum$/);
    const row = lk.getByTestId('lk-inbox-row').filter({ hasText: seeded.title });
    await expect(row).toBeVisible();
    await expect(row).toContainText(seeded.reference);
    await expect(row).toContainText(seeded.session.title);
    await expect(row.getByTestId('draft-status')).toHaveAttribute('data-status', 'uebergeben');
    // From now on every page of this device leads back to the inbox.
    await expect(headerLink).toHaveAttribute('href', '/lenkungskreis');
    await expect(row.locator('td').nth(3)).toHaveText('2');

    // The invitation is used now: the moderator's list says so after a reload, and it cannot be used twice.
    await mod.reload();
    await expect(mod.getByTestId('lk-invitation').filter({ hasText: 'Dezernentin Jugend' }).first()).toHaveAttribute('data-state', 'used');
    await expect(mod.getByTestId('lk-member').filter({ hasText: 'Dr. Weber' })).toHaveAttribute('data-revoked', 'false');
    const reuseCtx = await browser.newContext();
    const reuse = await reuseCtx.newPage();
    await reuse.goto(link);
    await expect(reuse.getByTestId('lk-join-error')).toContainText('Diese Einladung gilt nicht');
    await reuseCtx.close();

    // Filtering by status narrows the list.
    await lk.getByTestId('lk-inbox-filter').selectOption('beschlossen');
    await expect(lk.getByTestId('lk-inbox-empty')).toBeVisible();
    await lk.getByTestId('lk-inbox-filter').selectOption('uebergeben');
    await expect(row).toBeVisible();
    await lk.getByTestId('lk-inbox-filter').selectOption('');
    await expect(row).toBeVisible();
    await expectNoSeriousA11yViolations(lk, testInfo, 'lenkungskreis-inbox');
    await saveScreenshot(lk, testInfo, 'lenkungskreis-inbox.png');

    // The draft: the latest frozen version, both versions with their hashes, the comparison.
    await row.getByTestId('lk-inbox-open').click();
    await expect(lk.getByTestId('lk-draft-title')).toHaveText(seeded.title);
    await expect(lk).toHaveTitle(new RegExp(`^${seeded.title} – Lenkungskreis – Werkraum$`));
    await expect(lk.getByTestId('lk-version-hash')).toHaveText([hash2.slice(0, 12), hash1.slice(0, 12)]);
    await expect(lk.getByTestId('content-timeline')).toContainText('Erster Bericht an den Lenkungskreis');
    await expect(lk.getByTestId('compare-result')).toHaveAttribute('data-loaded', 'true');
    await expect(lk.getByTestId('compare-field')).toHaveCount(1);
    await expect(lk.getByTestId('compare-field')).toHaveAttribute('data-field', 'timeline');
    // An older version can be read; the page says which one is deliberated.
    await lk.locator('[data-testid="lk-version"][data-version="1"]').getByTestId('lk-version-show').click();
    await expect(lk.getByTestId('content-timeline')).not.toContainText('Erster Bericht');
    await expect(lk.getByText('Sie sehen Fassung 1.')).toBeVisible();
    await lk.locator('[data-testid="lk-version"][data-version="2"]').getByTestId('lk-version-show').click();
    await expect(lk.getByTestId('content-timeline')).toContainText('Erster Bericht an den Lenkungskreis');
    // Only "take into deliberation" is offered before the deliberation.
    await expect(lk.getByTestId('content-verbindlichkeitsstufe-value')).toContainText('Stufe 3');
    await expect(lk.getByTestId('content-indicators-table')).toContainText('Übergangsquote in Ausbildung');
    await expect(lk.getByTestId('content-measures-leistungen')).toContainText('Praktikumsbörse aufbauen');
    await expect(lk.getByTestId('lk-decision-form')).toHaveCount(0);
    // A second tab of the member, opened before the deliberation starts, goes stale.
    const stale = await lkCtx.newPage();
    await stale.goto(lk.url());
    await expect(stale.getByTestId('lk-take-up')).toBeVisible();
    await lk.getByTestId('lk-take-up').click();
    await expect(lk.getByTestId('draft-status')).toHaveAttribute('data-status', 'in_beratung');
    await expect(lk.getByTestId('lk-take-up')).toHaveCount(0);
    // The stale tab's attempt is refused by the server (409), and the page says why.
    await stale.getByTestId('lk-take-up').click();
    await expect(stale.getByTestId('lk-action-error')).toContainText('im aktuellen Status der Vorlage nicht möglich');
    await stale.close();

    // Recording the decision: only the outcomes the server offers; the text starts as the proposal.
    const form = lk.getByTestId('lk-decision-form');
    await expect(form.locator('input[type=radio]')).toHaveCount(5);
    await expect(form.getByTestId('lk-decision-text')).toHaveValue(/beschließt:\n- die Praktikumsbörse/);
    // A changed resolution needs its text: the form says so before anything is sent.
    await form.getByTestId('lk-outcome-geaendert_beschlossen').check();
    await form.getByTestId('lk-decision-text').fill('');
    await form.getByTestId('lk-decision-submit').click();
    await expect(form.getByTestId('lk-decision-text')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('lk-decision-text')).toBeFocused();
    await form.getByTestId('lk-decision-text').fill('Der Lenkungskreis Bildung beschließt den Aufbau der Praktikumsbörse.');
    await form.getByTestId('lk-outcome-beschlossen').check();
    await form.getByTestId('lk-decision-date').fill('2026-12-10');
    await form.getByTestId('lk-decision-conditions').fill('Bericht nach einem Jahr');
    await form.getByTestId('lk-decision-submit').click();

    await expect(lk.getByTestId('draft-status')).toHaveAttribute('data-status', 'beschlossen');
    const record = lk.getByTestId('lk-decision-record');
    await expect(record.getByTestId('lk-record-outcome')).toHaveText('beschlossen');
    await expect(record.getByTestId('lk-record-date')).toHaveText('10. Dezember 2026');
    await expect(record.getByTestId('lk-record-text')).toHaveText('Der Lenkungskreis Bildung beschließt den Aufbau der Praktikumsbörse.');
    await expect(record.getByTestId('lk-record-conditions')).toHaveText('Bericht nach einem Jahr');
    await expect(lk.getByTestId('lk-no-action')).toContainText('abschließend entschieden');
    await expect(lk.getByTestId('lk-decision-form')).toHaveCount(0);

    // A comment.
    await lk.getByTestId('lk-comment-text').fill('Bitte Kostenträger ab 2028 klären.');
    await lk.getByTestId('lk-comment-submit').click();
    await expect(lk.getByTestId('lk-comment')).toContainText('Bitte Kostenträger ab 2028 klären.');

    // The audit log lists every step, with who and the version's hash.
    const audit = lk.getByTestId('lk-audit-row');
    await expect.poll(() => audit.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual([
      'created',
      'handed_over',
      'handed_over',
      'status_changed',
      'decision_recorded',
      'commented',
    ]);
    await expect(lk.locator('[data-testid="lk-audit-row"][data-action="handed_over"]')).toHaveText([new RegExp(hash1.slice(0, 12)), new RegExp(hash2.slice(0, 12))]);
    await expect(lk.locator('[data-testid="lk-audit-row"][data-action="status_changed"]')).toContainText('Dr. Weber');
    await expect(lk.locator('[data-testid="lk-audit-row"][data-action="decision_recorded"]')).toContainText('beschlossen');

    // DOCX export of the latest version (the session side's ExportMenu, with the member's token).
    await lk.getByTestId('decision-export-format').selectOption('docx');
    await expect(lk.getByTestId('decision-export-version')).toHaveValue('2');
    const downloadPromise = lk.waitForEvent('download');
    await lk.getByTestId('decision-export-submit').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^Beschlussvorlage-LK-\d{4}-\d{3}-Fassung-2\.docx$/);
    await expect(lk.getByTestId('decision-export-done')).toBeVisible();

    await expectNoSeriousA11yViolations(lk, testInfo, 'lenkungskreis-draft');
    await saveScreenshot(lk, testInfo, 'lenkungskreis-decision.png');

    await modCtx.close();
    await lkCtx.close();
  });

  test('a revoked member loses access; an invitation link without code explains itself', async ({ browser }) => {
    const modCtx = await browser.newContext();
    const mod = await modCtx.newPage();
    await loginAsModerator(mod);
    const link = await createInvitationInUi(mod, 'Kämmerei');

    const lkCtx = await browser.newContext();
    const lk = await lkCtx.newPage();
    await redeemInvitation(lk, link, 'Herr Kaya');

    await mod.reload();
    const member = mod.getByTestId('lk-member').filter({ hasText: 'Herr Kaya' });
    await member.getByTestId('lk-member-revoke').click();
    // Confirmation first; cancelling keeps the member.
    await mod.getByTestId('lk-admin-confirm-cancel').click();
    await expect(member).toHaveAttribute('data-revoked', 'false');
    await member.getByTestId('lk-member-revoke').click();
    await mod.getByTestId('lk-admin-confirm-confirm').click();
    await expect(member).toHaveAttribute('data-revoked', 'true');

    await lk.reload();
    await expect(lk.getByTestId('lk-no-access')).toContainText('widerrufen');

    await lk.goto('/lenkungskreis/einladung');
    await expect(lk.getByTestId('lk-join-error')).toContainText('unvollständig');

    // In English, from the same locale files.
    await lk.evaluate(() => localStorage.setItem('werkraum.lang', 'en'));
    await lk.goto('/lenkungskreis');
    await expect(lk.getByTestId('lk-no-access')).toContainText('Access by invitation only');
    await expect(lk).toHaveTitle('Steering committee drafts – Werkraum');
    await modCtx.close();
    await lkCtx.close();
  });
});
