/**
 * A browser as the victim of hostile participants. A participant's Chromium has each board of a
 * session open in turn (notes, SWOT, priorities, goal tree, action plan, a decision draft; the
 * Gesamtkonzept canvas in a session of its own) while scripted stock Yjs clients in the test
 * process send a sample of the generated corpus to that board (one case of every category). Each
 * case is refused with its close code; the page keeps showing the seeded content, its document
 * holds exactly what it held before, it reports no error and stays connected; and an honest edit
 * made in the page afterwards reaches the server.
 */
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import type { JoinResponse } from '../shared/api';
import type { AnyDocKind } from '../shared/docs';
import { proseFieldName } from '../shared/schema/decisions';
import { type HonestIds, type HostileTarget, honestDecisionIds, seedHonestContent } from '../shared/schema/rules/hostileCorpus';
import { createSessionWithTemplate, openBoard } from './helpers/boards';
import { openDecisions } from './helpers/decisions';
import { typeTitle } from './helpers/goals';
import { corpusSample, createDraftByApi, expectedCodes, expectOnServer, HOSTILE_SEED, pageDocJson, sendCases, watchErrors } from './helpers/hostile';
import { joinByLink } from './helpers/participant';
import { typeInNotes, waitForConnected } from './helpers/room';
import { joinByApi, openScriptedDoc } from './helpers/seed';

test.describe.configure({ timeout: 180_000 });

const authorOf = (j: JoinResponse) => ({ participantId: j.participantId, displayName: j.displayName });
const ctxOf = (j: JoinResponse) => ({ origin: 'honest', author: authorOf(j) });

/** Writes the honest content of a document as `join` and waits until the server holds it. */
async function seed(join: JoinResponse, docName: string, write: (doc: Y.Doc) => HonestIds): Promise<HonestIds> {
  const s = await openScriptedDoc(join, docName);
  try {
    const ids = write(s.doc);
    await s.flushed();
    return ids;
  } finally {
    s.close();
  }
}

/** Values of inputs and text of other elements with this test id. */
const shown = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluateAll((els) => els.map((e) => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement ? e.value : (e.textContent ?? ''))));

/**
 * Sends the kind's sample to `docName` while `page` shows it, and checks what the page holds,
 * shows and reports before and after.
 */
async function attack(page: Page, errors: string[], opts: { joinCode: string; kind: AnyDocKind; which: Parameters<typeof pageDocJson>[1]; docName: string; honest: JoinResponse; ids: HonestIds; visible: () => Promise<void> }) {
  const t0 = Date.now();
  await opts.visible();
  const before = await pageDocJson(page, opts.which);
  const cases = corpusSample(opts.kind);
  expect(cases.length).toBeGreaterThanOrEqual(6);
  const target = (a: JoinResponse): HostileTarget => ({ kind: opts.kind, attacker: authorOf(a), honest: authorOf(opts.honest), ids: opts.ids });
  const codes = await sendCases(opts.joinCode, () => opts.docName, target, cases);
  console.log(`${opts.kind}: ${cases.length} cases in ${Date.now() - t0} ms`);
  expect(codes, `${opts.kind}: close codes (seed ${HOSTILE_SEED})`).toEqual(expectedCodes(cases));
  // The refused updates never reached the page: its document is as it was, it still shows the board.
  expect(await pageDocJson(page, opts.which)).toBe(before);
  await opts.visible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  expect(errors).toEqual([]);
}

