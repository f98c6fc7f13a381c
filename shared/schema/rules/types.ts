/**
 * The vocabulary of the document rules: what may stand where in a Werkraum Yjs document.
 *
 * A document kind (`documents.ts`) names its root types; every shared type has a `TypeRule`
 * (a map with known fields, a plain text, a list of plain values, or rich text after the editor's
 * schema); every field of a map has a `FieldRule` (a check of a plain value, or the rule of the
 * nested type it must hold). `DocumentChecker` applies them to exactly the parts of a document
 * that one change inserted or deleted.
 */
import type * as Y from 'yjs';

/** Who made a change. The server's own changes are trusted for authorship and server-only fields. */
export type Sender =
  | { readonly kind: 'participant'; readonly participantId: string; readonly displayName: string; readonly role?: string }
  | { readonly kind: 'server' };

/** Settings of the session a document belongs to that the rules depend on. */
export interface CheckPolicy {
  /** "Nur Autorinnen/Autoren und Moderation dürfen Karten löschen". */
  readonly authorsOnlyDelete?: boolean;
}

/** Any shared type as Yjs stores it (the element type of `doc.share`). */
export type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never;

export const SERVER_SENDER: Sender = Object.freeze({ kind: 'server' });

/** What a value check may know about the place the value is written to. */
export interface ValueContext {
  readonly sender: Sender;
  /** The map holding this value was created in the same change (e.g. a new card). */
  readonly parentCreated: boolean;
  /**
   * The value the sender saw at this place when it wrote (the map entry its new value was
   * inserted after), if it is still known; undefined for a new key.
   */
  readonly seen: unknown;
  /**
   * The value the sender wrote over was gone from this place before this change (replaced or
   * removed by a change the server accepted earlier, maybe the sender's own).
   */
  readonly seenGone: boolean;
  /**
   * True when the sender removed exactly this value from exactly this place earlier: an undo
   * puts back what its own user's change removed, including fields only the server writes.
   */
  restores(value: unknown): boolean;
  /**
   * Guarded values that stood at this place before, written or removed by changes the checker
   * accepted (as far as it remembers; not what a stored document held when it was loaded).
   */
  earlier(): unknown[];
}

/** Returns undefined when the value is fine, else what is wrong (no content in it). */
export type ValueCheck = (value: unknown, ctx: ValueContext) => string | undefined;

export interface FieldRule {
  /** A plain value (Y.Map.set of a JSON value). */
  readonly value?: ValueCheck;
  /** A nested shared type of exactly this rule's class. */
  readonly type?: TypeRule;
  /**
   * Written by the server or as authorship: a participant may remove it only together with the
   * map that holds it, or by replacing it with a value its check accepts. What a participant's
   * change removes is remembered, so that an undo of that change may put it back.
   */
  readonly guarded?: boolean;
  /** Whether a participant may nevertheless remove this guarded value (e.g. a whole authorship record). */
  readonly removable?: boolean | ((sender: Sender, value: unknown) => boolean);
  /**
   * The entry is an item with an author (`createdBy` on the item map): deleting someone else's
   * needs a deletion record in the root map `records` (moderators: optional), and is refused
   * when the session lets only authors and the moderation delete (`CheckPolicy`).
   */
  readonly owned?: { readonly records: string };
  /** The entry is a deletion record (`schema/deletions.ts`), checked against the deletion it reports. */
  readonly deletionRecord?: boolean;
  /** Largest plain value as JSON; default `Limits.valueMaxBytes`. */
  readonly maxBytes?: number;
}

export interface MapRule {
  readonly kind: 'map';
  readonly name: string;
  /** The rule of a key, or undefined when the key may not exist. */
  field(key: string): FieldRule | undefined;
  readonly maxEntries?: number;
}

export interface TextRule {
  readonly kind: 'text';
  readonly name: string;
  readonly maxLength: number;
  /** A title or a name: no bidirectional override or isolate controls. */
  readonly singleLine: boolean;
}

export interface ArrayRule {
  readonly kind: 'array';
  readonly name: string;
  readonly item: (value: unknown) => string | undefined;
  readonly maxLength: number;
}

/** An XmlFragment (node null: the document itself) or an XmlElement of a rich-text field. */
export interface XmlRule {
  readonly kind: 'xml';
  readonly name: string;
  readonly schema: RichSchema;
  readonly node: string | null;
}

/** Text inside rich text: y-prosemirror stores marks as formatting attributes. */
export interface XmlTextRule {
  readonly kind: 'xmlText';
  readonly name: string;
  readonly schema: RichSchema;
  /** False inside a code block, whose text has no marks. */
  readonly marks: boolean;
}

export type TypeRule = MapRule | TextRule | ArrayRule | XmlRule | XmlTextRule;

/** What a node may contain: blocks, inline content (text and inline nodes), plain text, list items, nothing. */
export type NodeContent = 'block' | 'inline' | 'text' | 'listItem' | 'none';

export interface NodeSpec {
  /** Where the node may stand: 'block' in block content, 'inline' in inline content, 'listItem' in lists. */
  readonly group: 'block' | 'inline' | 'listItem';
  readonly content: NodeContent;
  /** Attribute checks; an attribute not named here may not be set. */
  readonly attrs: Readonly<Record<string, (value: unknown) => boolean>>;
}

/** The nodes and marks of one editor configuration (Tiptap's StarterKit as configured by the client). */
export interface RichSchema {
  readonly name: string;
  readonly nodes: Readonly<Record<string, NodeSpec>>;
  readonly marks: Readonly<Record<string, (value: unknown) => boolean>>;
}

/** A change to one key of a map, as the document-wide checks see it. */
export interface TouchedKey {
  /** Path of the map: its root's name, then the map keys down to it (`items/<id>`). */
  readonly path: string;
  readonly key: string;
}

/** Checks that look across items (e.g. the depth of the goal tree). */
export interface AggregateRule {
  readonly name: string;
  /** After a change: only the touched keys are looked at. */
  check(doc: Y.Doc, touched: readonly TouchedKey[]): string | undefined;
  /** When a stored document is loaded: repairs what it can inside the running transaction. */
  repair(doc: Y.Doc): string[];
}

export interface DocumentRules {
  readonly kind: string;
  /** The rule of a root type by its name, or undefined when no such root may exist. */
  root(name: string): TypeRule | undefined;
  readonly aggregates: readonly AggregateRule[];
}

/** A rule that failed: `rule` names it for logs (never the content). */
export interface Failure {
  readonly rule: string;
}
