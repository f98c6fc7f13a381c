/**
 * Checks Yjs changes against a document kind's rules, at a cost proportional to the change.
 *
 * `checkTransaction` runs in the `afterTransaction` event of the document the change was applied
 * to (the server applies every update to a copy of the accepted state first). It looks at exactly
 * the structs the transaction inserted — for every client whose clock advanced from
 * `tr.beforeState` to `tr.afterState`, the structs in that clock range of the struct store — and
 * at the structs it deleted (`tr.deleteSet`), before Yjs garbage-collects their content. Each
 * inserted item is checked against the rule of its parent type (`item.parent`; `item.parentSub`
 * is the map key); a type's rule is found from its path to the root (`type._item.parent` up to a
 * root, whose name is looked up in `doc.share`), cached per type. Then the limits of the types it
 * touched: a text's length is `type._length`; a map's entry count is kept per map and updated
 * from the changed keys only; document-wide rules (the goal tree's depth) get the changed keys.
 *
 * Things to know about Yjs that this relies on (yjs 13.6, `src/utils/Transaction.js`,
 * `src/structs/Item.js`):
 * - `afterTransaction` is emitted before the transaction's deleted content is garbage-collected
 *   and before structs are merged, so deleted values can still be read and new items are whole.
 * - A map set inserts a new item for the key and deletes the previous one; the items of one key
 *   form a list (`left`), its last one is `type._map.get(key)`.
 * - Deleting a type deletes its children in the same transaction (so they are in its delete set).
 * - Items integrated into a deleted parent are deleted at once; deleted items hold nothing visible
 *   and are not checked.
 * - Nested types created in the same transaction are not in `tr.changed`: it is not used.
 * - Root types referenced by an update but never asked for are plain `AbstractType`s; only their
 *   generic fields (`_map`, `_start`, `_length`) are read.
 *
 * `findViolations` and `repair` walk a whole document once (for documents stored before a rule
 * existed); `repair` runs inside a transaction and removes or fixes what breaks a rule.
 */
import * as Y from 'yjs';
import { Limits } from '../../limits';
import { markCheck, nodeSpec, xmlRule, xmlTextRule } from './richSchemas';
import type { CheckPolicy, DocumentRules, Failure, MapRule, Sender, SharedType, TouchedKey, TypeRule, ValueContext } from './types';
import { canonicalJson, isAuthor } from './values';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

interface TypeInfo {
  readonly spec: TypeRule;
  /** Nesting below the root (rich text: element depth). */
  readonly depth: number;
  /** Root name, then the map keys down to the type (`items/<id>`); list children add `[]`. */
  readonly path: string;
}

/** How a violation found in a stored document is repaired. */
export type Fix = 'remove' | 'wrap' | 'truncate' | 'keep';

interface Fail extends Failure {
  readonly fix: Fix;
}

export type Violation =
  | { readonly rule: string; readonly fix: 'remove' | 'wrap'; readonly item: Y.Item }
  | { readonly rule: string; readonly fix: 'truncate'; readonly type: SharedType; readonly max: number }
  | { readonly rule: string; readonly fix: 'keep' };

const isFail = (v: TypeInfo | Fail | undefined): v is Fail => v !== undefined && !('spec' in v);
const fail = (rule: string, fix: Fix = 'remove'): Fail => ({ rule, fix });

/** Type nesting the checker follows at all (rich text stops far earlier, at Limits.richTextMaxDepth). */
const MAX_NESTING = 64;
/** Values one participant removed that an undo may put back, per document. */
const MEMORY_PER_PARTICIPANT = 10_000;
/** Places whose earlier guarded values are remembered, per document, and values per place. */
const HISTORY_PLACES = 50_000;
const HISTORY_PER_PLACE = 16;
/** Deleted items with an author remembered per document, for a second deleter's record. */
const GONE_ITEMS = 10_000;
/** Map values removed by someone else's change (garbage-collected since) remembered per document, for a deleter's snapshot. */
const OVERWRITTEN_VALUES = 10_000;
/** Characters of those (texts) at most. */
const OVERWRITTEN_CHARS = 200_000;

/** Names for logs: identifiers only, never free text. */
function label(s: string): string {
  return /^[\w:.-]{1,120}$/.test(s) ? s : '<name>';
}

interface Run {
  /** Null for a walk over a stored document. */
  readonly tr: Y.Transaction | null;
  readonly sender: Sender;
  /** Texts and lists the change inserted into (their length is checked). */
  readonly lists: Map<SharedType, TypeInfo>;
  /** Maps whose keys the change touched. */
  readonly keys: Map<SharedType, { info: TypeInfo; keys: Set<string> }>;
  /**
   * Guarded values the change removed (place, value): remembered for an undo only once the whole
   * change is accepted — a refused change removed nothing.
   */
  readonly removals: [string, unknown][];
  /** Guarded values the change wrote (place, value): remembered as having stood there once accepted. */
  readonly written: [string, unknown][];
  readonly policy: CheckPolicy;
  /** Items with an author someone else deleted, by `<records root>\0<id>`. */
  readonly owned: Map<string, OwnedDeletion>;
  /** Items with an author the change deleted (anyone's, by anyone), remembered once it is accepted. */
  readonly gone: [string, GoneItem][];
  /** Map values the change removed while their map stays (`client:clock` → value), kept once accepted. */
  readonly overwritten: [string, unknown][];
  /** The delete set of the update the sender sent (decoded on first use), if it was given. */
  readonly seen: () => DeleteSet | undefined;
  /** Deletion records the change wrote. */
  readonly records: { readonly root: string; readonly key: string; readonly place: string; readonly value: unknown; readonly name: string }[];
}

