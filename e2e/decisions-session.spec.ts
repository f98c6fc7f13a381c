/**
 * Decision drafts in the session room, end to end against the real server: a moderator builds a
 * draft from consensus outcomes (a priority topic and the Konsenscheck on it), co-edits it with a
 * participant in another browser context, fills what the completeness check demands, hands it
 * over, compares version 1 with the live draft, exports it, and sees the Lenkungskreis's decision
 * arrive without a reload.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addTestStyle, watchCsp } from './helpers/csp';
import { waitForBoardDoc } from './helpers/boards';
import { addPriorityTopic, closedKonsenscheck, expectRowsInside, lenkungskreisDecides, openDecisions, proseText } from './helpers/decisions';
import { expectNoSeriousA11yViolationsIn, moderatedRoom, modTab, saveShot, waitForSessionState } from './helpers/moderation';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

/** A screenshot for the report (not for docs/): the views at other widths, to look at. */
async function shotTo(target: Locator, path: string): Promise<string> {
  await target.screenshot({ path, animations: 'disabled' });
  return path;
}

test.describe('Beschlussentwürfe in the session', () => {
  test('draft from consensus, live co-editing, hand-over, comparison, export and the decision coming back', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const room = await moderatedRoom(browser, { names: ['Paula Kita', 'Jonas Schule'] });
    const { moderator, session } = room;
    const [paula, jonas] = room.participants as [typeof moderator, typeof moderator];
    // Editors, comparison and exports must work under the server's Content-Security-Policy.
    const csp = await Promise.all([moderator, paula, jonas].map((p) => watchCsp(p.context())));
    try {
      // Consensus items: a priority topic, and a closed Konsenscheck on it with a marked outcome.
      const topicId = await addPriorityTopic(moderator, session.id, 'Übergang Kita–Grundschule');
      await waitForSessionState(moderator);
      await closedKonsenscheck(moderator, [paula, jonas], {
        title: 'Konsenscheck Schwerpunkt',
        label: 'Übergang Kita–Grundschule',
        source: { board: 'priorities', itemId: topicId },
      });

      // Jonas keeps the list open the whole time: it must follow every status change live.
      await openDecisions(jonas);
      await expect(jonas.getByTestId('decision-list-empty')).toBeVisible();
      await expect(jonas.getByTestId('decision-new')).toHaveCount(0);

      // The moderator creates a draft from the picked items (checkbox by keyboard and by click).
      await openDecisions(moderator);
      await moderator.getByTestId('decision-new').click();
      const picker = moderator.getByTestId('source-picker');
      await expect(picker).toBeVisible();
      const topicOption = picker.locator(`[data-testid="source-option"][data-key="priorities:${topicId}"]`);
      await expect(topicOption).toBeVisible();
      await topicOption.focus();
      await moderator.keyboard.press('Space');
      await expect(topicOption).toBeChecked();
      const roundGroup = picker.getByTestId('source-group-rounds');
      await expect(roundGroup).toContainText('Konsenscheck Schwerpunkt');
      await expect(roundGroup).toContainText('Konsens mit Bedenken');
      await roundGroup.getByTestId('source-option').first().check();
      await expect(picker.getByTestId('source-picker-count')).toHaveText('2 ausgewählt');
      await picker.getByTestId('source-picker-title').fill('Übergang Kita–Grundschule gestalten');
      await picker.getByTestId('source-picker-submit').click();
      await expect(picker).toBeHidden();
      await expect(moderator).toHaveURL(/\/beschluesse\/[^/]+$/);
      const draftId = decodeURIComponent(new URL(moderator.url()).pathname.split('/').pop()!);
      await expect(moderator.getByTestId('decision-draft-title')).toHaveText('Übergang Kita–Grundschule gestalten');

      // The topic row links back to its source and carries its consensus record.
      const topicRow = moderator.getByTestId('rows-topics').getByTestId('decision-row-provenance').first();
      await expect(topicRow.getByTestId('decision-source-link')).toContainText('Übergang Kita–Grundschule');
      await expect(topicRow.getByTestId('decision-source-link')).toHaveAttribute('data-source', `priorities:${topicId}`);
      const record = topicRow.getByTestId('decision-consensus');
      await expect(record).toHaveCount(1);
      await expect(record).toHaveAttribute('data-method', 'konsenscheck');
      await expect(record).toContainText('1 Zustimmung, 1 leichte Bedenken, 0 schwere Bedenken, 0 Veto');
      await expect(record).toContainText('2 Personen beteiligt');
      await expect(record).toContainText('1 Einwand');
      await expect(record).toContainText('Ergebnis: Konsens mit Bedenken');
      await expect(record).toContainText('Personal klären');

      // Jonas's list shows the new draft without a reload.
      await expect(jonas.getByTestId('decision-list-item')).toHaveCount(1);
      await expect(jonas.getByTestId('decision-list-item').getByTestId('decision-status')).toHaveAttribute('data-status', 'entwurf');

      // Paula opens the draft; the moderator types into the Beschlussvorschlag and she sees it arrive.
      await openDecisions(paula);
      await paula.getByTestId('decision-list-open').first().click();
      await expect(paula.getByTestId('decision-editor')).toBeVisible();
      const modProposal = moderator.getByTestId('decision-beschlussvorschlag');
      await expect(modProposal).toContainText('beschließt');
      await modProposal.click();
      await moderator.keyboard.press('ControlOrMeta+End');
      await moderator.keyboard.press('Enter');
      await modProposal.pressSequentially('Die Umsetzung beginnt im Schuljahr 2027/28.', { delay: 10 });
      await expect(paula.getByTestId('decision-beschlussvorschlag')).toContainText('Die Umsetzung beginnt im Schuljahr 2027/28.');
      await expect.poll(() => proseText(paula, draftId, 'beschlussvorschlag')).toContain('Schuljahr 2027/28');

      // The moderation locks the drafts: Paula reads, the moderator still edits; then unlocks.
      await modTab(moderator, 'locks');
      await moderator.getByTestId('lock-toggle-decisions').check();
      await expect(paula.getByTestId('lock-banner')).toHaveAttribute('data-doc', 'decisions');
      await expect(paula.getByTestId('decision-editor')).toHaveAttribute('data-readonly', 'true');
      await expect(paula.getByTestId('decision-beschlussvorschlag')).toHaveAttribute('contenteditable', 'false');
      await expect(paula.getByTestId('rows-costs-add')).toHaveCount(0);
      await expect(moderator.getByTestId('decision-editor')).toHaveAttribute('data-readonly', 'false');
      await moderator.getByTestId('lock-toggle-decisions').uncheck();
      await expect(paula.getByTestId('decision-editor')).toHaveAttribute('data-readonly', 'false');
      await expect(paula.getByTestId('lock-banner')).toHaveCount(0);

      // The completeness check: the Verbindlichkeitsstufe is missing and blocks the hand-over.
      const check = moderator.getByTestId('decision-check');
      await expect(check).toHaveAttribute('data-blocking', '1');
      await expect(check.getByTestId('decision-check-summary')).toContainText('1 blockierend');
      const blocking = check.locator('[data-testid="decision-finding"][data-severity="blocking"]');
      await expect(blocking).toHaveAttribute('data-finding', 'verbindlichkeitsstufe_missing');
      await expect(blocking).toContainText('Die Verbindlichkeitsstufe ist nicht gewählt.');
      await moderator.getByTestId('decision-handover').click();
      const handover = moderator.getByTestId('handover-dialog');
      await expect(handover.getByTestId('handover-blocked')).toBeVisible();
      await expect(handover.getByTestId('handover-submit')).toBeDisabled();
      await handover.getByTestId('handover-dialog-close').click();
      await expect(handover).toBeHidden();

      // "Zum Feld" jumps to the choice; the moderator picks Stufe 3 and the block is gone.
      await blocking.getByRole('button').click();
      await expect(moderator.getByTestId('decision-verbindlichkeitsstufe-lose_koordination')).toBeFocused();
      await moderator.getByTestId('decision-verbindlichkeitsstufe-vertragliche_kooperation').check();
      await expect(check).toHaveAttribute('data-blocking', '0');
      await expect(paula.getByTestId('decision-verbindlichkeitsstufe-vertragliche_kooperation')).toBeChecked();
      // A cost estimate as a table row, typed in German notation.
      await moderator.getByTestId('rows-costs-add').click();
      await moderator.getByTestId('rows-costs-label').first().fill('Koordinierungsstelle');
      await moderator.getByTestId('rows-costs-amountEur').first().fill('45.000,50');
      await moderator.getByTestId('rows-costs-category').first().selectOption('personal');
      await expect(check.locator('[data-finding="no_cost_estimate"]')).toHaveCount(0);
      await expect(paula.getByTestId('rows-costs-label').first()).toHaveValue('Koordinierungsstelle');

      // The Vorlage's header by keyboard: "Zum Feld" leads to the missing Federführung, the
      // Öffentlichkeit changes with the arrow keys, an Anlage gets a link; Paula sees it all.
      const federfuehrung = check.locator('[data-finding="federfuehrung_missing"]');
      await expect(federfuehrung).toHaveAttribute('data-severity', 'warning');
      await federfuehrung.getByRole('button').click();
      await expect(moderator.getByTestId('decision-federfuehrung')).toBeFocused();
      await moderator.keyboard.type('Bildungsbüro');
      await expect(federfuehrung).toHaveCount(0);
      await expect(paula.getByTestId('decision-federfuehrung')).toHaveValue('Bildungsbüro');
      await expect(moderator.getByTestId('decision-oeffentlichkeit-oeffentlich')).toBeChecked();
      await moderator.getByTestId('decision-oeffentlichkeit-oeffentlich').focus();
      await moderator.keyboard.press('ArrowDown');
      await expect(paula.getByTestId('decision-oeffentlichkeit-nichtoeffentlich')).toBeChecked();
      // The Beratungsfolge came with the draft: the Gremium deciding.
      await expect(moderator.getByTestId('rows-beratungsfolge-gremium')).toHaveCount(1);
      await expect(moderator.getByTestId('rows-beratungsfolge-gremium')).toHaveValue('Lenkungskreis Bildung');
      await expect(moderator.getByTestId('rows-beratungsfolge-zustaendigkeit')).toHaveValue('entscheidung');
      await moderator.getByTestId('rows-anlagen-add').focus();
      await moderator.keyboard.press('Enter');
      await moderator.getByTestId('rows-anlagen-title').first().fill('Zielbaum der Konferenz');
      const link = moderator.getByTestId('rows-anlagen-link').first();
      await link.fill('javascript:alert(1)');
      await expect(link).toHaveAttribute('aria-invalid', 'true');
      await link.fill('https://example.org/zielbaum.pdf');
      await expect(link).not.toHaveAttribute('aria-invalid', 'true');
      await expect(paula.getByTestId('rows-anlagen-link').first()).toHaveValue('https://example.org/zielbaum.pdf');

      await expectNoSeriousA11yViolationsIn(moderator, testInfo, '[data-testid="decisions-area"]', 'decision-editor');
      // Sticky editor toolbars would land wherever the page happens to be scrolled.
      // (So would the sticky completeness check of a whole-element shot: the README shows the screen.)
      await addTestStyle(moderator, '.wr-toolbar { position: static !important; }');
      // Clicks of the test scrolled the side column by itself; a person arriving sees its top.
      await moderator.locator('.wr-dec-workspace__side').evaluate((el) => el.scrollTo(0, 0));
      await moderator.getByTestId('decisions-area').evaluate(async (el) => {
        window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 16, behavior: 'instant' });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
      await saveShot(moderator, testInfo, 'decision-draft.png');

      // Hand-over: version 1 with its content hash, listed for everyone.
      await moderator.getByTestId('decision-handover').click();
      await expect(handover.getByTestId('handover-submit')).toBeEnabled();
      await handover.getByTestId('handover-note').fill('Bitte in der Dezembersitzung beraten.');
      await handover.getByTestId('handover-submit').click();
      const done = handover.getByTestId('handover-done');
      await expect(done).toContainText('Version 1 wurde übergeben.');
      const hash = await done.getAttribute('data-hash');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      await expect(done).toContainText(hash!.slice(0, 12));
      await handover.getByTestId('handover-close').click();
      const v1 = moderator.locator('[data-testid="decision-version"][data-version="1"]');
      await expect(v1).toBeVisible();
      await expect(v1).toContainText(hash!.slice(0, 12));
      await expect(v1).toContainText('Bitte in der Dezembersitzung beraten.');
      await expect(paula.locator('[data-testid="decision-version"][data-version="1"]')).toBeVisible();
      await expect(jonas.getByTestId('decision-list-item').getByTestId('decision-status')).toHaveAttribute('data-status', 'uebergeben');
      await expect(jonas.getByTestId('decision-list-item')).toContainText('Version 1');

      // Edit again, then compare version 1 with the current state.
      await modProposal.click();
      await moderator.keyboard.press('ControlOrMeta+End');
      await modProposal.pressSequentially(' Ein Bericht folgt nach einem Jahr.', { delay: 10 });
      const compare = moderator.getByTestId('version-compare');
      await expect(compare.getByTestId('compare-from')).toHaveValue('1');
      await expect(compare.getByTestId('compare-to')).toHaveValue('current');
      const proposalChange = compare.locator('[data-testid="compare-field"][data-field="beschlussvorschlag"]');
      await expect(proposalChange.getByTestId('compare-ins')).toContainText('Bericht', { timeout: 15_000 });
      await saveShot(compare, testInfo, 'decision-compare.png');
      // On a phone, both sides of the comparison stack and nothing sticks out of the area.
      await moderator.setViewportSize({ width: 390, height: 844 });
      // The comparison of the current state re-renders when it is fetched again: measure with retries.
      const sides = proposalChange.locator('.wr-dec-compare__side');
      await expect(sides).toHaveCount(2);
      await expect
        .poll(async () => {
          const [from, to] = await Promise.all([sides.nth(0).boundingBox(), sides.nth(1).boundingBox()]);
          return from && to ? to.y - from.y : -1;
        })
        .toBeGreaterThan(0);
      await expectRowsInside(moderator, '[data-testid="decisions-area"]');
      await testInfo.attach('decision-compare-390.png', { path: await shotTo(compare, testInfo.outputPath('decision-compare-390.png')), contentType: 'image/png' });
      await moderator.setViewportSize({ width: 1440, height: 1000 });

      // DOCX export of version 1: a job with progress, then the download.
      const exportBox = moderator.getByTestId('decision-export');
      await expect(exportBox.getByTestId('decision-export-version')).toHaveValue('1');
      const downloadPromise = moderator.waitForEvent('download');
      await exportBox.getByTestId('decision-export-submit').click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      await expect(exportBox.getByTestId('decision-export-done')).toContainText('.docx');

      // The Lenkungskreis deliberates and decides (HTTP API); the room shows it without a reload.
      await lenkungskreisDecides(moderator.context().request, draftId, { outcome: 'beschlossen', decidedOn: '2026-12-10', conditions: 'Bericht nach einem Jahr' });
      for (const page of [moderator, paula]) {
        const decision = page.getByTestId('decision-record');
        await expect(decision).toHaveAttribute('data-outcome', 'beschlossen', { timeout: 15_000 });
        await expect(decision).toContainText('10. Dezember 2026');
        await expect(decision).toContainText('Bericht nach einem Jahr');
        await expect(decision.getByTestId('decision-record-resolution')).toContainText('Schuljahr 2027/28');
        await expect(page.getByTestId('decision-draft')).toHaveAttribute('data-status', 'beschlossen');
      }
      // A decided draft is no longer editable.
      await expect(paula.getByTestId('decision-editor')).toHaveAttribute('data-readonly', 'true');
      await expect(jonas.getByTestId('decision-list-item').getByTestId('draft-decision')).toHaveAttribute('data-outcome', 'beschlossen');
      await expect(jonas.getByTestId('decision-list-item')).toContainText('beschlossen am 10. Dezember 2026');
      // The list on a phone: every column reachable inside the area.
      await jonas.setViewportSize({ width: 390, height: 844 });
      // Each reachable by scrolling the page, none cut off by the area (the phone's list item is taller than a screen row).
      await jonas.getByTestId('decision-list-open').scrollIntoViewIfNeeded();
      await expect(jonas.getByTestId('decision-list-open')).toBeInViewport({ ratio: 1 });
      await jonas.getByTestId('decision-list-item').getByTestId('draft-decision').scrollIntoViewIfNeeded();
      await expect(jonas.getByTestId('decision-list-item').getByTestId('draft-decision')).toBeInViewport({ ratio: 1 });
      await expectRowsInside(jonas, '[data-testid="decisions-area"]');
      await testInfo.attach('decision-list-390.png', { path: await shotTo(jonas.getByTestId('decisions-area'), testInfo.outputPath('decision-list-390.png')), contentType: 'image/png' });
      for (const watch of csp) expect(await watch.violations()).toEqual([]);
    } finally {
      await room.close();
    }
  });

  test('sources added later, a vanished source refused clearly, and an observer reading in English', async ({ browser }) => {
    test.setTimeout(180_000);
    const room = await moderatedRoom(browser, { names: ['Lena Lehrerin'] });
    const { moderator, session } = room;
    const [lena] = room.participants as [typeof moderator];
    const observerCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    try {
      const kitaId = await addPriorityTopic(moderator, session.id, 'Sprachförderung in der Kita');
      const ganztagId = await addPriorityTopic(moderator, session.id, 'Ganztag an Grundschulen');
      const elternId = await addPriorityTopic(moderator, session.id, 'Elternarbeit stärken');
      await waitForSessionState(moderator);
      await closedKonsenscheck(moderator, [lena], { title: 'Konsenscheck Ganztag', label: 'Ganztag an Grundschulen', source: { board: 'priorities', itemId: ganztagId } });

      // A draft from one topic, without a title: Werkraum suggests one.
      await openDecisions(moderator);
      await moderator.getByTestId('decision-new').click();
      const picker = moderator.getByTestId('source-picker');
      await picker.locator(`[data-testid="source-option"][data-key="priorities:${kitaId}"]`).check();
      await picker.getByTestId('source-picker-submit').click();
      await expect(picker).toBeHidden();
      await expect(moderator.getByTestId('rows-topics').getByTestId('rows-topics-row')).toHaveCount(1);
      const draftId = decodeURIComponent(new URL(moderator.url()).pathname.split('/').pop()!);

      // "Quellen hinzufügen": the closed round's option brings its topic and consensus record.
      await moderator.getByTestId('decision-add-sources').click();
      await expect(picker).toBeVisible();
      await picker.getByTestId('source-group-rounds').getByTestId('source-option').first().check();
      await picker.getByTestId('source-picker-submit').click();
      await expect(picker).toBeHidden();
      const rows = moderator.getByTestId('rows-topics').getByTestId('rows-topics-row');
      await expect(rows).toHaveCount(2);
      await expect(moderator.getByTestId('rows-topics-title').nth(1)).toHaveValue('Ganztag an Grundschulen');
      const ganztag = moderator.getByTestId('rows-topics').getByTestId('decision-row-provenance').nth(1);
      await expect(ganztag.getByTestId('decision-source-link')).toHaveAttribute('data-source', `priorities:${ganztagId}`);
      await expect(ganztag.getByTestId('decision-consensus')).toContainText('Konsenscheck');
      // The link leads to the source's board inside the room (and back again).
      await ganztag.getByTestId('decision-source-link').click();
      await expect(moderator).toHaveURL(new RegExp(`/s/${session.id}/b/priorities$`));
      await expect(moderator.getByTestId('board-priorities')).toBeVisible();
      await moderator.goBack();
      await expect(moderator.getByTestId('decision-editor')).toBeVisible();

      // A source deleted on the board while the picker is open: the server refuses it, and says so.
      await moderator.getByTestId('decision-add-sources').click();
      const eltern = picker.locator(`[data-testid="source-option"][data-key="priorities:${elternId}"]`);
      await eltern.check();
      await lena.goto(`/s/${session.id}/b/priorities`);
      await waitForBoardDoc(lena, 'priorities');
      await lena.getByTestId('priority-item').nth(2).getByTestId('priority-delete').click();
      // The topic is the moderator's: deleting it asks first.
      await lena.getByTestId('delete-confirm-confirm').click();
      await expect(eltern).toHaveCount(0);
      await expect(picker.getByTestId('source-picker-count')).toHaveText('1 ausgewählt');
      await picker.getByTestId('source-picker-submit').click();
      await expect(picker.getByTestId('source-picker-error')).toHaveText(/nicht mehr vorhanden/);
      await expect(picker).toBeVisible();
      await picker.getByTestId('source-picker-close').click();
      await expect(rows).toHaveCount(2);

      // An observer, in English: everything readable, nothing editable, no moderation actions.
      await observerCtx.addInitScript(() => localStorage.setItem('werkraum.lang', 'en'));
      const observer = await observerCtx.newPage();
      await joinByLink(observer, session.observerCode, 'Council member Meier');
      await waitForConnected(observer);
      await openDecisions(observer);
      await expect(observer.getByTestId('decisions-area').getByRole('heading', { level: 2 })).toHaveText('Decision drafts');
      await expect(observer.getByTestId('decision-list')).toContainText('Reference no.');
      await expect(observer.getByTestId('decision-new')).toHaveCount(0);
      await expect(observer.getByTestId('protokoll-export')).toHaveCount(0);
      await observer.getByTestId('decision-list-open').click();
      await expect(observer).toHaveURL(new RegExp(`/beschluesse/${draftId}$`));
      const editor = observer.getByTestId('decision-editor');
      await expect(editor).toHaveAttribute('data-readonly', 'true');
      await expect(editor).toContainText('Proposed resolution');
      await expect(observer.getByTestId('decision-beschlussvorschlag')).toHaveAttribute('contenteditable', 'false');
      await expect(observer.getByTestId('decision-title')).toHaveAttribute('readonly', '');
      await expect(observer.getByTestId('rows-topics-add')).toHaveCount(0);
      await expect(observer.getByTestId('decision-handover')).toHaveCount(0);
      await expect(observer.getByTestId('decision-add-sources')).toHaveCount(0);
      await expect(observer.getByTestId('decision-check-summary')).toContainText('blocking');
      await expect(observer.getByTestId('decision-export')).toContainText('Export');
    } finally {
      await observerCtx.close();
      await room.close();
    }
  });
  test('rows fit the editor at 1920, 1280, 960 and 390 px; undo and redo touch only the own edits', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const room = await moderatedRoom(browser, { names: ['Paula Kita'] });
    const { moderator, session } = room;
    const [paula] = room.participants as [Page];
    try {
      const longTitle = 'Übergang Kita–Grundschule gemeinsam gestalten: Sprachstand, Elternarbeit und Ganztag abstimmen';
      await addPriorityTopic(moderator, session.id, longTitle);
      await waitForSessionState(moderator);
      await openDecisions(moderator);
      await moderator.getByTestId('decision-new').click();
      const picker = moderator.getByTestId('source-picker');
      await picker.getByTestId('source-option').first().check();
      await picker.getByTestId('source-picker-title').fill('Übergang Kita–Grundschule');
      await picker.getByTestId('source-picker-submit').click();
      await expect(picker).toBeHidden();
      const editor = moderator.getByTestId('decision-editor');
      await expect(moderator.getByTestId('rows-topics-title').first()).toHaveValue(longTitle);
      // A goal (seven fields) and a cost estimate with a long category.
      await moderator.getByTestId('rows-goals-add').click();
      await moderator.getByTestId('rows-goals-title').first().fill('Alle Kinder kommen mit ausreichenden Deutschkenntnissen in die Schule');
      await moderator.getByTestId('rows-costs-add').click();
      await moderator.getByTestId('rows-costs-category').first().selectOption('raum');
      await moderator.getByTestId('rows-costs-label').first().fill('Umbau eines Gruppenraums zum Sprachförderraum');

      for (const width of [1280, 1920, 960]) {
        await moderator.setViewportSize({ width, height: 800 });
        const column = (await editor.boundingBox())!;
        // Every row's action buttons lie inside the editor column, nothing in a row is clipped.
        for (const button of await editor.locator('[data-testid$="-delete"]').all()) {
          const box = (await button.boundingBox())!;
          expect(box.x, `delete button at ${width} px`).toBeGreaterThanOrEqual(column.x);
          expect(box.x + box.width, `delete button at ${width} px`).toBeLessThanOrEqual(column.x + column.width + 0.5);
        }
        await expectRowsInside(moderator, '[data-testid="decision-editor"]');
        // The long title wraps instead of being cut off.
        const title = moderator.getByTestId('rows-topics-title').first();
        expect(await title.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
        expect(await title.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        const jump = moderator.getByTestId('decision-check-jump');
        if (width >= 1280) {
          // The draft takes the room's whole width (the room's side column moves below it), so
          // the editor is wide and the check stands beside it, staying in view while the draft
          // scrolls past, with the versions' checksums uncut.
          expect(column.width, `editor width at ${width} px`).toBeGreaterThanOrEqual(800);
          await expect(jump).toBeHidden();
          const check = moderator.getByTestId('decision-check');
          expect((await check.boundingBox())!.x).toBeGreaterThan(column.x + column.width);
          await moderator.getByTestId('rows-costs-add').scrollIntoViewIfNeeded();
          await expect(check).toBeInViewport();
        } else {
          // Narrow: the check is below the editor, one button away from the top.
          await expect(jump).toContainText('blockierend');
          await jump.click();
          await expect(moderator.locator('#decision-check-heading')).toBeFocused();
          await expect(moderator.getByTestId('decision-check')).toBeInViewport();
        }
        await testInfo.attach(`decision-draft-${width}.png`, { path: await shotTo(moderator.getByTestId('decisions-area'), testInfo.outputPath(`decision-draft-${width}.png`)), contentType: 'image/png' });
      }

      // A phone: each row a card with its labelled fields, actions and provenance in view.
      await moderator.setViewportSize({ width: 390, height: 844 });
      const topic = moderator.getByTestId('rows-topics-row').first();
      await topic.scrollIntoViewIfNeeded();
      await expect(topic.locator('label').filter({ hasText: /^Titel/ })).toBeVisible();
      await expect(topic.getByTestId('rows-topics-title')).toBeInViewport();
      await expect(topic.getByLabel('Rolle der Kommune, Zeile 1')).toBeVisible();
      await expect(topic.getByTestId('rows-topics-delete')).toBeInViewport({ ratio: 1 });
      await expect(topic.getByTestId('decision-row-provenance')).toBeVisible();
      expect((await topic.boundingBox())!.x + (await topic.boundingBox())!.width).toBeLessThanOrEqual(390);
      await expectRowsInside(moderator, '[data-testid="decisions-area"]');
      await addTestStyle(moderator, '.wr-toolbar { position: static !important; }');
      await saveShot(topic, testInfo, 'decision-row-phone.png');
      await moderator.setViewportSize({ width: 1440, height: 1000 });

      // Undo and redo: the moderator's own row, while Paula adds a milestone at the same time.
      await openDecisions(paula);
      await paula.getByTestId('decision-list-open').first().click();
      await expect(paula.getByTestId('decision-editor')).toHaveAttribute('data-readonly', 'false');
      const modCosts = moderator.getByTestId('rows-costs-row');
      await moderator.getByTestId('rows-costs-add').click();
      await expect(modCosts).toHaveCount(2);
      await paula.getByTestId('rows-milestones-add').click();
      await paula.getByTestId('rows-milestones-title').first().fill('Auftakt mit den Kitas');
      await expect(moderator.getByTestId('rows-milestones-title').first()).toHaveValue('Auftakt mit den Kitas');
      await moderator.getByTestId('decision-undo').click();
      await expect(modCosts).toHaveCount(1);
      await expect(paula.getByTestId('rows-costs-row')).toHaveCount(1);
      await expect(moderator.getByTestId('decision-undo-announcer')).toHaveText('Rückgängig gemacht');
      await expect(moderator.getByTestId('rows-milestones-title').first()).toHaveValue('Auftakt mit den Kitas');
      await moderator.getByTestId('decision-redo').click();
      await expect(modCosts).toHaveCount(2);
      await expect(paula.getByTestId('rows-costs-row')).toHaveCount(2);

      // A field by keyboard: Ctrl+Z in the field undoes the change, Ctrl+Shift+Z and Ctrl+Y redo it.
      const label = moderator.getByTestId('rows-costs-label').nth(1);
      await label.fill('Fahrtkosten');
      await expect(paula.getByTestId('rows-costs-label').nth(1)).toHaveValue('Fahrtkosten');
      await label.press('ControlOrMeta+z');
      await expect(label).toHaveValue('');
      await expect(paula.getByTestId('rows-costs-label').nth(1)).toHaveValue('');
      await expect(modCosts).toHaveCount(2);
      await label.press('ControlOrMeta+Shift+z');
      await expect(label).toHaveValue('Fahrtkosten');
      await label.press('ControlOrMeta+z');
      await expect(label).toHaveValue('');
      await label.press('ControlOrMeta+y');
      await expect(label).toHaveValue('Fahrtkosten');
      // A choice, undone by keyboard from the radio group.
      await moderator.getByTestId('decision-verbindlichkeitsstufe-vertragliche_kooperation').check();
      await expect(paula.getByTestId('decision-verbindlichkeitsstufe-vertragliche_kooperation')).toBeChecked();
      await moderator.keyboard.press('ControlOrMeta+z');
      await expect(moderator.getByTestId('decision-verbindlichkeitsstufe-none')).toBeChecked();
      await expect(paula.getByTestId('decision-verbindlichkeitsstufe-none')).toBeChecked();

      // Paula's undo takes back her milestone title, not the moderator's cost label.
      await paula.getByTestId('decision-undo').click();
      await expect(paula.getByTestId('rows-milestones-title').first()).toHaveValue('');
      await expect(moderator.getByTestId('rows-milestones-title').first()).toHaveValue('');
      await expect(paula.getByTestId('rows-milestones-row')).toHaveCount(1);
      await expect(moderator.getByTestId('rows-costs-label').nth(1)).toHaveValue('Fahrtkosten');
      await expect(modCosts).toHaveCount(2);

      await expectNoSeriousA11yViolationsIn(moderator, testInfo, '[data-testid="decisions-area"]', 'decision-editor-undo');
    } finally {
      await room.close();
    }
  });
});