test('a participant’s browser keeps every board while hostile clients send the corpus, and its own edits still arrive', async ({ browser }) => {
  const session = await createSessionWithTemplate(`Feindliche Clients ${Date.now()}`, 'steuerungskreislauf');
  const wilma = await joinByApi(session.joinCode, 'Wilma Ehrlich');
  const docs = wilma.docs;
  const ids = {} as Record<AnyDocKind, HonestIds>;
  for (const kind of ['swot', 'priorities', 'goals', 'notes'] as const) ids[kind] = await seed(wilma, docs[kind], (d) => seedHonestContent(kind, d, ctxOf(wilma)));
  ids.actions = await seed(wilma, docs.actions, (d) => seedHonestContent('actions', d, ctxOf(wilma), { goal: ids.goals.item }));
  const draftId = await createDraftByApi(session.id, 'Ganztag an Grundschulen', [{ board: 'priorities', itemId: ids.priorities.item }]);
  ids.decisions = await seed(wilma, docs.decisions, (d) => {
    const reason = d.getXmlFragment(proseFieldName(draftId, 'begruendung'));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Die Übergangsquote liegt unter dem Landesschnitt.')]);
    d.transact(() => reason.insert(reason.length, [p]), 'honest');
    return honestDecisionIds(d, draftId, authorOf(wilma));
  });

  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await joinByLink(page, session.joinCode, 'Vera Opfer');
    await waitForConnected(page);
    const common = { joinCode: session.joinCode, honest: wilma };

    // The shared notes, on the room page.
    await attack(page, errors, {
      ...common,
      kind: 'notes',
      which: 'notes',
      docName: docs.notes,
      ids: ids.notes,
      visible: () => expect(page.getByTestId('notes-editor')).toContainText('Frau Dr. Weber eröffnet die Konferenz.'),
    });
    await typeInNotes(page, 'Vera notiert: Elternarbeit stärken.', { newParagraph: true });
    await expectOnServer(wilma, 'notes', docs.notes, 'Vera notiert: Elternarbeit stärken.');

    // SWOT.
    await openBoard(page, 'swot');
    await attack(page, errors, {
      ...common,
      kind: 'swot',
      which: 'swot',
      docName: docs.swot,
      ids: ids.swot,
      visible: () => expect.poll(() => shown(page, 'swot-card-text')).toEqual(expect.arrayContaining(['Schulen und Jugendhilfe arbeiten eng zusammen', 'Fachkräftemangel in Kitas'])),
    });
    const chancen = page.getByTestId('swot-quadrant-chancen');
    await page.getByTestId('swot-add-chancen').click();
    const newCard = chancen.getByTestId('swot-card').last().getByTestId('swot-card-text');
    await expect(newCard).toBeFocused();
    await newCard.pressSequentially('Neue Landesförderung', { delay: 5 });
    await expectOnServer(wilma, 'swot', docs.swot, 'Neue Landesförderung');

    // Priorities.
    await openBoard(page, 'priorities');
    await attack(page, errors, {
      ...common,
      kind: 'priorities',
      which: 'priorities',
      docName: docs.priorities,
      ids: ids.priorities,
      visible: () => expect.poll(() => shown(page, 'priority-title')).toEqual(['Ganztag ausbauen', 'Übergang Schule–Beruf']),
    });
    await page.getByTestId('priority-add').click();
    const title = page.getByTestId('priority-item').nth(2).getByTestId('priority-title');
    await expect(title).toBeFocused();
    await title.fill('Schulsozialarbeit verstetigen');
    await expectOnServer(wilma, 'priorities', docs.priorities, 'Schulsozialarbeit verstetigen');

    // Goal tree.
    await openBoard(page, 'goals');
    await attack(page, errors, {
      ...common,
      kind: 'goals',
      which: 'goals',
      docName: docs.goals,
      ids: ids.goals,
      visible: () =>
        expect
          .poll(() => shown(page, 'goal-node-title'))
          .toEqual(expect.arrayContaining(['Kein Abschluss ohne Anschluss', 'Übergangsquote erhöhen', 'Praktikumsbörse aufbauen'])),
    });
    // A new top-level node next to the selected Leitbild.
    await page.getByTestId('goal-add-sibling').click();
    await typeTitle(page, 'Lebenslanges Lernen');
    await expectOnServer(wilma, 'goals', docs.goals, 'Lebenslanges Lernen');

    // Action plan.
    await openBoard(page, 'actions');
    const goalEntry = page.locator(`[data-testid="action-goal"][data-goal-id="${ids.goals.item}"]`);
    await attack(page, errors, {
      ...common,
      kind: 'actions',
      which: 'actions',
      docName: docs.actions,
      ids: ids.actions,
      visible: () => expect(goalEntry.getByTestId('action-field-wirkungen')).toHaveValue('Mehr Jugendliche beginnen direkt eine Ausbildung'),
    });
    await goalEntry.getByTestId('action-field-prozesse').fill('Jugendberufsagentur koordiniert');
    await expectOnServer(wilma, 'actions', docs.actions, 'Jugendberufsagentur koordiniert');

    // A decision draft.
    await openDecisions(page);
    await page.getByTestId('decision-list-open').first().click();
    await expect(page.getByTestId('decision-editor')).toBeVisible();
    await attack(page, errors, {
      ...common,
      kind: 'decisions',
      which: 'decisions',
      docName: docs.decisions,
      ids: ids.decisions,
      visible: async () => {
        await expect(page.getByTestId('decision-draft-title')).toHaveText('Ganztag an Grundschulen');
        await expect(page.getByTestId('decision-begruendung')).toContainText('Die Übergangsquote liegt unter dem Landesschnitt.');
        await expect(page.getByTestId('decision-beschlussvorschlag')).toBeVisible();
      },
    });
    const proposal = page.getByTestId('decision-beschlussvorschlag');
    await proposal.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await proposal.pressSequentially('Beginn im Schuljahr 2027/28.', { delay: 5 });
    await expectOnServer(wilma, 'decisions', docs.decisions, 'Beginn im Schuljahr 2027/28.');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the Gesamtkonzept canvas keeps rendering under the corpus, and the participant’s typing still arrives', async ({ browser }) => {
  const session = await createSessionWithTemplate(`Feindliche Clients Canvas ${Date.now()}`, 'gesamtkonzept');
  const wilma = await joinByApi(session.joinCode, 'Wilma Ehrlich');
  const ids = await seed(wilma, wilma.docs.canvas, (d) => seedHonestContent('canvas', d, ctxOf(wilma)));
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await joinByLink(page, session.joinCode, 'Vera Opfer');
    await waitForConnected(page);
    await openBoard(page, 'canvas');
    await attack(page, errors, {
      joinCode: session.joinCode,
      honest: wilma,
      kind: 'canvas',
      which: 'canvas',
      docName: wilma.docs.canvas,
      ids,
      visible: async () => {
        await expect(page.getByTestId('canvas-editor-inhalte')).toContainText('Antwort zu Inhalte und Klärungsbedarf');
        await expect(page.getByTestId('canvas-editor-akteure')).toContainText('Antwort zu Akteure und Zuständigkeiten');
      },
    });
    const editor = page.getByTestId('canvas-editor-inhalte');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText(' Übergänge gestalten.');
    await expectOnServer(wilma, 'canvas', wilma.docs.canvas, 'Übergänge gestalten.');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