/** An item with an author that an accepted change deleted: what a record of its deletion must say. */
interface GoneItem {
  /** The map that held it (the item may come back there: restored, or an undo). */
  readonly map: SharedType;
  readonly key: string;
  /** Canonical JSON of its author and of its snapshot. */
  readonly author: string;
  readonly snapshot: string;
}

interface OwnedDeletion {
  readonly name: string;
  readonly author: { participantId: string; displayName: string };
  /** The deleted item map (its content is readable until the transaction is cleaned up). */
  readonly type: SharedType;
  /** A participant who is not a moderator must write a record. */
  readonly required: boolean;
  recorded: boolean;
}

function insertedIn(tr: Y.Transaction | null, item: Y.Item): boolean {
  return tr !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/**
 * The value a map held at `key` before the transaction `tr`: the newest entry for the key that
 * `tr` did not insert (live, or deleted by `tr` and so not yet garbage-collected).
 */
function valueBefore(tr: Y.Transaction | null, parent: SharedType, key: string): unknown {
  let s: Y.Item | null = parent._map.get(key) ?? null;
  while (s !== null && insertedIn(tr, s)) s = s.left;
  return s !== null && s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined;
}

function maxLengthOf(spec: TypeRule): number | undefined {
  switch (spec.kind) {
    case 'text':
    case 'array':
      return spec.maxLength;
    case 'xmlText':
      return Limits.richTextBlockMaxLength;
    default:
      return undefined;
  }
}

function classFits(spec: TypeRule, type: SharedType): boolean {
  switch (spec.kind) {
    case 'map':
      return type instanceof Y.Map && !(type instanceof Y.XmlHook);
    case 'text':
      return type instanceof Y.Text && !(type instanceof Y.XmlText);
    case 'array':
      return type instanceof Y.Array;
    case 'xml':
      return spec.node === null ? type instanceof Y.XmlFragment && !(type instanceof Y.XmlElement) : type instanceof Y.XmlElement;
    case 'xmlText':
      return type instanceof Y.XmlText;
  }
}

export class DocumentChecker {
  private readonly infos = new WeakMap<SharedType, TypeInfo | Fail>();
  private readonly rootNames = new WeakMap<SharedType, string>();
  private readonly counts = new WeakMap<SharedType, number>();
  private readonly shareSizes = new WeakMap<Y.Doc, number>();
  /** participant → place (`path\0key`) → canonical JSON of values its changes removed. */
  private readonly removed = new Map<string, Map<string, Set<string>>>();
  /** place → canonical JSON of guarded values that stood there (written or removed by accepted changes). */
  private readonly history = new Map<string, Set<string>>();
  /** `<records root>\0<id>` → an item with an author that was deleted (see `GoneItem`). */
  private readonly gone = new Map<string, GoneItem>();
  /**
   * `client:clock` of a map entry an accepted change removed, its map staying → the value it held;
   * `t<client>:<clock>` of characters removed from a text that stays → the characters.
   */
  private readonly overwritten = new Map<string, unknown>();
  private overwrittenChars = 0;

  constructor(readonly rules: DocumentRules) {}

  /**
   * Checks what one transaction inserted and deleted. Returns the first rule it breaks, or
   * undefined. Call from the document's `afterTransaction` event. `update` is the update (v1) the
   * transaction applied, when it came from a peer: a deletion record's snapshot that is not the
   * item as the server holds it is checked against the item as the sender saw it, which its
   * delete set tells (see `snapshotSeen`). It is only decoded then.
   */
  checkTransaction(tr: Y.Transaction, sender: Sender, policy: CheckPolicy = {}, update?: Uint8Array): Failure | undefined {
    let seen: DeleteSet | undefined;
    const run: Run = {
      tr,
      sender,
      lists: new Map(),
      keys: new Map(),
      removals: [],
      written: [],
      policy,
      owned: new Map(),
      gone: [],
      records: [],
      overwritten: [],
      seen: () => (seen ??= update === undefined ? undefined : readDeleteSet(update)),
    };
    const doc = tr.doc;
    const failure = this.checkInserted(run, doc) ?? this.checkDeleted(run, doc) ?? this.checkDeletionRecords(run) ?? this.checkLimits(run, doc);
    if (failure) return { rule: failure.rule };
    if (sender.kind === 'participant') for (const [place, value] of run.removals) this.remember(sender.participantId, place, value);
    for (const [place, value] of [...run.removals, ...run.written]) this.addHistory(place, value);
    for (const [place, item] of run.gone) {
      this.gone.delete(place);
      if (this.gone.size >= GONE_ITEMS) this.gone.delete(this.gone.keys().next().value!);
      this.gone.set(place, item);
    }
    for (const [id, value] of run.overwritten) {
      this.forget(id);
      this.overwritten.set(id, value);
      if (typeof value === 'string' && id.startsWith('t')) this.overwrittenChars += value.length;
      while (this.overwritten.size > OVERWRITTEN_VALUES || this.overwrittenChars > OVERWRITTEN_CHARS) this.forget(this.overwritten.keys().next().value!);
    }
    return undefined;
  }

  private checkInserted(run: Run, doc: Y.Doc): Fail | undefined {
    const tr = run.tr!;
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const s = structs[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const f = this.checkItem(s, run);
        if (f) return f;
      }
    }
    return undefined;
  }

  private checkDeleted(run: Run, doc: Y.Doc): Fail | undefined {
    const tr = run.tr!;
    for (const [client, ranges] of tr.deleteSet.clients) {
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      const before = tr.beforeState.get(client) ?? 0;
      for (const { clock, len } of ranges) {
        if (clock >= before) {
          // Inserted and deleted by this change: never visible here, nothing to check. A map value
          // that lost to a concurrent write still stood on the sender's side: remembered for its
          // snapshot when it deletes the map (snapshotSeen).
          this.rememberLost(run, structs, clock, clock + len);
          continue;
        }
        const end = Math.min(clock + len, before);
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i]!;
          if (s.id.clock >= end) break;
          if (s instanceof Y.Item) {
            const f = this.checkDeletion(s, run);
            if (f) return f;
          }
        }
      }
    }
    return undefined;
  }

  private forget(id: string): void {
    const value = this.overwritten.get(id);
    if (typeof value === 'string' && id.startsWith('t')) this.overwrittenChars -= value.length;
    this.overwritten.delete(id);
  }

  private rememberLost(run: Run, structs: (Y.Item | Y.GC | Y.Skip)[], start: number, end: number): void {
    for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= end) break;
      if (!(s instanceof Y.Item) || s.parentSub === null || !(s.content instanceof Y.ContentAny)) continue;
      const parent = s.parent;
      // Only a value that is not its key's last one lost to a concurrent write.
      if (!(parent instanceof Y.AbstractType) || parent._item === null || parent._map.get(s.parentSub) === s) continue;
      const arr = s.content.arr;
      for (let k = 0; k < arr.length; k++) run.overwritten.push([`${s.id.client}:${s.id.clock + k}`, arr[k]]);
    }
  }

  /**
   * Every deletion record the change wrote reports a deletion it made: the deleter is the sender
   * (checked with the value), the author the deleted item's `createdBy`, the snapshot what was
   * deleted. A participant who is not a moderator deleted no one else's item without a record.
   */
  private checkDeletionRecords(run: Run): Fail | undefined {
    if (run.sender.kind !== 'participant') return undefined;
    const tr = run.tr!;
    for (const record of run.records) {
      const deletion = run.owned.get(`${record.root}\u0000${record.key}`);
      // An undo puts back a record its own user's change removed; it was checked when written.
      if (this.wasRemovedBy(run.sender, record.place, record.value)) {
        if (deletion) deletion.recorded = true;
        continue;
      }
      if (!deletion) {
        // Two people deleted the item at once: the other deletion reached the server first. The
        // record must say what a record of that deletion would have said.
        const gone = this.gone.get(`${record.root}\u0000${record.key}`);
        const current = gone?.map._map.get(gone.key);
        if (!gone || (current !== undefined && !current.deleted)) return fail(`${record.name}: reports no deletion of this change`);
        const v = record.value as { author?: unknown; item?: unknown };
        if (canonicalJson(v.author) !== gone.author) return fail(`${record.name}: author is not the deleted item's`);
        if (canonicalJson(v.item) !== gone.snapshot) return fail(`${record.name}: snapshot is not the deleted item, as deleted first`);
        continue;
      }
      const v = record.value as { author?: unknown; item?: unknown };
      if (canonicalJson(v.author) !== canonicalJson(deletion.author)) return fail(`${record.name}: author is not the deleted item's`);
      if (canonicalJson(v.item) !== canonicalJson(snapshotDeleted(deletion.type, tr)) && !this.snapshotAsSeen(run, deletion.type, v.item)) {
        return fail(`${record.name}: snapshot is not the deleted item`);
      }
      deletion.recorded = true;
    }
    for (const d of run.owned.values()) if (d.required && !d.recorded) return fail(`${d.name}: someone else's item deleted without a deletion record`);
    return undefined;
  }

  /**
   * Someone else changed the item after the sender saw it, and that change reached the server
   * first: the snapshot must be the item as the sender saw it, rebuilt from the sender's delete set.
   */
  private snapshotAsSeen(run: Run, type: SharedType, item: unknown): boolean {
    const seen = run.seen();
    if (!seen) return false;
    // Values this change itself removed (a write of the sender's that lost to a concurrent one).
    const overwritten = run.overwritten.length === 0 ? this.overwritten : new Map([...this.overwritten, ...run.overwritten]);
    const rebuilt = snapshotSeen(type, seen, overwritten);
    return rebuilt !== undefined && canonicalJson(item) === canonicalJson(rebuilt);
  }

  private wasRemovedBy(sender: Sender, place: string, value: unknown): boolean {
    return sender.kind === 'participant' && (this.removed.get(sender.participantId)?.get(place)?.has(canonicalJson(value)) ?? false);
  }

  private checkLimits(run: Run, doc: Y.Doc): Fail | undefined {
    for (const [type, info] of run.lists) {
      const max = maxLengthOf(info.spec);
      if (max !== undefined && type._length > max) return fail(`${info.spec.name}: longer than ${max}`);
    }
    const touched: TouchedKey[] = [];
    for (const [type, { info, keys }] of run.keys) {
      for (const key of keys) touched.push({ path: info.path, key });
      const spec = info.spec as MapRule;
      if (spec.maxEntries === undefined) continue;
      let delta = 0;
      for (const key of keys) delta += this.entryDelta(run.tr!, type, key);
      const cached = this.counts.get(type);
      const count = cached === undefined ? liveEntries(type) : cached + delta;
      this.counts.set(type, count);
      if (delta > 0 && count > spec.maxEntries) return fail(`${spec.name}: more than ${spec.maxEntries} entries`);
    }
    const size = doc.share.size;
    const known = this.shareSizes.get(doc);
    this.shareSizes.set(doc, size);
    if (size > Limits.rootTypesMax && known !== undefined && size > known) return fail(`more than ${Limits.rootTypesMax} shared types`);
    for (const aggregate of this.rules.aggregates) {
      const wrong = aggregate.check(doc, touched);
      if (wrong) return fail(wrong);
    }
    return undefined;
  }

  /** +1 when the change made the key exist, −1 when it removed it, else 0. */
  private entryDelta(tr: Y.Transaction, type: SharedType, key: string): number {
    const current = type._map.get(key);
    const after = current !== undefined && !current.deleted;
    let prev: Y.Item | null = current ?? null;
    while (prev !== null && insertedIn(tr, prev)) prev = prev.left;
    const before = prev !== null && (!prev.deleted || Y.isDeleted(tr.deleteSet, prev.id));
    return (after ? 1 : 0) - (before ? 1 : 0);
  }

  // -------------------------------------------------------------------------------------------
  // One item

  private checkItem(item: Y.Item, run: Run): Fail | undefined {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return fail('item without a parent');
    const info = this.infoOf(parent);
    if (isFail(info)) return info;
    const spec = info.spec;
    const content = item.content;
    const key = item.parentSub;
    switch (spec.kind) {
      case 'map': {
        if (key === null) return fail(`${spec.name}: list content in a map`);
        const rule = spec.field(key);
        if (!rule) return fail(`${spec.name}: no field ${label(key)}`);
        this.touchKey(run, parent, info, key);
        if (content instanceof Y.ContentType) {
          const child = this.childInfo(info, item);
          return isFail(child) ? child : undefined;
        }
        if (!(content instanceof Y.ContentAny) || !rule.value || content.arr.length !== 1) return fail(`${spec.name}.${label(key)}: wrong kind of content`);
        const value = content.arr[0];
        const maxBytes = rule.maxBytes ?? Limits.valueMaxBytes;
        if (tooLarge(value, maxBytes)) return fail(`${spec.name}.${label(key)}: value larger than ${maxBytes} bytes`);
        const wrong = rule.value(value, this.valueContext(item, parent, info, key, run));
        if (wrong) return fail(`${spec.name}.${label(key)}: ${wrong}`);
        if (rule.guarded) run.written.push([`${info.path}\u0000${key}`, value]);
        if (rule.deletionRecord) run.records.push({ root: info.path, key, place: `${info.path}\u0000${key}`, value, name: spec.name });
        return undefined;
      }
      case 'text': {
        if (key !== null || !(content instanceof Y.ContentString)) return fail(`${spec.name}: only plain text`);
        if (spec.singleLine && /[\u202A-\u202E\u2066-\u2069]/.test(content.str)) return fail(`${spec.name}: bidirectional control characters`);
        run.lists.set(parent, info);
        return undefined;
      }
      case 'array': {
        if (key !== null || !(content instanceof Y.ContentAny)) return fail(`${spec.name}: only plain values`);
        for (const v of content.arr) {
          const wrong = tooLarge(v) ? 'too large' : spec.item(v);
          if (wrong) return fail(`${spec.name}: ${wrong}`);
        }
        run.lists.set(parent, info);
        return undefined;
      }
      case 'xml': {
        if (key !== null) {
          const node = spec.node === null ? undefined : nodeSpec(spec.schema, spec.node);
          const check = node && Object.hasOwn(node.attrs, key) ? node.attrs[key] : undefined;
          if (!check) return fail(`${spec.name}: no attribute ${label(key)}`);
          if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || tooLarge(content.arr[0]) || !check(content.arr[0])) {
            return fail(`${spec.name}: invalid ${label(key)}`);
          }
          return undefined;
        }
        if (!(content instanceof Y.ContentType)) return fail(`${spec.name}: only nodes`);
        const child = this.childInfo(info, item);
        return isFail(child) ? child : undefined;
      }
      case 'xmlText': {
        if (key !== null) return fail(`${spec.name}: attributes on text`);
        if (content instanceof Y.ContentString) {
          run.lists.set(parent, info);
          return undefined;
        }
        if (content instanceof Y.ContentFormat) {
          const check = markCheck(spec.schema, content.key);
          if (!check) return fail(`${spec.name}: unknown mark ${label(content.key)}`);
          if (content.value === null) return undefined;
          if (!spec.marks) return fail(`${spec.name}: marks in a code block`);
          if (tooLarge(content.value) || !check(content.value)) {
            return fail(content.key.startsWith('link') ? `${spec.name}: link target must be http, https or mailto` : `${spec.name}: invalid ${label(content.key)} mark`);
          }
          return undefined;
        }
        return fail(`${spec.name}: only text and marks`);
      }
    }
  }

  private checkDeletion(item: Y.Item, run: Run): Fail | undefined {
    const parent = item.parent;
    const key = item.parentSub;
    if (!(parent instanceof Y.AbstractType)) return undefined;
    if (key === null) {
      // (Plain texts held by a map field only: what a deletion snapshot reads.)
      if (item.content instanceof Y.ContentString && parent._item !== null && parent._item.parentSub !== null && !parent._item.deleted && run.tr) {
        // Characters of a text that stays: garbage-collected after this change, kept for the
        // snapshot of someone who saw them (snapshotSeen).
        run.overwritten.push([`t${item.id.client}:${item.id.clock}`, item.content.str]);
      }
      return undefined;
    }
    const info = this.infoOf(parent);
    if (isFail(info) || info.spec.kind !== 'map') return undefined;
    // The map itself is deleted (e.g. a whole card): its fields go with it.
    const withParent = parent._item !== null && parent._item.deleted;
    if (!withParent) this.touchKey(run, parent, info, key);
    if (!withParent && item.content instanceof Y.ContentAny && run.tr) {
      // Garbage-collected after this change: kept for the snapshot of someone who saw it (snapshotSeen).
      const arr = item.content.arr;
      for (let i = 0; i < arr.length; i++) run.overwritten.push([`${item.id.client}:${item.id.clock + i}`, arr[i]]);
    }
    const rule = info.spec.field(key);
    if (rule?.owned && !withParent && item.content instanceof Y.ContentType) {
      const type = item.content.type;
      const createdBy = type._map.get('createdBy');
      const author = createdBy?.content instanceof Y.ContentAny ? createdBy.content.arr[0] : undefined;
      if (run.tr && isAuthor(author)) {
        run.gone.push([`${rule.owned.records}\u0000${key}`, { map: parent, key, author: canonicalJson(author), snapshot: canonicalJson(snapshotDeleted(type, run.tr)) }]);
      }
      const f = this.checkOwnedDeletion(run, item.content.type, key, info.spec.name, rule.owned.records);
      if (f) return f;
    }
    if (!rule?.guarded) return undefined;
    const sender = run.sender;
    if (sender.kind !== 'participant') return undefined;
    const removedValue = item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
    if (item.content instanceof Y.ContentAny) run.removals.push([`${info.path}\u0000${key}`, removedValue]);
    if (withParent || (typeof rule.removable === 'function' ? rule.removable(sender, removedValue) : rule.removable)) return undefined;
    const current = parent._map.get(key);
    if (current && !current.deleted && insertedIn(run.tr, current)) return undefined; // replaced; the new value was checked
    return fail(`${info.spec.name}.${label(key)}: removed, but only the server may remove it`);
  }

  /**
   * A participant deletes an item with an author: their own always; someone else's only when the
   * session lets everyone delete or they moderate, and then with a deletion record (moderators:
   * optional, e.g. duplicates merged into one card, whose authors the card keeps).
   */
  private checkOwnedDeletion(run: Run, type: SharedType, key: string, name: string, records: string): Fail | undefined {
    const sender = run.sender;
    if (sender.kind !== 'participant') return undefined;
    const createdBy = type._map.get('createdBy');
    const author = createdBy?.content instanceof Y.ContentAny ? createdBy.content.arr[0] : undefined;
    // Nobody to ask or tell about an item without an author.
    if (!isAuthor(author) || author.participantId === '' || author.participantId === sender.participantId) return undefined;
    const moderator = sender.role === 'moderator';
    if (!moderator && run.policy.authorsOnlyDelete) return fail(`${name}: only its author or the moderation may delete it`);
    run.owned.set(`${records}\u0000${key}`, { name, author, type, required: !moderator, recorded: false });
    return undefined;
  }

  private touchKey(run: Run, map: SharedType, info: TypeInfo, key: string): void {
    let entry = run.keys.get(map);
    if (!entry) run.keys.set(map, (entry = { info, keys: new Set() }));
    entry.keys.add(key);
  }

  private valueContext(item: Y.Item, parent: SharedType, info: TypeInfo, key: string, run: Run): ValueContext {
    const tr = run.tr;
    const place = `${info.path}\u0000${key}`;
    const removed = run.sender.kind === 'participant' ? this.removed.get(run.sender.participantId)?.get(place) : undefined;
    return {
      sender: run.sender,
      parentCreated: parent._item !== null && insertedIn(tr, parent._item),
      get seen(): unknown {
        const origin = item.origin;
        if (origin === null || !parent.doc) return undefined;
        const structs = parent.doc.store.clients.get(origin.client);
        if (!structs) return undefined;
        const s = structs[Y.findIndexSS(structs, origin.clock)];
        if (!(s instanceof Y.Item) || s.parent !== parent || s.parentSub !== key) return undefined;
        if (s.content instanceof Y.ContentAny) return s.content.arr[0];
        // The value the sender saw was replaced by someone else's concurrent write, which reached
        // the server first, and its content is gone (garbage-collected). Both writes started from
        // the same record, so the value held here before this change stands in for it.
        return valueBefore(tr, parent, key);
      },
      get seenGone(): boolean {
        const origin = item.origin;
        if (origin === null || !parent.doc) return false;
        const structs = parent.doc.store.clients.get(origin.client);
        if (!structs) return false;
        const s = structs[Y.findIndexSS(structs, origin.clock)];
        return s instanceof Y.Item && s.parent === parent && s.parentSub === key && s.deleted && (tr === null || !Y.isDeleted(tr.deleteSet, s.id));
      },
      restores: (value: unknown) => {
        const json = canonicalJson(value);
        if (removed?.has(json)) return true;
        // The sender removed a value here, but the server had a newer one than the sender saw
        // (someone else wrote it concurrently): the undo puts back the value the sender saw,
        // which stood here before.
        return removed !== undefined && (this.history.get(place)?.has(json) ?? false);
      },
      earlier: () => [...(this.history.get(place) ?? [])].map((json) => JSON.parse(json) as unknown),
    };
  }

  private addHistory(place: string, value: unknown): void {
    let values = this.history.get(place);
    if (!values) {
      if (this.history.size >= HISTORY_PLACES) this.history.delete(this.history.keys().next().value!);
      this.history.set(place, (values = new Set()));
    }
    if (values.size >= HISTORY_PER_PLACE) values.delete(values.values().next().value!);
    values.add(canonicalJson(value));
  }

  private remember(participantId: string, place: string, value: unknown): void {
    let places = this.removed.get(participantId);
    if (!places) this.removed.set(participantId, (places = new Map()));
    let values = places.get(place);
    if (!values) {
      if (places.size >= MEMORY_PER_PARTICIPANT) places.delete(places.keys().next().value!);
      places.set(place, (values = new Set()));
    }
    values.add(canonicalJson(value));
  }

  // -------------------------------------------------------------------------------------------
  // Rules of types

  /** The rule of a type, from its path to the root; cached per type. */
  private infoOf(type: SharedType): TypeInfo | Fail {
    const chain: SharedType[] = [];
    let t = type;
    let info: TypeInfo | Fail | undefined;
    for (;;) {
      info = this.infos.get(t);
      if (info) break;
      const item = t._item;
      if (item === null) {
        const name = this.rootName(t);
        const spec = name === undefined ? undefined : this.rules.root(name);
        info = spec ? { spec, depth: 0, path: name! } : fail(`no shared type ${label(name ?? '')} in a ${this.rules.kind} document`);
        this.infos.set(t, info);
        break;
      }
      chain.push(t);
      if (chain.length > MAX_NESTING) return fail('shared types nested too deep');
      if (!(item.parent instanceof Y.AbstractType)) return fail('type without a parent');
      t = item.parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i]!;
      info = isFail(info) ? info : this.childInfo(info, child._item!);
      this.infos.set(child, info);
    }
    return info;
  }

  /** The rule of the type an item holds (`ContentType`), given its parent's rule. */
  private childInfo(parent: TypeInfo, item: Y.Item): TypeInfo | Fail {
    const type = (item.content as Y.ContentType).type;
    const spec = parent.spec;
    if (spec.kind === 'map') {
      const key = item.parentSub;
      const want = key === null ? undefined : spec.field(key)?.type;
      if (!want) return fail(`${spec.name}.${label(key ?? '')}: no shared type allowed here`);
      if (!classFits(want, type)) return fail(`${spec.name}.${label(key!)}: wrong kind of shared type`);
      return { spec: want, depth: parent.depth + 1, path: `${parent.path}/${key}` };
    }
    if (spec.kind !== 'xml' || item.parentSub !== null) return fail(`${spec.name}: no shared type allowed here`);
    const container = spec.node === null ? 'block' : (nodeSpec(spec.schema, spec.node)?.content ?? 'none');
    const where = spec.node ?? 'the document';
    if (type instanceof Y.XmlText) {
      if (container === 'inline' || container === 'text') return { spec: xmlTextRule(spec.schema, container === 'inline'), depth: parent.depth + 1, path: `${parent.path}/[]` };
      return fail(`${spec.schema.name}: text directly in ${where}`, container === 'block' ? 'wrap' : 'remove');
    }
    if (!(type instanceof Y.XmlElement)) return fail(`${spec.schema.name}: only elements and text in ${where}`);
    const node = nodeSpec(spec.schema, type.nodeName);
    if (!node) return fail(`${spec.schema.name}: unknown node ${label(type.nodeName)}`);
    const fits = (container === 'block' && node.group === 'block') || (container === 'inline' && node.group === 'inline') || (container === 'listItem' && node.group === 'listItem');
    if (!fits) return fail(`${spec.schema.name}: ${type.nodeName} not allowed in ${where}`);
    if (parent.depth + 1 > Limits.richTextMaxDepth) return fail(`${spec.schema.name}: nested deeper than ${Limits.richTextMaxDepth}`);
    return { spec: xmlRule(spec.schema, type.nodeName), depth: parent.depth + 1, path: `${parent.path}/[]` };
  }

  private rootName(type: SharedType): string | undefined {
    let name = this.rootNames.get(type);
    if (name === undefined && type.doc) {
      for (const [n, t] of type.doc.share) this.rootNames.set(t, n);
      name = this.rootNames.get(type);
    }
    return name;
  }

  // -------------------------------------------------------------------------------------------
  // Stored documents

  /** Walks the whole document (once, e.g. when it is loaded) and lists what breaks a rule. */
  findViolations(doc: Y.Doc): Violation[] {
    const out: Violation[] = [];
    const run: Run = { tr: null, sender: { kind: 'server' }, lists: new Map(), keys: new Map(), removals: [], written: [], policy: {}, owned: new Map(), gone: [], records: [], overwritten: [], seen: () => undefined };
    const stack: SharedType[] = [];
    for (const root of doc.share.values()) {
      const info = this.infoOf(root);
      if (isFail(info)) forEachLive(root, (item) => out.push({ rule: info.rule, fix: 'remove', item }));
      else stack.push(root);
    }
    while (stack.length > 0) {
      const type = stack.pop()!;
      const info = this.infoOf(type) as TypeInfo;
      forEachLive(type, (item) => {
        const f = this.checkItem(item, run);
        if (f) out.push({ rule: f.rule, fix: f.fix === 'wrap' ? 'wrap' : 'remove', item });
        else if (item.content instanceof Y.ContentType) stack.push(item.content.type);
      });
      const max = maxLengthOf(info.spec);
      if (max !== undefined && type._length > max) out.push({ rule: `${info.spec.name}: longer than ${max}`, fix: 'truncate', type, max });
      if (info.spec.kind === 'map' && info.spec.maxEntries !== undefined && liveEntries(type) > info.spec.maxEntries) {
        out.push({ rule: `${info.spec.name}: more than ${info.spec.maxEntries} entries`, fix: 'keep' });
      }
    }
    return out;
  }

  /**
   * Repairs a stored document: removes what breaks a rule, wraps bare text at the top of rich
   * text into a paragraph, shortens texts that are too long, and lets the document-wide rules
   * repair what they can. Must run inside a transaction of `doc`. Returns what was done (rules).
   */
  repair(doc: Y.Doc): string[] {
    const done: string[] = [];
    doc.transact((tr) => {
      for (const v of this.findViolations(doc)) {
        switch (v.fix) {
          case 'remove':
            if (v.item.deleted) break;
            // Yjs deletes (and garbage-collects) nested types recursively: a subtree thousands
            // of levels deep would overflow the stack. Such a subtree is left as it is.
            if (v.item.content instanceof Y.ContentType && deeperThan(v.item.content.type, SAFE_DELETE_DEPTH)) {
              done.push(`${v.rule} (kept: nested too deep to remove)`);
              continue;
            }
            v.item.delete(tr);
            break;
          case 'wrap':
            if (!v.item.deleted) this.wrap(doc, tr, v.item);
            break;
          case 'truncate':
            truncate(doc, v.type, v.max, this.rootNames.get(v.type));
            break;
          case 'keep':
            break;
        }
        done.push(`${v.rule} (${v.fix === 'keep' ? 'kept, read as it is' : v.fix})`);
      }
      for (const aggregate of this.rules.aggregates) done.push(...aggregate.repair(doc));
    });
    return done;
  }

  /** Puts a bare text of a block container into a new paragraph at its place. */
  private wrap(doc: Y.Doc, tr: Y.Transaction, item: Y.Item): void {
    const parent = item.parent as SharedType;
    const info = this.infoOf(parent);
    const container = parent._item === null ? doc.getXmlFragment(this.rootName(parent)!) : parent instanceof Y.XmlElement ? parent : undefined;
    if (!container) return;
    const schema = !isFail(info) && info.spec.kind === 'xml' ? info.spec.schema : undefined;
    let index = 0;
    for (let n = parent._start; n !== null && n !== item; n = n.right) if (!n.deleted && n.countable) index += n.length;
    const delta: { insert: string; attributes?: Record<string, unknown> }[] = [];
    let length = 0;
    for (const op of ((item.content as Y.ContentType).type as Y.XmlText).toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert !== 'string' || length >= Limits.richTextBlockMaxLength) continue;
      const insert = op.insert.slice(0, Limits.richTextBlockMaxLength - length);
      length += insert.length;
      const attributes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(op.attributes ?? {})) if (schema && markCheck(schema, k)?.(v) && !tooLarge(v)) attributes[k] = v;
      delta.push(Object.keys(attributes).length > 0 ? { insert, attributes } : { insert });
    }
    const text = new Y.XmlText();
    text.applyDelta(delta);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    container.insert(index, [paragraph]);
    item.delete(tr);
  }
}

