/**
 * Presence for a room of a hundred: who is here, and who is editing which item, read from a
 * document's Yjs awareness incrementally.
 *
 * The server relays presence in batches (every 50 ms); each batch names the client ids that
 * changed. This store updates only those entries — no pass over everyone per beat — and tells
 * exactly the items whose editors changed, so one person moving between cards re-renders two
 * cards, not the board. The people list is rebuilt at most every PEOPLE_INTERVAL_MS.
 *
 * The server stamps `user.id`, `user.name` and `user.role` from the connection, so these can be
 * trusted as far as the server's record goes; anything else in a state is the client's word.
 */
import { type FocusEvent, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/**
 * What a person shows the others in a document's awareness (presence list, carets, "who edits
 * this card"): one entry per browser tab, the same `id` for the same person.
 */
export interface PresenceUser {
  /** participantId; the same person in two tabs shares it. */
  id: string;
  name: string;
  color: string;
  role: string;
}

export interface PresencePerson {
  /** participantId; one person with two tabs is one entry. */
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly role: string;
  readonly self: boolean;
}

interface ClientEntry {
  person: Omit<PresencePerson, 'self'>;
  editing: string | null;
}

/** The awareness field naming the item a person is editing (a card id, a goal id …). */
export const EDITING_FIELD = 'editing';
const PEOPLE_INTERVAL_MS = 250;

function readEntry(clientId: number, state: unknown): ClientEntry | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as { user?: Record<string, unknown>; [EDITING_FIELD]?: unknown };
  const u = s.user;
  if (!u || typeof u.name !== 'string') return undefined;
  const id = typeof u.id === 'string' && u.id !== '' ? u.id : `client-${clientId}`;
  return {
    person: {
      id,
      name: u.name,
      color: typeof u.color === 'string' ? u.color : '#5A607F',
      role: typeof u.role === 'string' ? u.role : 'participant',
    },
    editing: typeof s[EDITING_FIELD] === 'string' ? (s[EDITING_FIELD] as string) : null,
  };
}

export class PresenceStore {
  private readonly clients = new Map<number, ClientEntry>();
  private self: Omit<PresencePerson, 'self'> | undefined;
  /** item id → client id → name */
  private readonly editors = new Map<string, Map<number, string>>();
  private readonly editorLists = new Map<string, readonly string[]>();
  private readonly itemListeners = new Map<string, Set<() => void>>();
  private readonly peopleListeners = new Set<() => void>();
  private peopleList: readonly PresencePerson[] = [];
  private peopleDirty = true;
  private peopleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onChange: (change: { added: number[]; updated: number[]; removed: number[] }) => void;

  constructor(
    private readonly awareness: Awareness,
    private readonly selfParticipantId: string,
  ) {
    for (const [clientId, state] of awareness.getStates()) this.set(clientId, state, new Set());
    this.onChange = ({ added, updated, removed }) => {
      const touched = new Set<string>();
      for (const id of [...added, ...updated]) this.set(id, awareness.getStates().get(id), touched);
      for (const id of removed) this.set(id, undefined, touched);
      for (const item of touched) {
        this.editorLists.delete(item);
        for (const l of [...(this.itemListeners.get(item) ?? [])]) l();
      }
      this.peopleDirty = true;
      this.schedulePeople();
    };
    awareness.on('change', this.onChange);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    if (this.peopleTimer) clearTimeout(this.peopleTimer);
    this.itemListeners.clear();
    this.peopleListeners.clear();
  }

  private set(clientId: number, state: unknown, touched: Set<string>): void {
    const before = this.clients.get(clientId);
    const after = clientId === this.awareness.clientID ? undefined : readEntry(clientId, state);
    if (before?.editing && before.editing !== after?.editing) {
      this.editors.get(before.editing)?.delete(clientId);
      touched.add(before.editing);
    }
    if (after?.editing && (before?.editing !== after.editing || before.person.name !== after.person.name)) {
      let m = this.editors.get(after.editing);
      if (!m) this.editors.set(after.editing, (m = new Map()));
      m.set(clientId, after.person.name);
      touched.add(after.editing);
    }
    if (after) this.clients.set(clientId, after);
    else this.clients.delete(clientId);
    // Own state is kept out of `clients` (readEntry skipped it) but still counts as present.
    if (clientId === this.awareness.clientID) {
      const own = readEntry(clientId, state);
      if (own) this.self = own.person;
    }
  }

