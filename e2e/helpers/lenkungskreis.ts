/**
 * Lenkungskreis flow helpers: a session with a handed-over decision draft, seeded through the
 * real HTTP API and the real y-websocket endpoint (the draft's texts and tables are written into
 * the session's `decisions` Yjs document exactly as a moderator's editor would), and the steps a
 * moderator and a Lenkungskreis member take in the browser.
 */
import { expect, request, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { JoinResponse, SessionForModerator } from '../../shared/api';
import { canonicalJson } from '../../shared/decision';
import type { DraftResponse, HandoverResponse } from '../../shared/decisionApi';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { appendToXmlFragment, richBulletList, richDocFromText } from '../../shared/richText';
import { addDraftRow, getProseFragment, readDecisionDraft, setDraftChoices, type WriteContext } from '../../shared/schema';
import { E2E_ADMIN, E2E_BASE_URL } from './env';

export interface SeededDraft {
  session: SessionForModerator;
  draftId: string;
  reference: string;
  title: string;
  /** Content hashes of the versions handed over, in order. */
  hashes: string[];
}

function connect(docName: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; destroy: () => void } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${E2E_BASE_URL.replace(/^http/, 'ws')}/yjs`, encodeURIComponent(docName), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, v: String(PROTOCOL_VERSION) },
    disableBc: true,
    maxBackoffTime: 500,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function synced(provider: WebsocketProvider): Promise<void> {
  await expect.poll(() => provider.synced, { timeout: 15_000 }).toBe(true);
}

/** Edits the live draft through one y-websocket client and waits until a second one sees it (stored). */
async function editLive(docName: string, token: string, draftId: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const writer = connect(docName, token);
  const probe = connect(docName, token);
  try {
    await synced(writer.provider);
    edit(writer.doc);
    // The server stores before it relays: once a second client sees the edits, they are stored.
    await synced(probe.provider);
    const expected = canonicalJson(readDecisionDraft(writer.doc, draftId));
    await expect.poll(() => canonicalJson(readDecisionDraft(probe.doc, draftId)), { timeout: 15_000 }).toBe(expected);
  } finally {
    writer.destroy();
    probe.destroy();
  }
}

/**
 * Creates a session, a decision draft in it, fills in what a hand-over needs (and a little more,
 * so the frozen version has goals, measures, costs and a timeline to show) and hands it over.
 * With `versions: 2` it then adds a milestone and hands over again (a newer version for the
 * same deliberation), so there is something to compare.
 */
export async function seedHandedOverDraft(sessionTitle: string, draftTitle: string, { versions = 1 }: { versions?: 1 | 2 } = {}): Promise<SeededDraft> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    expect((await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })).status()).toBe(200);
    const created = await api.post('/api/sessions', { data: { title: sessionTitle, kind: 'bildungskonferenz', date: new Date().toISOString().slice(0, 10) } });
    expect(created.status()).toBe(201);
    const { session } = (await created.json()) as { session: SessionForModerator };
    const entered = await api.post(`/api/sessions/${session.id}/enter`, { data: {} });
    expect(entered.status()).toBe(201);
    const mod = (await entered.json()) as JoinResponse;
    const auth = { Authorization: `Bearer ${mod.token}` };

    const draftRes = await api.post(`/api/sessions/${session.id}/decisions`, { headers: auth, data: { title: draftTitle, picks: [] } });
    expect(draftRes.status(), await draftRes.text()).toBe(201);
    const { draft } = (await draftRes.json()) as DraftResponse;

    const ctx: WriteContext = { origin: 'e2e', author: { participantId: mod.participantId, displayName: mod.displayName } };
    await editLive(mod.docs.decisions, mod.token, draft.id, (doc) => {
      doc.transact(() => {
        appendToXmlFragment(getProseFragment(doc, draft.id, 'beschlussvorschlag'), {
          type: 'doc',
          content: [richBulletList(['die Praktikumsbörse für die Klassen 8 bis 10 aufzubauen,', 'eine Koordinationsstelle in der Jugendberufsagentur einzurichten.'])],
        });
        appendToXmlFragment(getProseFragment(doc, draft.id, 'begruendung'), richDocFromText('Die Übergangsquote in Ausbildung liegt mit 61,5 % unter dem Landesschnitt.'));
      });
      setDraftChoices(doc, ctx, draft.id, { verbindlichkeitsstufe: 'vertragliche_kooperation', municipalRole: 'gewaehrleisterin' });
      const goalId = addDraftRow(doc, ctx, draft.id, 'goals', { title: 'Übergangsquote erhöhen', level: 'strategisch', zielfeld: 'wirkungen', owner: 'Bildungsbüro', targetGroup: 'Jugendliche ab Klasse 8' });
      addDraftRow(doc, ctx, draft.id, 'indicators', { goalId, name: 'Übergangsquote in Ausbildung', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'Schulstatistik' });
      addDraftRow(doc, ctx, draft.id, 'measures', { title: 'Praktikumsbörse aufbauen', zielfeld: 'leistungen', owner: 'IHK', goalId, due: '2027-03-01' });
      addDraftRow(doc, ctx, draft.id, 'measures', { title: 'Koordinationsstelle einrichten', zielfeld: 'ressourcen', owner: 'Landkreis', goalId });
      addDraftRow(doc, ctx, draft.id, 'responsibilities', { actor: 'Jugendberufsagentur', task: 'Koordination der Praktikumsbörse' });
      addDraftRow(doc, ctx, draft.id, 'costs', { label: 'Koordinationsstelle (1,0 VZÄ)', category: 'personal', amountEur: 68000, period: 'jährlich', fundedBy: 'Landkreis' });
      addDraftRow(doc, ctx, draft.id, 'milestones', { title: 'Start der Praktikumsbörse', date: '2027-03-01', note: '' });
    });

    const hashes: string[] = [];
    const handOver = async (note: string) => {
      const res = await api.post(`/api/decisions/${draft.id}/handover`, { headers: auth, data: { note } });
      expect(res.status(), await res.text()).toBe(201);
      hashes.push(((await res.json()) as HandoverResponse).version.contentHash);
    };
    await handOver('Zur Sitzung des Lenkungskreises');
    if (versions === 2) {
      await editLive(mod.docs.decisions, mod.token, draft.id, (doc) => {
        addDraftRow(doc, ctx, draft.id, 'milestones', { title: 'Erster Bericht an den Lenkungskreis', date: '2028-03-01', note: 'nach einem Jahr' });
      });
      await handOver('Zeitplan ergänzt');
    }
    return { session, draftId: draft.id, reference: draft.reference, title: draftTitle, hashes };
  } finally {
    await api.dispose();
  }
}

/** On the dashboard (logged in): creates an invitation and returns the link shown once. */
export async function createInvitationInUi(page: Page, label: string, days = 14): Promise<string> {
  const admin = page.getByTestId('lk-admin');
  await admin.getByTestId('lk-invite-label').fill(label);
  await admin.getByTestId('lk-invite-days').fill(String(days));
  await admin.getByTestId('lk-invite-submit').click();
  const url = admin.getByTestId('lk-invite-url');
  await expect(url).toHaveValue(/\/lenkungskreis\/einladung#[A-Za-z0-9_-]+$/);
  return url.inputValue();
}

/** Opens an invitation link in a member's browser and redeems it under `name`. */
export async function redeemInvitation(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('lk-join-preview')).toBeVisible();
  await page.getByTestId('lk-join-name').fill(name);
  await page.getByTestId('lk-join-submit').click();
  await expect(page).toHaveURL(/\/lenkungskreis$/);
  await expect(page.getByTestId('lk-member-name')).toContainText(name);
}
