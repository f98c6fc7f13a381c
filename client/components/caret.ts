/**
 * Named carets for every rich-text editor, capped for a room of a hundred.
 *
 * A hundred people in the notes would draw a hundred labelled carets over the text — unreadable,
 * and a hundred DOM widgets rebuilt on every presence beat. Only the MAX_CARETS people who moved
 * their caret most recently get a labelled caret and a selection highlight; the others are in the
 * presence list. The set is re-ranked at most every RANK_INTERVAL_MS, from the entries of the
 * awareness that changed (no pass over everyone per beat).
 */
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceUser } from '../data/docs/presence';

export const MAX_CARETS = 12;
const RANK_INTERVAL_MS = 500;


/** Which participants currently get a caret: the MAX_CARETS most recently moved, by participant id. */
class CaretRanking {
  private readonly lastMoved = new Map<string, number>();
  private allowed = new Set<string>();
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onChange: (change: { added: number[]; updated: number[]; removed: number[] }) => void;

  constructor(private readonly awareness: Awareness) {
    this.onChange = ({ added, updated, removed }) => {
      const states = awareness.getStates();
      for (const clientId of [...added, ...updated]) {
        const state = states.get(clientId) as { user?: { id?: unknown }; cursor?: unknown } | undefined;
        const id = typeof state?.user?.id === 'string' ? state.user.id : undefined;
        if (id && state?.cursor) this.lastMoved.set(id, awareness.meta.get(clientId)?.lastUpdated ?? Date.now());
      }
      if (removed.length > 0) this.dirty = true;
      this.schedule();
    };
    awareness.on('change', this.onChange);
    this.rank();
  }

  has(participantId: unknown): boolean {
    return typeof participantId === 'string' && this.allowed.has(participantId);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rank();
    }, RANK_INTERVAL_MS);
  }

  private rank(): void {
    if (this.dirty) {
      // Forget people who left (their states are gone).
      const present = new Set<string>();
      for (const state of this.awareness.getStates().values()) {
        const id = (state as { user?: { id?: unknown } }).user?.id;
        if (typeof id === 'string') present.add(id);
      }
      for (const id of this.lastMoved.keys()) if (!present.has(id)) this.lastMoved.delete(id);
      this.dirty = false;
    }
    this.allowed = new Set([...this.lastMoved].sort((a, b) => b[1] - a[1]).slice(0, MAX_CARETS).map(([id]) => id));
  }
}

/** One ranking per awareness, living as long as it (both become garbage with the provider). */
const rankings = new WeakMap<Awareness, CaretRanking>();

/** A remote caret: a coloured bar with the person's name. Hidden from screen readers (not content). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#1A3DA5';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

function hiddenCaret(): HTMLElement {
  const el = document.createElement('span');
  el.hidden = true;
  return el;
}

/** The CollaborationCaret extension for `provider`, drawing at most MAX_CARETS carets. */
export function cappedCarets(provider: WebsocketProvider, user: PresenceUser): ReturnType<typeof CollaborationCaret.configure> {
  const awareness = provider.awareness;
  let ranking = rankings.get(awareness);
  if (!ranking) rankings.set(awareness, (ranking = new CaretRanking(awareness)));
  const r = ranking;
  return CollaborationCaret.configure({
    provider,
    user,
    render: (u) => (r.has(u.id) ? renderCaret(u) : hiddenCaret()),
    // A class, not an inline style: the Content-Security-Policy allows no style attributes.
    selectionRender: (u) => (r.has(u.id) ? { class: 'collaboration-carets__selection' } : {}),
  });
}