  /** Names of the other people editing `itemId` (each person once). */
  editorsOf(itemId: string): readonly string[] {
    let list = this.editorLists.get(itemId);
    if (!list) {
      const names = new Set<string>();
      for (const [clientId, name] of this.editors.get(itemId) ?? []) {
        if (this.clients.get(clientId)?.person.id === this.selfParticipantId) continue;
        names.add(name);
      }
      list = Object.freeze([...names]);
      this.editorLists.set(itemId, list);
    }
    return list;
  }

  subscribeEditors(itemId: string, listener: () => void): () => void {
    let set = this.itemListeners.get(itemId);
    if (!set) this.itemListeners.set(itemId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.itemListeners.delete(itemId);
    };
  }

  /** Everyone present, the person themself first, then by name; each participant once. */
  people(): readonly PresencePerson[] {
    if (this.peopleDirty) {
      this.peopleDirty = false;
      const byId = new Map<string, PresencePerson>();
      if (this.self) byId.set(this.self.id, { ...this.self, self: true });
      for (const { person } of this.clients.values()) {
        if (byId.has(person.id)) continue;
        byId.set(person.id, { ...person, self: person.id === this.selfParticipantId });
      }
      this.peopleList = Object.freeze(
        [...byId.values()].sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name, 'de') : a.self ? -1 : 1)),
      );
    }
    return this.peopleList;
  }

  subscribePeople(listener: () => void): () => void {
    this.peopleListeners.add(listener);
    return () => this.peopleListeners.delete(listener);
  }

  private schedulePeople(): void {
    if (this.peopleTimer || this.peopleListeners.size === 0) return;
    this.peopleTimer = setTimeout(() => {
      this.peopleTimer = undefined;
      for (const l of [...this.peopleListeners]) l();
    }, PEOPLE_INTERVAL_MS);
  }
}

const NO_EDITORS: readonly string[] = Object.freeze([]);
const noSubscribe = () => () => {};

/** The other people editing `itemId` right now; re-renders only when they change. */
export function useEditors(store: PresenceStore | undefined, itemId: string): readonly string[] {
  const subscribe = useCallback((cb: () => void) => (store ? store.subscribeEditors(itemId, cb) : noSubscribe()), [store, itemId]);
  const get = useCallback(() => (store ? store.editorsOf(itemId) : NO_EDITORS), [store, itemId]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Everyone present (updated at most four times a second). */
export function usePeople(store: PresenceStore | undefined): readonly PresencePerson[] {
  const subscribe = useCallback((cb: () => void) => (store ? store.subscribePeople(cb) : noSubscribe()), [store]);
  const get = useCallback(() => (store ? store.people() : (NO_EDITORS as unknown as readonly PresencePerson[])), [store]);
  return useSyncExternalStore(subscribe, get, get);
}

/** A presence store over `awareness` for as long as the calling component is mounted. */
export function usePresenceStore(awareness: Awareness | undefined, selfParticipantId: string): PresenceStore | undefined {
  const [store, setStore] = useState<PresenceStore | undefined>();
  useEffect(() => {
    if (!awareness) return;
    const next = new PresenceStore(awareness, selfParticipantId);
    setStore(next);
    return () => {
      next.destroy();
      setStore(undefined);
    };
  }, [awareness, selfParticipantId]);
  return store;
}

/**
 * Tells the others who is on a board and which of its items the focus is in: sets the awareness
 * `user`, and `EDITING_FIELD` to the `attribute` value of the item element holding the focus
 * (cleared when the focus leaves every item, and when the board closes). Spread the returned
 * handlers on the board's root element.
 */
export function useEditingPresence(
  awareness: Awareness,
  user: unknown,
  attribute: string,
): { onFocusCapture: (e: FocusEvent<HTMLElement>) => void; onBlurCapture: (e: FocusEvent<HTMLElement>) => void } {
  useEffect(() => {
    awareness.setLocalStateField('user', user);
    return () => awareness.setLocalStateField(EDITING_FIELD, null);
  }, [awareness, user]);
  return useMemo(() => {
    const selector = `[${attribute}]`;
    const itemOf = (el: EventTarget | null) => (el instanceof Element ? el.closest(selector)?.getAttribute(attribute) ?? null : null);
    return {
      onFocusCapture: (e) => {
        const id = itemOf(e.target);
        if (awareness.getLocalState()?.[EDITING_FIELD] !== id) awareness.setLocalStateField(EDITING_FIELD, id);
      },
      onBlurCapture: (e) => {
        if (!itemOf(e.relatedTarget) && awareness.getLocalState()?.[EDITING_FIELD]) awareness.setLocalStateField(EDITING_FIELD, null);
      },
    };
  }, [awareness, attribute]);
}