/** Nested maps a deletion snapshot follows (a goal's indicators are one level). */
const SNAPSHOT_DEPTH = 4;

/**
 * The fields of a map deleted by `tr`, as they were before it: what `snapshotItem`
 * (schema/deletions.ts) wrote from the same map on the deleter's side. Content the transaction
 * deleted is still there (see the notes at the top), content deleted earlier is not counted.
 */
function snapshotDeleted(type: SharedType, tr: Y.Transaction, depth = 0): Record<string, unknown> {
  const live = (item: Y.Item) => !item.deleted || Y.isDeleted(tr.deleteSet, item.id);
  const out: Record<string, unknown> = {};
  for (const [key, item] of type._map) {
    if (!live(item)) continue;
    const content = item.content;
    if (content instanceof Y.ContentAny) out[key] = { v: content.arr[content.arr.length - 1] };
    else if (content instanceof Y.ContentType) {
      const child = content.type;
      if (child instanceof Y.Text) {
        let text = '';
        for (let n = child._start; n !== null; n = n.right) if (live(n) && n.content instanceof Y.ContentString) text += n.content.str;
        out[key] = { text };
      } else if (child instanceof Y.Array) {
        const list: unknown[] = [];
        for (let n = child._start; n !== null; n = n.right) if (live(n) && n.content instanceof Y.ContentAny) list.push(...n.content.arr);
        out[key] = { list };
      } else if (child instanceof Y.Map && depth < SNAPSHOT_DEPTH) out[key] = { map: snapshotDeleted(child as unknown as SharedType, tr, depth + 1) };
    }
  }
  return out;
}

