/**
 * The projector ("Beamer-Ansicht") in a room of a hundred: a moderator's browser steers, a projector
 * context at 1920×1080 (then 1280×720) follows item → board → vote progress → result, and 99
 * scripted participants (socket.io and Yjs clients from the runner, no browsers) are present on the
 * board, vote and ask to speak. Nothing
 * on the projector is cut off: the boxes of the title, the result rows, the least-resistance line,
 * the join code and the QR lie inside the viewport. The projector is counted nowhere.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { saveScreenshot } from './helpers/boards';
import { E2E_ADMIN } from './helpers/env';
import { moderatedRoom, sendCommand, snapshot } from './helpers/moderation';
import { scriptedRoom, type ScriptedParticipant } from './helpers/scripted';
import { openScriptedDoc, seedSwotCards, type ScriptedDoc } from './helpers/seed';

/** Scripted participants; with the moderator the room holds a hundred. */
const ROOM = 99;

async function expectInside(page: Page, locator: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const count = await locator.count();
  expect(count, `${what} present`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = await locator.nth(i).boundingBox();
    expect(box, `${what} #${i} has a box`).not.toBeNull();
    expect(box!.x, `${what} #${i} left`).toBeGreaterThanOrEqual(0);
    expect(box!.y, `${what} #${i} top`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what} #${i} right`).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box!.y + box!.height, `${what} #${i} bottom`).toBeLessThanOrEqual(viewport.height + 0.5);
  }
}

