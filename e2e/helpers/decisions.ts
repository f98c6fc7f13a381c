/**
 * Decision drafts: seeding consensus items (a priority topic and a closed Konsenscheck on it,
 * over the real socket), opening the room's "Beschlussentwürfe", reading the live draft from the
 * `decisions` document the page exposes, and the Lenkungskreis's side over the HTTP API.
 */
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import type { CreatedInvitation, DraftListResponse, LenkungskreisJoinResponse } from '../../shared/decisionApi';
import type * as Y from 'yjs';
import type { RoundResult } from '../../shared/votes';
import { waitForBoardDoc } from './boards';
import { E2E_BASE_URL } from './env';
import { sendCommand } from './moderation';

declare global {
  interface Window {
    __werkraumDecisions?: Y.Doc;
  }
}

/** Adds a priority topic through the board's UI and returns its item id. */
export async function addPriorityTopic(page: Page, sessionId: string, title: string): Promise<string> {
  await page.goto(`/s/${sessionId}/b/priorities`);
  await waitForBoardDoc(page, 'priorities');
  const count = await page.getByTestId('priority-item').count();
  await page.getByTestId('priority-add').click();
  const item = page.getByTestId('priority-item').nth(count);
  // (Focus on the new topic is the priorities board's own test; here the title is only filled.)
  await item.getByTestId('priority-title').fill(title);
  await expect
    .poll(() =>
      page.evaluate((t) => {
        const items = window.__werkraum?.boards.priorities?.getMap('items').toJSON() as Record<string, { title?: string }> | undefined;
        return Object.entries(items ?? {}).find(([, v]) => v.title === t)?.[0] ?? null;
      }, title),
    )
    .not.toBeNull();
  return page.evaluate((t) => {
    const items = window.__werkraum!.boards.priorities!.getMap('items').toJSON() as Record<string, { title?: string }>;
    return Object.entries(items).find(([, v]) => v.title === t)![0];
  }, title);
}

/**
 * A Konsenscheck on one board item: the moderator opens it, each voter consents (the first with
 * a minor concern), the moderator closes it and marks "Konsens mit Bedenken". Returns the result.
 * The round is named: with one or two voters a secret round would publish only how many took
 * part (below the minimum of three), and these flows need its numbers.
 */
export async function closedKonsenscheck(
  moderator: Page,
  voters: Page[],
  round: { title: string; label: string; source: { board: 'priorities' | 'goals' | 'swot'; itemId: string } },
): Promise<RoundResult> {
  const opened = (await sendCommand(moderator, 'vote.open', {
    config: { method: 'konsenscheck', title: round.title, named: true, options: [{ label: round.label, source: round.source }] },
  })) as { ok: boolean; round?: { id: string; options: { id: string }[] } };
  expect(opened.ok).toBe(true);
  const roundId = opened.round!.id;
  const optionId = opened.round!.options[0]!.id;
  for (const [i, voter] of voters.entries()) {
    const level = i === 0 ? { level: 'leichte_bedenken', reason: 'Personal klären' } : { level: 'zustimmung' };
    const cast = await sendCommand(voter, 'vote.cast', { roundId, ballot: { method: 'konsenscheck', levels: { [optionId]: level } } });
    expect(cast.ok).toBe(true);
  }
  const closed = await sendCommand(moderator, 'vote.close', { roundId });
  expect(closed.ok).toBe(true);
  const marked = (await sendCommand(moderator, 'outcome.mark', { roundId, optionId, outcome: 'konsens_mit_bedenken' })) as { ok: boolean; result: RoundResult };
  expect(marked.ok).toBe(true);
  return marked.result;
}

/** Opens the room's "Beschlussentwürfe" through the board navigation. */
export async function openDecisions(page: Page): Promise<void> {
  await page.getByTestId('board-nav-decisions').click();
  await expect(page.getByTestId('decisions-area')).toBeVisible();
  await page.waitForFunction(() => window.__werkraumDecisions !== undefined);
}

/** The plain text of a prose field of a draft, as the page's `decisions` document holds it. */
export async function proseText(page: Page, draftId: string, field: 'sachverhalt' | 'beschlussvorschlag' | 'begruendung'): Promise<string> {
  return page.evaluate(
    ([id, f]) => {
      const doc = window.__werkraumDecisions;
      if (!doc) return '';
      return doc
        .getXmlFragment(`decision:${id}:${f}`)
        .toString()
        .replace(/<\/(paragraph|heading|listItem)>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .trim();
    },
    [draftId, field] as const,
  );
}

async function api(): Promise<APIRequestContext> {
  return request.newContext({ baseURL: E2E_BASE_URL });
}

/**
 * The Lenkungskreis takes the draft into deliberation and records its decision: an invitation
 * created with the moderator's cookie (`cookieRequest`), redeemed for a member token.
 */
export async function lenkungskreisDecides(
  cookieRequest: APIRequestContext,
  draftId: string,
  decision: { outcome: 'beschlossen' | 'abgelehnt' | 'zurueckverwiesen'; decidedOn: string; conditions?: string },
): Promise<void> {
  const inv = await cookieRequest.post('/api/lenkungskreis/invitations', { data: { label: 'Dezernentin Jugend' } });
  expect(inv.status()).toBe(201);
  const { code } = (await inv.json()) as CreatedInvitation;
  const anon = await api();
  try {
    const joined = await anon.post('/api/lenkungskreis/join', { data: { code, name: 'Dr. Weber' } });
    expect(joined.status()).toBe(201);
    const { token } = (await joined.json()) as LenkungskreisJoinResponse;
    const headers = { Authorization: `Bearer ${token}` };
    const inbox = (await (await anon.get('/api/lenkungskreis/inbox', { headers })).json()) as DraftListResponse;
    expect(inbox.drafts.map((d) => d.id)).toContain(draftId);
    const status = await anon.post(`/api/decisions/${draftId}/status`, { headers, data: { status: 'in_beratung' } });
    expect(status.status()).toBe(200);
    const decided = await anon.post(`/api/decisions/${draftId}/decision`, { headers, data: decision });
    expect(decided.status()).toBe(201);
  } finally {
    await anon.dispose();
  }
}

/**
 * Nothing in the decisions area sticks out sideways: no element under `container` (row cards, the
 * list, the comparison) is wider than it lets it be, and the container itself needs no scrolling.
 */
export async function expectRowsInside(page: Page, container: string): Promise<void> {
  const overflow = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!(root instanceof HTMLElement)) return ['container missing'];
    const limit = root.getBoundingClientRect().right + 0.5;
    const out: string[] = [];
    if (root.scrollWidth > root.clientWidth) out.push(`${sel}: scrollWidth ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('.wr-dec-row, .wr-dec-row *, .wr-dec-compare *, [data-testid="decision-list"] *'))) {
      // Visually hidden (screen-reader only) parts take no room.
      let hidden = false;
      for (let a: HTMLElement | null = el; a && a !== root; a = a.parentElement) if (getComputedStyle(a).clipPath !== 'none') hidden = true;
      if (hidden) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limit) out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)} > ${Math.round(limit)}`);
    }
    return out.slice(0, 5);
  }, container);
  expect(overflow).toEqual([]);
}
