/**
 * The scenarios of `npm run bench:client`, and how a scenario's session is prepared on one
 * checkout's server: a session created by the admin, the board (and the notes) seeded by a
 * scripted participant through `shared/schema`, checked by a second client, and the browser's
 * participant joined once in the UI (its stored state opens every fresh context after that).
 */
import type { Browser } from '@playwright/test';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { docName } from '../../shared/docs';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { getNotesFragment } from '../../shared/schema/notes';
import type { WriteContext } from '../../shared/schema/items';
import { AUTHORS, type BoardKind, type Seeded, seedGoals, seedNotes, seedPriorities, seedSwot } from './boards';
import { createSession, joinSession, login, type RunningServer } from './checkout';
import { joinInBrowser, type StorageState } from './measure';
import { rng } from './text';
import { connectDoc, until, type YClient } from './yclient';

export interface Scenario {
  id: string;
  /** What the row measures (for the table and --help). */
  what: string;
  kind: BoardKind | 'first-load';
  /** Items (boards) or pages (notes). */
  size: number;
  /** 100 simulated people present: the session of scenario `of` is reused. */
  presence?: { people: number; of: string };
}

export const SCENARIOS: Scenario[] = [
  { id: 'first-load', what: 'JS of the first load: room (notes view) and SWOT board', kind: 'first-load', size: 10 },
  { id: 'swot-10', what: 'SWOT, 10 cards', kind: 'swot', size: 10 },
  { id: 'swot-300', what: 'SWOT, 300 cards', kind: 'swot', size: 300 },
  { id: 'swot-1000', what: 'SWOT, 1,000 cards', kind: 'swot', size: 1000 },
  { id: 'priorities-200', what: 'Prioritäten, 200 topics', kind: 'priorities', size: 200 },
  { id: 'goals-500', what: 'Zielbaum, 500 nodes (outline)', kind: 'goals', size: 500 },
  { id: 'notes-50', what: 'Notes, 50 pages (~2,000 paragraphs)', kind: 'notes', size: 50 },
  { id: 'presence-swot-1000', what: 'SWOT 1,000 cards, 100 people present', kind: 'swot', size: 1000, presence: { people: 100, of: 'swot-1000' } },
  { id: 'presence-notes-50', what: 'Notes 50 pages, 100 people present (30 with carets)', kind: 'notes', size: 50, presence: { people: 100, of: 'notes-50' } },
];

export const QUICK_SCENARIOS = ['first-load', 'swot-10', 'swot-300'];

