/**
 * The Gesamtkonzept canvas as the client reads it: six sections, each a rich-text field of its own
 * (an XmlFragment a Tiptap editor binds to).
 *
 * Typing goes straight into one section's editor; nothing else needs to run. Two things would
 * otherwise cross sections, and this model keeps them per section:
 * - the search reads a section's text only after that section changed (`text(id)` is cached per
 *   fragment and invalidated by its own observer);
 * - carets: every editor's caret plugin redraws on every awareness change, so one person typing
 *   in one section (their caret moves with each keystroke) made all six editors redraw. A
 *   `SectionAwareness` per section passes on only the changes of people whose caret is, or just
 *   was, in that section.
 */
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CANVAS_SECTIONS, getCanvasFragment, type CanvasSection } from '../../../shared/schema/canvas';
import { foldText } from './text';

type Listener = () => void;

/** The plain text of a rich-text field: blocks separated by line breaks, marks dropped. */
export function fragmentText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const parts: string[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') parts.push(op.insert);
    } else if (child instanceof Y.XmlElement) {
      const inner = fragmentText(child);
      if (inner !== '') parts.push(parts.length > 0 && !parts[parts.length - 1]!.endsWith('\n') ? `\n${inner}` : inner);
    }
  }
  return parts.join('');
}

/** What a person can narrow the canvas to. */
export interface CanvasFilter {
  readonly text: string;
  /** One section's id ('' = all). */
  readonly section: string;
}

export const EMPTY_CANVAS_FILTER: CanvasFilter = Object.freeze({ text: '', section: '' });

export function isCanvasFilterActive(f: CanvasFilter): boolean {
  return f.text.trim() !== '' || f.section !== '';
}

export interface CanvasMatch {
  readonly id: string;
  /** Where the text was found: the section's title or guiding questions, its answer, both. */
  readonly inTemplate: boolean;
  readonly inAnswer: boolean;
}

export interface CanvasStructure {
  /** Sections shown, in canvas order, with where the search text was found. */
  readonly shown: readonly CanvasMatch[];
  readonly total: number;
}

export class CanvasModel {
  readonly sections: readonly CanvasSection[] = CANVAS_SECTIONS;
  private readonly fragments = new Map<string, Y.XmlFragment>();
  private readonly texts = new Map<string, string>();
  private readonly observers = new Map<string, () => void>();
  private readonly sectionListeners = new Map<string, Set<Listener>>();
  private readonly contentListeners = new Set<Listener>();
  private contentVersionValue = 0;
  /** How often each section's text was read (for tests: reading follows changes, not keystrokes elsewhere). */
  readonly reads = new Map<string, number>();

  constructor(readonly doc: Y.Doc) {
    for (const s of CANVAS_SECTIONS) {
      const fragment = getCanvasFragment(doc, s.id);
      const observer = () => {
        this.texts.delete(s.id);
        this.contentVersionValue++;
        for (const l of [...(this.sectionListeners.get(s.id) ?? [])]) l();
        for (const l of [...this.contentListeners]) l();
      };
      fragment.observeDeep(observer);
      this.fragments.set(s.id, fragment);
      this.observers.set(s.id, observer);
    }
  }

  destroy(): void {
    for (const [id, observer] of this.observers) this.fragments.get(id)?.unobserveDeep(observer);
    this.sectionListeners.clear();
    this.contentListeners.clear();
  }

  /** A section's answer as plain text; read again only after that section changed. */
  text(sectionId: string): string {
    let text = this.texts.get(sectionId);
    if (text === undefined) {
      const fragment = this.fragments.get(sectionId);
      text = fragment ? fragmentText(fragment) : '';
      this.texts.set(sectionId, text);
      this.reads.set(sectionId, (this.reads.get(sectionId) ?? 0) + 1);
    }
    return text;
  }

  get contentVersion(): number {
    return this.contentVersionValue;
  }

