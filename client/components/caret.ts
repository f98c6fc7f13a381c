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
  private readonly elements = new Map<string, Set<HTMLElement>>();
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onChange: (change: { added: number[]; updated: number[]; removed: number[] }) => void;

  constructor(private readonly awareness: Awareness) {
    this.onChange = ({ added, updated, removed }) => {
      const states = awareness.getStates();
      for (const clientId of [...added, ...updated]) {
        const state = states.get(clientId) as { user?: { id?: unknown }; cursor?: unknown } | undefined;
        const id = typeof state?.user?.id === 'string' ? state.user.id : undefined;
        if (id && state?.cursor) {
          this.lastMoved.set(id, awareness.meta.get(clientId)?.lastUpdated ?? Date.now());
          // While there is room, a newcomer gets a caret at once (this listener runs before the
          // caret plugin's, so the caret it draws for this change is already the visible one).
          if (!this.allowed.has(id) && this.allowed.size < MAX_CARETS) this.allowed.add(id);
        }
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

  /**
   * The editor keeps a caret's element across redraws (widgets are keyed by client), so a
   * re-ranking shows or hides the elements already drawn instead of waiting for a new one.
   */
  track(participantId: unknown, el: HTMLElement): HTMLElement {
    if (typeof participantId !== 'string') return el;
    let set = this.elements.get(participantId);
    if (!set) this.elements.set(participantId, (set = new Set()));
    set.add(el);
    el.hidden = !this.allowed.has(participantId);
    return el;
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
    for (const [id, set] of this.elements) {
      for (const el of set) {
        if (el.isConnected) el.hidden = !this.allowed.has(id);
        else set.delete(el);
      }
      if (set.size === 0) this.elements.delete(id);
    }
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

/**
 * The CollaborationCaret extension for `provider`, drawing at most MAX_CARETS carets.
 *
 * With `rankBy`, the editor draws from a narrower view of that awareness (a canvas section's
 * editor hears only the people writing in that section) while the cap is counted over all of
 * `rankBy` (it holds for the whole board).
 */
export function cappedCarets(provider: WebsocketProvider, user: PresenceUser): ReturnType<typeof CollaborationCaret.configure>;
export function cappedCarets(view: { awareness: object }, user: PresenceUser, rankBy: Awareness): ReturnType<typeof CollaborationCaret.configure>;
export function cappedCarets(
  provider: WebsocketProvider | { awareness: object },
  user: PresenceUser,
  rankBy?: Awareness,
): ReturnType<typeof CollaborationCaret.configure> {
  const awareness = rankBy ?? (provider as WebsocketProvider).awareness;
  let ranking = rankings.get(awareness);
  if (!ranking) rankings.set(awareness, (ranking = new CaretRanking(awareness)));
  const r = ranking;
  return CollaborationCaret.configure({
    provider,
    user,
    render: (u) => r.track(u.id, renderCaret(u)),
    // A class, not an inline style: the Content-Security-Policy allows no style attributes.
    selectionRender: (u) => (r.has(u.id) ? { class: 'collaboration-carets__selection' } : {}),
  });
}