export function scenarioById(id: string): Scenario {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario ${id} (known: ${SCENARIOS.map((x) => x.id).join(', ')})`);
  return s;
}

/** The scenario whose session a scenario runs on (first load: the 10-card board's). */
export function sessionOf(s: Scenario): Scenario {
  if (s.presence) return scenarioById(s.presence.of);
  if (s.kind === 'first-load') return scenarioById('swot-10');
  return s;
}

/** A seeded session on one checkout's server, ready to be opened. */
export interface Prepared {
  scenario: string;
  sessionId: string;
  joinCode: string;
  seeded: Seeded;
  /** URL path of the board (the room's notes view for the notes). */
  path: string;
  /** The browser participant's stored join. */
  storage: StorageState;
  /** The scripted other person, connected to the board's (or the notes') document. */
  editor: YClient;
  editorCtx: WriteContext;
  /** Document names present people connect to. */
  docs: { board: string; notes: string };
  seedMs: number;
  /** The next remote-edit marker number (never reused on this session). */
  nextMarker: number;
}

function seedNumber(id: string): number {
  let h = 2166136261;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

async function seedDoc(doc: Y.Doc, fn: () => void): Promise<void> {
  fn();
  // Frames go out as they are written; give the socket a moment before the check below.
  await new Promise((r) => setTimeout(r, 100));
}

/** Items of a board document (top-level blocks of the notes), as a second client sees them. */
function itemCount(doc: Y.Doc, kind: BoardKind): number {
  return kind === 'notes' ? getNotesFragment(doc).length : doc.getMap('items').size;
}

export async function prepare(server: RunningServer, browser: Browser, s: Scenario, timeoutMs: number): Promise<Prepared> {
  if (s.kind === 'first-load') throw new Error('first-load has no session of its own');
  const started = Date.now();
  const baseUrl = server.baseUrl;
  const cookie = await login(baseUrl);
  const session = await createSession(baseUrl, cookie, `Bildungskonferenz ${s.id}`);
  const editorJoin: JoinResponse = await joinSession(baseUrl, session.joinCode, 'Bernd Jugendhilfe');
  const checker = await joinSession(baseUrl, session.joinCode, 'Protokoll');
  const r = rng(seedNumber(s.id));
  const origin = { bench: 'editor' };
  const editorCtx: WriteContext = { origin, author: { participantId: editorJoin.participantId, displayName: editorJoin.displayName } };
  // The server accepts authorship only as the sender's own (document rules), so the seeding
  // client writes every item as itself; the board's size and content are what is measured.
  const ctxs = AUTHORS.map(() => editorCtx);
  const docs = { board: s.kind === 'notes' ? docName(session.id, 'notes') : docName(session.id, s.kind), notes: docName(session.id, 'notes') };

  // The notes of every session: one page for the board scenarios (a room has notes), 50 for the notes.
  const notesClient = connectDoc(server.wsUrl, docs.notes, editorJoin.token, PROTOCOL_VERSION);
  await notesClient.synced(timeoutMs);
  let seeded!: Seeded;
  await seedDoc(notesClient.doc, () => {
    const notes = seedNotes(notesClient.doc, s.kind === 'notes' ? s.size : 1, r);
    if (s.kind === 'notes') seeded = notes;
  });
  let editor = notesClient;
  if (s.kind !== 'notes') {
    editor = connectDoc(server.wsUrl, docs.board, editorJoin.token, PROTOCOL_VERSION);
    await editor.synced(timeoutMs);
    await seedDoc(editor.doc, () => {
      seeded = s.kind === 'swot' ? seedSwot(editor.doc, s.size, r, ctxs) : s.kind === 'priorities' ? seedPriorities(editor.doc, s.size, r, ctxs) : seedGoals(editor.doc, s.size, r, ctxs);
    });
  }
  // A second client proves that the server holds all of it (nothing refused or lost).
  const checks: { name: string; kind: BoardKind; expected: number }[] = [{ name: docs.board, kind: s.kind, expected: seeded.n }];
  if (s.kind !== 'notes') checks.push({ name: docs.notes, kind: 'notes', expected: getNotesFragment(notesClient.doc).length });
  for (const { name, kind, expected } of checks) {
    const check = connectDoc(server.wsUrl, name, checker.token, PROTOCOL_VERSION);
    try {
      await check.synced(timeoutMs);
      await until(() => itemCount(check.doc, kind) === expected, `${name}: ${expected} items at a second client`, timeoutMs);
    } finally {
      check.destroy();
    }
  }
  if (editor !== notesClient) notesClient.destroy();
  if (editor.closeCodes.length) throw new Error(`${s.id}: the seeding client was closed by the server (${editor.closeCodes.join(', ')})`);

  const storage = await joinInBrowser(browser, baseUrl, session.joinCode, 'Anna Schulamt', timeoutMs);
  return {
    scenario: s.id,
    sessionId: session.id,
    joinCode: session.joinCode,
    seeded,
    path: s.kind === 'notes' ? `/s/${session.id}` : `/s/${session.id}/b/${s.kind}`,
    storage,
    editor,
    editorCtx,
    docs,
    seedMs: Date.now() - started,
    nextMarker: 0,
  };
}

/** Joins `people` participants over the API (the simulated people present). */
export async function joinPeople(server: RunningServer, joinCode: string, people: number): Promise<{ token: string; participantId: string; name: string }[]> {
  const out: { token: string; participantId: string; name: string }[] = [];
  for (let i = 0; i < people; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, people - i) }, (_, k) => joinSession(server.baseUrl, joinCode, `Teilnehmerin ${i + k + 1}`)),
    );
    for (const j of batch) out.push({ token: j.token, participantId: j.participantId, name: j.displayName });
  }
  return out;
}