/** The delete set of an update (v1). */
function readDeleteSet(update: Uint8Array): DeleteSet {
  return Y.decodeUpdate(update).ds;
}

/** The characters of `str` (starting at `client:clock`) that `ds` covers. */
function seenChars(ds: DeleteSet, client: number, clock: number, str: string): string {
  let out = '';
  for (let i = 0; i < str.length; i++) if (Y.isDeleted(ds, Y.createID(client, clock + i))) out += str[i];
  return out;
}

/** The newest clock of `item` that `ds` covers, or -1. */
function newestIn(ds: DeleteSet, item: Y.Item): number {
  for (let c = item.id.clock + item.length - 1; c >= item.id.clock; c--) if (Y.isDeleted(ds, Y.createID(item.id.client, c))) return c;
  return -1;
}

/**
 * The fields of a map as the sender of an update that deleted it saw them. Deleting a map, Yjs
 * deletes every entry and character it holds on the deleter's side (`ContentType.delete`), so the
 * update's delete set `seen` names exactly those: entries and characters others added
 * concurrently are not in it. For each key, the newest entry in `seen` (walking `left` from the
 * key's last one): its value, or — when someone else's accepted change replaced it and its
 * content was garbage-collected — the value remembered in `overwritten`; for a text, the
 * characters in `seen` that are still readable. Undefined when a value cannot be told.
 */