  subscribeSection(sectionId: string, listener: Listener): () => void {
    let set = this.sectionListeners.get(sectionId);
    if (!set) this.sectionListeners.set(sectionId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  subscribeContent(listener: Listener): () => void {
    this.contentListeners.add(listener);
    return () => this.contentListeners.delete(listener);
  }

  /** The sections under `filter`; the search looks at titles and guiding questions (in `lang`) and answers. */
  structure(filter: CanvasFilter, lang: 'de' | 'en'): CanvasStructure {
    const needle = foldText(filter.text.trim());
    const shown: CanvasMatch[] = [];
    for (const s of this.sections) {
      if (filter.section !== '' && s.id !== filter.section) continue;
      if (needle === '') {
        shown.push({ id: s.id, inTemplate: false, inAnswer: false });
        continue;
      }
      const inTemplate = foldText([s.title[lang], ...s.questions.map((q) => q[lang])].join('\n')).includes(needle);
      const inAnswer = foldText(this.text(s.id)).includes(needle);
      if (inTemplate || inAnswer) shown.push({ id: s.id, inTemplate, inAnswer });
    }
    return { shown, total: this.sections.length };
  }
}

// ---------------------------------------------------------------------------------------------
// Carets per section

/** A caret in text not received yet: it may be in any section. */
const UNKNOWN = '*';

type ChangeHandler = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;

/**
 * The part of an awareness a Tiptap caret plugin uses, for one section: states and the local
 * state are the real ones; 'change' fires only when a person whose caret is (or was) in this
 * section changed. 'update' (what Tiptap keeps its user list from) is not passed on.
 */
export class SectionAwareness {
  private readonly listeners = new Set<ChangeHandler>();

  constructor(
    private readonly hub: CanvasCarets,
    readonly sectionId: string,
  ) {}

  get clientID(): number {
    return this.hub.awareness.clientID;
  }

  /** The whole board's awareness this section's view is taken from. */
  get whole(): Awareness {
    return this.hub.awareness;
  }

  get doc(): Y.Doc {
    return this.hub.awareness.doc;
  }

  get states(): Map<number, Record<string, unknown>> {
    return this.hub.awareness.states as Map<number, Record<string, unknown>>;
  }

  getStates(): Map<number, Record<string, unknown>> {
    return this.hub.awareness.getStates() as Map<number, Record<string, unknown>>;
  }

  getLocalState(): Record<string, unknown> | null {
    return this.hub.awareness.getLocalState() as Record<string, unknown> | null;
  }

  setLocalStateField(field: string, value: unknown): void {
    this.hub.awareness.setLocalStateField(field, value);
  }

  on(event: string, handler: ChangeHandler): void {
    if (event === 'change') this.listeners.add(handler);
  }

  off(event: string, handler: ChangeHandler): void {
    if (event === 'change') this.listeners.delete(handler);
  }

  /** Called by the hub. */
  emit(change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    for (const l of [...this.listeners]) l(change, origin);
  }
}

/**
 * Sorts awareness changes by section: for every changed person it finds the section their caret
 * is in (once, for all six editors) and tells only the sections their caret is in or left.
 */
export class CanvasCarets {
  private readonly roots = new Map<unknown, string>();
  private readonly facades = new Map<string, SectionAwareness>();
  /** client id → the section their caret was last seen in. */
  private readonly lastSection = new Map<number, string | null>();
  private readonly onChange: ChangeHandler;
  /** How often each section was told (for tests). */
  readonly notified = new Map<string, number>();

  constructor(
    readonly awareness: Awareness,
    readonly doc: Y.Doc,
  ) {
    for (const s of CANVAS_SECTIONS) {
      this.roots.set(getCanvasFragment(doc, s.id), s.id);
      this.facades.set(s.id, new SectionAwareness(this, s.id));
    }
    for (const [clientId, state] of awareness.getStates()) this.lastSection.set(clientId, this.sectionOf(state));
    this.onChange = (change, origin) => {
      const touched = new Set<string>();
      const touch = (section: string | null) => {
        if (section === UNKNOWN) for (const s of CANVAS_SECTIONS) touched.add(s.id);
        else if (section !== null) touched.add(section);
      };
      for (const clientId of [...change.added, ...change.updated, ...change.removed]) {
        // A caret plugin never draws its own person's caret.
        if (clientId === awareness.clientID) continue;
        const before = this.lastSection.get(clientId) ?? null;
        const after = change.removed.includes(clientId) ? null : this.sectionOf(awareness.getStates().get(clientId));
        if (after === null) this.lastSection.delete(clientId);
        else this.lastSection.set(clientId, after);
        touch(before);
        touch(after);
      }
      for (const id of touched) {
        this.notified.set(id, (this.notified.get(id) ?? 0) + 1);
        this.facades.get(id)?.emit(change, origin);
      }
    };
    awareness.on('change', this.onChange);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
  }

  /** The awareness one section's editor gets. */
  section(sectionId: string): SectionAwareness {
    const facade = this.facades.get(sectionId);
    if (!facade) throw new Error(`unknown canvas section: ${sectionId}`);
    return facade;
  }

  /**
   * The section a state's caret is in; null without a caret (or outside the sections); UNKNOWN
   * when the caret points at text this replica has not received yet (every section is told).
   */
  private sectionOf(state: unknown): string | null {
    const cursor = (state as { cursor?: { anchor?: unknown } } | null | undefined)?.cursor;
    if (!cursor || typeof cursor !== 'object' || cursor.anchor === undefined) return null;
    try {
      const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), this.doc);
      if (!position) return UNKNOWN;
      let type: Y.AbstractType<unknown> = position.type;
      for (let steps = 0; type._item !== null && steps < 1000; steps++) type = type._item.parent as Y.AbstractType<unknown>;
      return this.roots.get(type) ?? null;
    } catch {
      // Someone else's state is their word: a malformed caret belongs to no section.
      return null;
    }
  }
}
