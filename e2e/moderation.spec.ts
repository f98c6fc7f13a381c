import { expect, test } from '@playwright/test';
import {
  addAgendaItem,
  agendaItem,
  expectNoSeriousA11yViolationsIn,
  gotoAgendaItem,
  moderatedRoom,
  modTab,
  PHONE,
  saveShot,
  sendCommand,
  snapshot,
  timerSeconds,
} from './helpers/moderation';

test.describe('moderation', () => {
  test('agenda, follow-me, late joiners and one timer for everyone', async ({ browser }, testInfo) => {
    // Four browsers: ~20 s on a quiet machine, more when it is shared.
    test.setTimeout(240_000);
    const room = await moderatedRoom(browser, { names: ['Anna Schulamt', 'Bernd Jugendhilfe'], viewports: [undefined, PHONE] });
    const { moderator, session } = room;
    const [anna, bernd] = room.participants as [typeof moderator, typeof moderator];
    try {
      await addAgendaItem(moderator, { title: 'Ausgangslage analysieren', phase: 'wo_stehen_wir', board: 'swot', minutes: 20 });
      await addAgendaItem(moderator, { title: 'Schwerpunkte setzen', phase: 'wo_wollen_wir_hin', board: 'priorities', minutes: 15 });
      await expect(anna.getByTestId('current-item-none')).toBeVisible();

      // The moderator moves the session: everyone who follows goes along.
      await gotoAgendaItem(moderator, 'Ausgangslage analysieren');
      for (const page of [anna, bernd, moderator]) {
        await expect(page).toHaveURL(new RegExp(`/s/${session.id}/b/swot$`));
        await expect(page.getByTestId('current-item-title')).toHaveText('Ausgangslage analysieren');
        await expect(page.getByTestId('current-item-phase')).toContainText('Wo stehen wir?');
      }

      // Bernd stops following; the next move takes only Anna along.
      await bernd.getByTestId('follow-toggle').uncheck();
      await gotoAgendaItem(moderator, 'Schwerpunkte setzen');
      await expect(anna).toHaveURL(new RegExp(`/b/priorities$`));
      await expect(anna.getByTestId('follow-announcer')).toHaveText('Die Moderation ist jetzt bei „Schwerpunkte setzen“.');
      await expect(bernd.getByTestId('current-item-title')).toHaveText('Schwerpunkte setzen');
      await expect(bernd).toHaveURL(new RegExp(`/b/swot$`));
      // Following again goes to the current item at once.
      await bernd.getByTestId('follow-toggle').check();
      await expect(bernd).toHaveURL(new RegExp(`/b/priorities$`));

      // A late joiner lands on the current item.
      const carla = await room.join('Carla Kammer');
      await expect(carla).toHaveURL(new RegExp(`/b/priorities$`));
      await expect(carla.getByTestId('current-item-title')).toHaveText('Schwerpunkte setzen');

      // One server clock: the same remaining time everywhere (±1 s), also for the late joiner.
      await moderator.getByTestId('timer-start').click();
      await expect(anna.getByTestId('timer')).toHaveAttribute('data-status', 'running');
      await expect(carla.getByTestId('timer')).toHaveAttribute('data-status', 'running');
      await expect(anna.getByRole('timer')).toHaveText(/^1[45]:\d\d$/);
      const [a, c, b] = await Promise.all([anna, carla, bernd].map((p) => timerSeconds(p.getByTestId('timer-clock'))));
      expect(Math.abs(a! - c!)).toBeLessThanOrEqual(1);
      expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1);
      // Clock offsets come from ping samples, not only from the welcome timestamp.
      expect((await snapshot(anna))?.clock.rttMs).not.toBeNull();

      await moderator.getByTestId('timer-pause').click();
      await expect(anna.getByTestId('timer')).toHaveAttribute('data-status', 'paused');
      const paused = await timerSeconds(anna.getByTestId('timer-clock'));
      await moderator.getByTestId('timer-plus5').click();
      await expect.poll(() => timerSeconds(anna.getByTestId('timer-clock'))).toBe(paused + 300);
      await moderator.getByTestId('timer-reset').click();
      await expect(anna.getByTestId('timer-clock')).toHaveText('15:00');
      await expect(anna.getByTestId('timer')).toHaveAttribute('data-status', 'idle');

      // Reorder with the keyboard-reachable buttons; everyone sees the new position.
      await agendaItem(moderator, 'Schwerpunkte setzen').getByTestId('agenda-up').click();
      await expect(moderator.getByTestId('agenda-item').first()).toContainText('Schwerpunkte setzen');
      await expect(anna.getByTestId('current-item-phase')).toContainText('Tagesordnungspunkt 1 von 2');

      // Rename an item in place.
      await agendaItem(moderator, 'Ausgangslage analysieren').getByTestId('agenda-edit').click();
      await moderator.getByTestId('agenda-item').getByTestId('agenda-form-title').fill('Ausgangslage und Daten');
      await moderator.getByTestId('agenda-item').getByTestId('agenda-form-submit').click();
      await expect(agendaItem(moderator, 'Ausgangslage und Daten')).toBeVisible();

      // The end: a quiet visual signal and one announcement, on every device (a 2 s timer for the test).
      const itemId = (await snapshot(moderator))!.state!.currentItemId!;
      expect((await sendCommand(moderator, 'timer.start', { itemId, durationMs: 2000 })).ok).toBe(true);
      for (const p of [anna, carla]) {
        await expect(p.getByTestId('timer')).toHaveAttribute('data-status', 'ended');
        await expect(p.getByTestId('timer-announcer')).toHaveText('Die Zeit für diesen Punkt ist abgelaufen');
      }
      await expect(anna.getByTestId('timer-clock')).toHaveText('00:00');

      await moderator.getByTestId('timer-reset').click();
      await moderator.getByTestId('timer-start').click();
      await expect(moderator.getByTestId('timer')).toHaveAttribute('data-status', 'running');
      await expectNoSeriousA11yViolationsIn(moderator, testInfo, ['[data-testid="moderator-panel"]', '[data-testid="moderation-bar"]'], 'moderator-panel');
      await saveShot(moderator, testInfo, 'moderation.png');
    } finally {
      await room.close();
    }
  });

  test('speakers list, live roles, locks and removal', async ({ browser }, testInfo) => {
    test.setTimeout(90_000);
    const room = await moderatedRoom(browser, { names: ['Dora Bibliothek', 'Emil Verwaltung'] });
    const { moderator } = room;
    const [dora, emil] = room.participants as [typeof moderator, typeof moderator];
    try {
      // Wortmeldungen: in order, with one's own place; the moderator calls the next speaker.
      await dora.getByTestId('hand-raise').click();
      await expect(dora.getByTestId('hand-raise')).toHaveAttribute('aria-pressed', 'true');
      await emil.getByTestId('hand-raise').click();
      await expect(emil.getByTestId('hand-status')).toHaveText('Sie sind Nr. 2 von 2 auf der Redeliste.');
      await modTab(moderator, 'people');
      await expect(moderator.getByTestId('speakers-item')).toHaveText([/Dora Bibliothek/, /Emil Verwaltung/]);
      await moderator.getByTestId('speakers-next').click();
      await expect(dora.getByTestId('hand-status')).toHaveText('Sie haben das Wort.');
      await expect(emil.getByTestId('hand-status')).toHaveText('Sie sind Nr. 1 von 1 auf der Redeliste.');
      await expect(moderator.getByTestId('speakers-current')).toHaveText(/^Das Wort hat: Dora Bibliothek\s*spricht seit \d{2}:\d{2}$/);
      await expectNoSeriousA11yViolationsIn(moderator, testInfo, '[data-testid="moderator-panel"]', 'moderator-panel-people');

      // A lock makes the notes read-only for participants, with a banner.
      await modTab(moderator, 'locks');
      await moderator.getByTestId('lock-toggle-notes').check();
      await expect(dora.getByTestId('lock-banner')).toBeVisible();
      await expect(dora.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'false');
      await expect(moderator.getByTestId('lock-banner')).toContainText('Als Moderation können Sie weiter bearbeiten');
      await moderator.getByTestId('lock-toggle-notes').uncheck();
      await expect(dora.getByTestId('lock-banner')).toHaveCount(0);
      await expect(dora.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'true');

      // Live role change: Emil observes now (no hand raise), then is removed after a confirmation.
      await modTab(moderator, 'people');
      const emilRow = moderator.getByTestId('participant-row').filter({ hasText: 'Emil Verwaltung' });
      await emilRow.getByTestId('participant-role').selectOption('observer');
      await expect(emil.getByTestId('hand-raise')).toHaveCount(0);
      await expect.poll(async () => (await snapshot(emil))?.self?.role).toBe('observer');
      await emilRow.getByTestId('participant-remove').click();
      await moderator.getByTestId('participant-remove-dialog-cancel').click();
      await expect(emilRow).toBeVisible();
      await emilRow.getByTestId('participant-remove').click();
      await moderator.getByTestId('participant-remove-dialog-confirm').click();
      await expect(emil.getByText('Ihr Zugang wurde von der Moderation geändert oder entzogen.')).toBeVisible();
    } finally {
      await room.close();
    }
  });
});