function snapshotSeen(type: SharedType, seen: DeleteSet, overwritten: ReadonlyMap<string, unknown>, depth = 0): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, last] of type._map) {
    let item: Y.Item | null = last;
    let clock = -1;
    while (item !== null && (clock = newestIn(seen, item)) < 0) item = item.left;
    if (item === null) continue;
    const content = item.content;
    if (content instanceof Y.ContentAny) out[key] = { v: content.arr[clock - item.id.clock] };
    else if (content instanceof Y.ContentDeleted) {
      const id = `${item.id.client}:${clock}`;
      if (!overwritten.has(id)) return undefined;
      out[key] = { v: overwritten.get(id) };
    } else if (content instanceof Y.ContentType) {
      const child = content.type;
      if (child instanceof Y.Text) {
        let text = '';
        for (let n = child._start; n !== null; n = n.right) {
          if (n.content instanceof Y.ContentString) {
            text += seenChars(seen, n.id.client, n.id.clock, n.content.str);
          } else if (n.content instanceof Y.ContentDeleted) {
            // Deleted by someone else's accepted change: the characters remembered, by the clock
            // each deletion started at (deleted items merge afterwards).
            for (let c = n.id.clock; c < n.id.clock + n.length; ) {
              const str = overwritten.get(`t${n.id.client}:${c}`);
              if (typeof str !== 'string') {
                c++;
                continue;
              }
              text += seenChars(seen, n.id.client, c, str);
              c += str.length;
            }
          }
        }
        out[key] = { text };
      } else if (child instanceof Y.Array) {
        const list: unknown[] = [];
        for (let n = child._start; n !== null; n = n.right) {
          if (!(n.content instanceof Y.ContentAny)) continue;
          for (let i = 0; i < n.length; i++) if (Y.isDeleted(seen, Y.createID(n.id.client, n.id.clock + i))) list.push(n.content.arr[i]);
        }
        out[key] = { list };
      } else if (child instanceof Y.Map && depth < SNAPSHOT_DEPTH) {
        const map = snapshotSeen(child as unknown as SharedType, seen, overwritten, depth + 1);
        if (map === undefined) return undefined;
        out[key] = { map };
      }
    } else return undefined;
  }
  return out;
}

