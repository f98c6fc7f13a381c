/**
 * Child process of the client benchmark: simulated people who are present in a room but do not
 * write. Each person has one stock y-websocket client per document (the board's and the notes'),
 * with an awareness state `user: {id, name, color, role}` sent once a second on an absolute
 * schedule. A share of them also carries a caret as y-prosemirror / Tiptap's CollaborationCaret
 * sends it (`cursor: {anchor, head}`, relative positions into the notes' paragraphs or into a card's
 * text) and, on the board, `editing: <item id>`.
 *
 * Spoken to over IPC (see PresenceMsg), one request at a time; it runs in its own process so its
 * work does not delay the scripted editor's schedule in the orchestrator.
 */
import * as Y from 'yjs';
import { getNotesFragment } from '../../shared/schema/notes';
import { connectDoc, type YClient } from './yclient';

export interface Person {
  token: string;
  participantId: string;
  name: string;
}

export type ToPresence =
  | { type: 'start'; wsUrl: string; protocolVersion: number; docs: { name: string; kind: 'board' | 'notes' }[]; people: Person[]; periodMs: number; cursorShare: number; batch: number }
  | { type: 'stats' }
  | { type: 'close' };

export type FromPresence =
  | { type: 'ready' }
  | { type: 'started'; clients: number; ms: number }
  | { type: 'stats'; beats: number; closeCodes: number[]; connected: number; clients: number }
  | { type: 'error'; message: string };

const COLORS = ['#1565c0', '#2e7d32', '#c62828', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#4e342e'];

interface Present {
  client: YClient;
  kind: 'board' | 'notes';
  cursor: boolean;
}

const present: Present[] = [];
let beats = 0;
let timer: NodeJS.Timeout | undefined;

function reply(msg: FromPresence): void {
  process.send?.(msg);
}

/** A random caret in the document: a paragraph of the notes, or a card's text on a board. */
function randomCursor(doc: Y.Doc, kind: 'board' | 'notes'): { cursor: { anchor: unknown; head: unknown }; editing?: string } | null {
  let text: Y.Text | Y.XmlText | undefined;
  let editing: string | undefined;
  if (kind === 'notes') {
    const fragment = getNotesFragment(doc);
    if (fragment.length === 0) return null;
    for (let tries = 0; tries < 5 && !text; tries++) {
      const el = fragment.get(Math.floor(Math.random() * fragment.length));
      const first = el instanceof Y.XmlElement ? el.get(0) : undefined;
      if (first instanceof Y.XmlText) text = first;
    }
  } else {
    const items = doc.getMap<unknown>('items');
    const keys = [...items.keys()];
    if (keys.length === 0) return null;
    editing = keys[Math.floor(Math.random() * keys.length)]!;
    const item = items.get(editing);
    const t = item instanceof Y.Map ? (item.get('text') ?? item.get('title')) : undefined;
    if (t instanceof Y.Text) text = t;
  }
  if (!text) return null;
  const at = Math.floor(Math.random() * (text.length + 1));
  const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at));
  return { cursor: { anchor: pos, head: pos }, ...(editing ? { editing } : {}) };
}

async function start(msg: Extract<ToPresence, { type: 'start' }>): Promise<void> {
  const started = Date.now();
  const entries: { person: Person; index: number; doc: { name: string; kind: 'board' | 'notes' } }[] = [];
  msg.people.forEach((person, index) => msg.docs.forEach((doc) => entries.push({ person, index, doc })));
  for (let i = 0; i < entries.length; i += msg.batch) {
    const batch = entries.slice(i, i + msg.batch).map(({ person, index, doc }) => {
      const client = connectDoc(msg.wsUrl, doc.name, person.token, msg.protocolVersion);
      const p: Present = { client, kind: doc.kind, cursor: index < Math.round(msg.people.length * msg.cursorShare) };
      client.provider.awareness.setLocalState({
        user: { id: person.participantId, name: person.name, color: COLORS[index % COLORS.length], role: 'participant' },
      });
      present.push(p);
      return p;
    });
    await Promise.all(batch.map((p) => p.client.synced(180_000)));
  }
  // One beat per person and period, each at its own offset within the period (absolute clock);
  // beats missed while this process was busy are skipped, not caught up.
  const period = msg.periodMs;
  const base = Math.ceil(Date.now() / period) * period;
  const next = present.map((_, k) => base + Math.floor((k / present.length) * period));
  const tick = () => {
    const t = Date.now();
    present.forEach((p, k) => {
      let due = next[k]!;
      if (t < due) return;
      while (due <= t) due += period;
      next[k] = due;
      const state = p.client.provider.awareness.getLocalState() ?? {};
      const caret = p.cursor ? randomCursor(p.client.doc, p.kind) : null;
      p.client.provider.awareness.setLocalState({ ...state, ...(caret ?? {}) });
      beats++;
    });
  };
  timer = setInterval(tick, 20);
  reply({ type: 'started', clients: present.length, ms: Date.now() - started });
}

process.on('message', (raw) => {
  const msg = raw as ToPresence;
  switch (msg.type) {
    case 'start':
      start(msg).catch((err: unknown) => reply({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
      return;
    case 'stats':
      reply({
        type: 'stats',
        beats,
        closeCodes: present.flatMap((p) => p.client.closeCodes),
        connected: present.filter((p) => p.client.provider.wsconnected).length,
        clients: present.length,
      });
      return;
    case 'close':
      if (timer) clearInterval(timer);
      for (const p of present) p.client.destroy();
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
process.on('disconnect', () => process.exit(0));
process.setMaxListeners(0);
reply({ type: 'ready' });
