/**
 * Hostile participants against a browser: a sample of the generated corpus
 * (`shared/schema/rules/hostileCorpus.ts`) sent by scripted stock Yjs clients in the test process,
 * while a participant's Chromium has the board open. Helpers to seed the honest content, send
 * the cases, read what the page's document holds, and watch the page for errors.
 */
import { expect, request, type Page } from '@playwright/test';
import type { JoinResponse } from '../../shared/api';
import type { DraftResponse } from '../../shared/decisionApi';
import type { AnyDocKind } from '../../shared/docs';
import { Limits } from '../../shared/limits';
import { documentJson, HOSTILE_CATEGORIES, hostileCorpus, type HostileCase, type HostileTarget } from '../../shared/schema/rules/hostileCorpus';
import { E2E_ADMIN, E2E_BASE_URL } from './env';
import { joinByApi, openScriptedDoc } from './seed';

export const HOSTILE_SEED = Number(process.env.WERKRAUM_HOSTILE_SEED ?? 20261126);

/** One case of each category the kind has (the first the seed draws), as the browser's sample. */
export function corpusSample(kind: AnyDocKind): HostileCase[] {
  const all = hostileCorpus(kind, { seed: HOSTILE_SEED, count: 30 });
  return HOSTILE_CATEGORIES.map((c) => all.find((x) => x.category === c)).filter((x): x is HostileCase => x !== undefined);
}

/**
 * Sends each case from a fresh scripted connection (a fresh participant for every
 * `Limits.refusalsPerMinute` cases, as refusals count per person) and returns the close code each
 * got (0 when it was not closed within the timeout: the server took the update).
 */
export async function sendCases(joinCode: string, docName: (attacker: JoinResponse) => string, target: (attacker: JoinResponse) => HostileTarget, cases: readonly HostileCase[]): Promise<Record<string, number>> {
  const codes: Record<string, number> = {};
  let attacker: JoinResponse | undefined;
  for (const [i, c] of cases.entries()) {
    if (i % Limits.refusalsPerMinute === 0) attacker = await joinByApi(joinCode, `Mallory ${Date.now() % 100_000}-${i}`);
    const s = await openScriptedDoc(attacker!, docName(attacker!));
    const closes: number[] = [];
    s.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    try {
      s.doc.transact(() => c.edit(s.doc, target(attacker!)));
      await expect.poll(() => closes.length, { timeout: 10_000 }).toBeGreaterThan(0).catch(() => undefined);
      codes[c.id] = closes[0] ?? 0;
    } finally {
      s.close();
    }
  }
  return codes;
}

/** What every case should have got. */
export function expectedCodes(cases: readonly HostileCase[]): Record<string, number> {
  return Object.fromEntries(cases.map((c) => [c.id, c.expectedClose]));
}

/** The canonical content of the document a page holds (the room's notes, a board, the drafts). */
export async function pageDocJson(page: Page, which: 'notes' | 'decisions' | 'swot' | 'priorities' | 'goals' | 'actions' | 'canvas'): Promise<string> {
  // The page has no Yjs module of its own to hand: read every root as JSON and as XML text.
  return page.evaluate((w) => {
    const doc = w === 'notes' ? window.__werkraum?.doc : w === 'decisions' ? window.__werkraumDecisions : window.__werkraum?.boards[w];
    if (!doc) return 'no document';
    const out: Record<string, unknown> = {};
    for (const [name, type] of [...doc.share.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out[name] = [type.toJSON(), String(type.toString())];
    return JSON.stringify(out);
  }, which);
}

/** Errors the page reports: uncaught exceptions, and Yjs/ProseMirror errors it only logs. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Yjs|Maximum call stack|unimplemented|Minified React error|The above error occurred/i.test(msg.text())) errors.push(`console: ${msg.text().slice(0, 300)}`);
  });
  return errors;
}

/** Polls a document as the server holds it (a fresh scripted client) until it contains `text`. */
export async function expectOnServer(join: JoinResponse, kind: AnyDocKind, docName: string, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const probe = await openScriptedDoc(join, docName);
        try {
          return documentJson(kind, probe.doc);
        } finally {
          probe.close();
        }
      },
      { timeout: 20_000 },
    )
    .toContain(text);
}

/** Creates a decision draft from board items as the moderator, over the HTTP API. */
export async function createDraftByApi(sessionId: string, title: string, picks: { board: string; itemId: string }[]): Promise<string> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    expect((await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })).status()).toBe(200);
    const res = await api.post(`/api/sessions/${sessionId}/decisions`, { data: { title, picks } });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as DraftResponse).draft.id;
  } finally {
    await api.dispose();
  }
}
