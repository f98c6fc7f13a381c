import { expect, request, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import type { JoinResponse } from '../shared/api';
import type { Ack } from '../shared/events';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { boardItems, expectItem, openBoard, twoParticipants } from './helpers/boards';
import { E2E_ADMIN, E2E_BASE_URL } from './helpers/env';

/** Adds a card through the UI and fills its text; returns the card's locator. */
async function addCard(page: Page, quadrant: string, text: string) {
  const before = await page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').count();
  await page.getByTestId(`swot-add-${quadrant}`).click();
  const card = page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').nth(before);
  const field = card.getByTestId('swot-card-text');
  await field.fill(text);
  return card;
}

/** A card on `page` by its id. */
const cardById = (page: Page, id: string) => page.locator(`[data-testid="swot-card"][data-card-id="${id}"]`);

/** The id of the card with this text in the page's document. */
async function idOf(page: Page, text: string): Promise<string> {
  await expectItem(page, 'swot', 'text', text);
  return Object.entries(await boardItems(page, 'swot')).find(([, item]) => item.text === text)![0];
}

/** The moderation switches "only authors and moderators delete" over its own socket.io connection. */
async function setAuthorsOnlyDelete(sessionId: string, on: boolean): Promise<void> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    expect((await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })).status()).toBe(200);
    const res = await api.post(`/api/sessions/${sessionId}/enter`);
    expect(res.status()).toBe(201);
    const join = (await res.json()) as JoinResponse;
    const socket = io(E2E_BASE_URL, { path: '/socket.io', auth: { token: join.token, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('session.welcome', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = (await socket.timeout(15_000).emitWithAck('cards.configure', { authorsOnlyDelete: on })) as Ack<object>;
      expect(ack.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  } finally {
    await api.dispose();
  }
}

test.describe('card ownership', () => {
  test.describe.configure({ timeout: 120_000 });

  test('B deletes A’s card after confirming; A is told and restores it; with the setting on B has no delete button on it', async ({ browser }, testInfo) => {
    const { session, a, b, close } = await twoParticipants(browser, 'swot');
    try {
      await Promise.all([openBoard(a, 'swot'), openBoard(b, 'swot')]);
      const text = 'Schulsozialarbeit an allen Oberschulen';
      await addCard(a, 'staerken', text);
      await expectItem(b, 'swot', 'text', text);
      const id = await idOf(a, text);
      const before = (await boardItems(a, 'swot'))[id]!;
      const cardWith = (page: Page, t: string) => cardById(page, t === text ? id : ownId);
      let ownId = '';

      // Bernd deletes Anna's card: a dialog asks first and names her; the safe choice has the focus.
      await cardWith(b, text).getByTestId('swot-card-delete').click();
      const dialog = b.getByTestId('delete-confirm');
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('Anna Schulamt');
      await expect(dialog).toContainText(text);
      // The focus is inside the dialog (the browser's modal dialog keeps it there).
      await expect(dialog.locator(':focus')).toHaveCount(1);
      await expectNoSeriousA11yViolations(b, testInfo, 'delete confirmation');
      // Keyboard only: Tab to "Löschen", Enter.
      for (let i = 0; i < 4 && !(await b.getByTestId('delete-confirm-confirm').evaluate((el) => el === document.activeElement)); i++) await b.keyboard.press('Tab');
      await expect(b.getByTestId('delete-confirm-confirm')).toBeFocused();
      await b.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(cardWith(b, text)).toHaveCount(0);

      // Anna is told who deleted which card, and restores it with its text, place and authorship.
      const notice = a.getByTestId('deletion-notice');
      await expect(notice).toHaveText(/Ihre Karte „Schulsozialarbeit an allen Oberschulen“ wurde von Bernd Jugendhilfe gelöscht\./);
      await expect(cardWith(a, text)).toHaveCount(0);
      await notice.getByTestId('deletion-restore').click();
      await expect(a.getByTestId('deletion-notice')).toHaveCount(0);
      await expect(b.getByTestId('swot-quadrant-staerken').getByTestId('swot-card-text')).toHaveValue(text);
      const after = (await boardItems(b, 'swot'))[id];
      expect(after).toMatchObject({ text, quadrant: 'staerken', order: before.order, createdBy: before.createdBy, createdAt: before.createdAt });

      // Bernd's own card goes at once, with "Rückgängig" as before.
      const own = 'Lange Wege im ländlichen Raum';
      await addCard(b, 'schwaechen', own);
      ownId = await idOf(b, own);
      await cardWith(b, own).getByTestId('swot-card-delete').click();
      await expect(b.getByTestId('delete-confirm')).toHaveCount(0);
      await expect(b.getByTestId('board-toast-undo')).toBeVisible();
      await b.getByTestId('board-toast-undo').click();
      await expect(cardWith(b, own)).toHaveCount(1);

      // With "only authors and moderators delete" on, Bernd has no delete button on Anna's card,
      // still one on his own; Anna still deletes hers.
      await setAuthorsOnlyDelete(session.id, true);
      await expect(cardWith(b, text).getByTestId('swot-card-delete')).toHaveCount(0);
      await expect(cardWith(b, own).getByTestId('swot-card-delete')).toHaveCount(1);
      await expect(cardWith(a, text).getByTestId('swot-card-delete')).toHaveCount(1);
      await setAuthorsOnlyDelete(session.id, false);
      await expect(cardWith(b, text).getByTestId('swot-card-delete')).toHaveCount(1);
    } finally {
      await close();
    }
  });
});