async function expectResultInside(projector: Page): Promise<void> {
  await expectInside(projector, projector.getByTestId('beamer-item'), 'item title');
  await expectInside(projector, projector.getByTestId('beamer-result').locator('.wr-result__title'), 'result title');
  await expectInside(projector, projector.getByTestId('beamer-result').locator('.wr-resist__row'), 'result rows');
  await expectInside(projector, projector.getByTestId('beamer-result').locator('.wr-resist__row--sq'), 'status-quo row');
  await expectInside(projector, projector.getByTestId('result-verdict'), 'least-resistance line');
  await expectInside(projector, projector.getByTestId('session-join-code'), 'join code');
  await expectInside(projector, projector.getByTestId('beamer-qr'), 'QR code');
  // Nothing scrolls: the page is exactly one screen.
  const overflow = await projector.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the projector follows the room: item, board, vote progress and result, fitted at 1920×1080 and 1280×720', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const room = await moderatedRoom(browser, { names: [] });
  const { session, moderator } = room;
  let people: ScriptedParticipant[] = [];
  const boards: ScriptedDoc[] = [];
  const projectorCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    people = await scriptedRoom(session.joinCode, ROOM);
    // A SWOT board with cards, written by one of them.
    const swot = await openScriptedDoc(people[0]!.join, people[0]!.join.docs.swot);
    seedSwotCards(swot, 10, 'Befund');
    await swot.flushed();
    swot.close();
    // Everyone is on the board, as a browser would be: a Yjs connection with awareness.
    for (let i = 0; i < people.length; i += 10) {
      const batch = people.slice(i, i + 10).map(async (p, j) => {
        const d = await openScriptedDoc(p.join, p.join.docs.swot);
        d.provider.awareness.setLocalStateField('user', { id: p.join.participantId, name: p.join.displayName, color: `hsl(${(i + j) * 37} 60% 40%)`, role: 'participant' });
        return d;
      });
      boards.push(...(await Promise.all(batch)));
    }

    const login = await projectorCtx.request.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
    expect(login.status()).toBe(200);
    const projector = await projectorCtx.newPage();
    await projector.goto(`/s/${session.id}/beamer`);
    await expect(projector.getByTestId('session-join-code')).toBeVisible();
    await expect(projector.getByTestId('beamer-qr').locator('svg')).toBeVisible();

    // The moderator opens an item: the projector shows it with its board.
    const added = (await sendCommand(moderator, 'agenda.add', {
      title: 'Stärken und Schwächen der Bildungslandschaft',
      phase: 'wo_stehen_wir',
      board: 'swot',
      plannedMinutes: 20,
    })) as { ok: boolean; itemId: string };
    expect(added.ok).toBe(true);
    await sendCommand(moderator, 'agenda.goto', { itemId: added.itemId });
    await expect(projector.getByTestId('beamer-item')).toHaveText('Stärken und Schwächen der Bildungslandschaft');
    await expect(projector.getByTestId('beamer-phase')).toContainText('Wo stehen wir?');
    await expect(projector.getByTestId('beamer-board')).toHaveAttribute('data-board', 'swot');
    await expect(projector.getByTestId('beamer-board').getByText('Befund 1', { exact: false }).first()).toBeVisible();
    // The timer shows only while it runs.
    await expect(projector.getByTestId('beamer-timer')).toHaveCount(0);
    await sendCommand(moderator, 'timer.start', { itemId: added.itemId });
    await expect(projector.getByTestId('beamer-timer')).toBeVisible();

    // Speakers: three hands, one called; the projector shows the speaker with a running time.
    for (const p of people.slice(1, 4)) await p.send('hand.raise', {});
    await sendCommand(moderator, 'speaker.configure', { turnMs: 120_000 });
    await sendCommand(moderator, 'speaker.next', {});
    await expect(projector.getByTestId('beamer-speaker-current')).toContainText('Teilnehmer 2');
    await expect(projector.getByTestId('beamer-speaker-queued')).toHaveCount(2);
    await expect(projector.getByTestId('beamer-speaker-time')).toContainText('/ 02:00');
    await expectInside(projector, projector.getByTestId('beamer-item'), 'item title');
    await expectInside(projector, projector.getByTestId('session-join-code'), 'join code');
    await expectInside(projector, projector.getByTestId('beamer-qr'), 'QR code');
    await saveScreenshot(projector, testInfo, 'beamer-board.png', { fullPage: false });

    // A vote opens: the projector shows the progress of the whole room.
    const opened = (await sendCommand(moderator, 'vote.open', {
      config: {
        method: 'widerstandsabfrage',
        title: 'Welche Maßnahme nehmen wir zuerst in Angriff?',
        agendaItemId: added.itemId,
        options: [
          { label: 'Sprachförderung in Kitas ausbauen' },
          { label: 'Übergang Schule–Beruf begleiten' },
          { label: 'Bildungsberatung für Erwachsene stärken' },
        ],
      },
    })) as { ok: boolean; round: { id: string; options: { id: string }[] } };
    expect(opened.ok).toBe(true);
    await expect(projector.getByTestId('beamer-progress')).toHaveText(`0 von ${ROOM} haben abgestimmt`);
    const voters = people.slice(0, 47);
    await Promise.all(
      voters.map((p, i) => {
        const resistance: Record<string, number> = {};
        for (const [j, o] of opened.round.options.entries()) resistance[o.id] = (i + j * 3) % 11;
        return p.send('vote.cast', { roundId: opened.round.id, ballot: { method: 'widerstandsabfrage', resistance } });
      }),
    );
    await expect(projector.getByTestId('beamer-progress')).toHaveText(`47 von ${ROOM} haben abgestimmt`);
    // The projector is nobody: not eligible, not in the participant list.
    const snap = await snapshot(moderator);
    expect(snap?.state?.rounds[0]?.eligible).toBe(ROOM);

    // The result, as the room sees it, fits the screen.
    await sendCommand(moderator, 'vote.close', { roundId: opened.round.id });
    await expect(projector.getByTestId('beamer-result')).toBeVisible();
    await expect(projector.getByTestId('result-verdict')).toBeVisible();
    await expect(projector.getByTestId('beamer-timer')).toBeVisible();
    await expectResultInside(projector);
    await saveScreenshot(projector, testInfo, 'beamer-result.png', { fullPage: false });
    await expectNoSeriousA11yViolations(projector, testInfo, 'beamer-result');

    // 1280×720: the same, smaller.
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect(async () => expectResultInside(projector)).toPass({ timeout: 10_000 });
    await testInfo.attach('beamer-result-720.png', { body: await projector.screenshot(), contentType: 'image/png' });

    // The next item brings its board back; ending the turn clears the speaker.
    await sendCommand(moderator, 'speaker.end', {});
    await expect(projector.getByTestId('beamer-speaker-current')).toHaveCount(0);
    const second = (await sendCommand(moderator, 'agenda.add', { title: 'Ziele', phase: 'wo_wollen_wir_hin', board: 'goals', plannedMinutes: 15 })) as { ok: boolean; itemId: string };
    await sendCommand(moderator, 'agenda.goto', { itemId: second.itemId });
    await expect(projector.getByTestId('beamer-item')).toHaveText('Ziele');
    await expect(projector.getByTestId('beamer-board')).toHaveAttribute('data-board', 'goals');
    // The goal tree shows as its drawn diagram on the projector.
    await expect(projector.getByTestId('beamer-board').getByTestId('goal-view-diagram')).toHaveAttribute('aria-pressed', 'true');
    await expect(projector.getByTestId('beamer-timer')).toHaveCount(0);
    await expectInside(projector, projector.getByTestId('session-join-code'), 'join code');
    await expectNoSeriousA11yViolations(projector, testInfo, 'beamer-board');

    // The moderator's list has the hundred (the scripted people and the moderator), no projector,
    // grouped with the rest behind "… weitere".
    await expect
      .poll(async () => moderator.evaluate(() => (window.__werkraumSession?.snapshot() as unknown as { participants?: unknown[] } | undefined)?.participants?.length ?? 0))
      .toBe(ROOM + 1);
    await expect(moderator.getByTestId('presence-count')).toHaveText(`(${ROOM + 1} Personen)`);
    await expect(moderator.getByTestId('presence-more').first()).toBeVisible();
  } finally {
    for (const d of boards) d.close();
    for (const p of people) p.socket.disconnect();
    await projectorCtx.close();
    await room.close();
  }
});

test('the moderator’s "Beamer-Ansicht öffnen" opens the projector in a new window', async ({ browser }) => {
  const room = await moderatedRoom(browser, { names: [] });
  try {
    const link = room.moderator.getByTestId('projector-open');
    await expect(link).toHaveAttribute('href', `/s/${room.session.id}/beamer`);
    const [popup] = await Promise.all([room.moderator.context().waitForEvent('page'), link.click()]);
    await expect(popup.getByTestId('beamer')).toBeVisible();
    await expect(popup.getByTestId('session-join-code')).toBeVisible();
  } finally {
    await room.close();
  }
});