/** Nesting below which Yjs's recursive delete and garbage collection stay far from the stack limit. */
const SAFE_DELETE_DEPTH = 500;

/** Whether a type has nested types more than `limit` levels below it (iterative, bounded). */
function deeperThan(type: SharedType, limit: number): boolean {
  let level: SharedType[] = [type];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true;
    const next: SharedType[] = [];
    for (const t of level) {
      for (const item of t._map.values()) if (item.content instanceof Y.ContentType) next.push(item.content.type);
      for (let n = t._start; n !== null; n = n.right) if (n.content instanceof Y.ContentType) next.push(n.content.type);
    }
    level = next;
  }
  return false;
}

function tooLarge(value: unknown, max: number = Limits.valueMaxBytes): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return false;
  if (typeof value === 'string') return value.length > max;
  const json = JSON.stringify(value) as string | undefined;
  return json !== undefined && json.length > max;
}

function liveEntries(type: SharedType): number {
  let n = 0;
  for (const item of type._map.values()) if (!item.deleted) n++;
  return n;
}

/** Every visible item of a type: map entries and list content. */
function forEachLive(type: SharedType, f: (item: Y.Item) => void): void {
  for (const item of type._map.values()) if (!item.deleted) f(item);
  for (let n = type._start; n !== null; n = n.right) if (!n.deleted) f(n);
}

function truncate(doc: Y.Doc, type: SharedType, max: number, rootName: string | undefined): void {
  const extra = type._length - max;
  if (extra <= 0) return;
  if (type instanceof Y.Text) type.delete(max, extra);
  else if (type instanceof Y.Array) type.delete(max, extra);
  else if (type._item === null && rootName !== undefined) doc.getText(rootName).delete(max, extra);
}
