/**
 * A generated corpus of hostile edits: for every document kind, well-formed Yjs changes that
 * break the kind's rules (wrong types at known keys, foreign node types, oversized text, deep
 * trees, malformed and duplicate ids, forged authorship, forged vote slots and other fields only
 * the server writes). A stock Yjs client runs each case's `edit` on its synced copy of the
 * document in one transaction, so it sends one update; the Yjs endpoint must refuse it whole.
 *
 * The cases are drawn from a seeded PRNG (`hostileCorpus(kind, { seed, count })`): the same
 * seed gives the same cases, parameters included. Every text a case writes contains its
 * `marker` (`HOSTILE_MARKER-<case id>`), so a test can look for it in drafts and exports.
 *
 * `seedHonestContent` writes the honest content the cases aim at (an item to rewrite, a goal to
 * hang a chain under, a draft's rows); `documentJson` gives a canonical JSON of a document's
 * content to compare states. Only tests import this file.
 */
import * as Y from 'yjs';
import { PROSE_FIELDS, ROW_COLLECTIONS } from '../../decision';
import type { AnyDocKind } from '../../docs';
import { Limits } from '../../limits';
import { CloseCode } from '../../closeCodes';
import { ACTION_ENTRIES_MAP, ACTION_LINKS_MAP, editActionField, linkActionNode } from '../actions';
import { CANVAS_SECTIONS, canvasFieldName } from '../canvas';
import { addDraftRow, DECISION_STATUS_MAP, draftMapName, draftTextName, editDraftText, proseFieldName, rowsMapName, setDraftChoices } from '../decisions';
import { addGoal, addIndicator, GOALS_REMOVED_MAP } from '../goals';
import { type Author, getItemsMap, ITEMS_MAP, type WriteContext } from '../items';
import { META_MAP, SCHEMA_VERSION_KEY } from '../meta';
import { NOTES_FRAGMENT } from '../notes';
import { addPriorityTopic } from '../priorities';
import { addSwotCard, addSwotCluster, SWOT_CLUSTERS_MAP } from '../swot';
import { rulesFor, VALIDATED_RULES_KEY } from './documents';
import { canonicalJson } from './values';

/** Every text a hostile case writes contains this (followed by `-<case id>`). */
export const HOSTILE_MARKER = 'HOSTILE7F3';

export const HOSTILE_CATEGORIES = [
  'wrong-type',
  'foreign-node',
  'oversized',
  'deep-tree',
  'bad-id',
  'duplicate-id',
  'forged-authorship',
  'forged-vote',
] as const;
export type HostileCategory = (typeof HOSTILE_CATEGORIES)[number];

/** What the honest content of a document holds (ids the cases aim at). */
export interface HonestIds {
  /** A board item (card, topic, goal node, draft row), created by `author`. */
  readonly item: string;
  /** A second item: a SWOT cluster, the goal under which chains are hung, a goal's indicator. */
  readonly other?: string;
  /** Goals: the deepest honest node and its depth (0 = top level). */
  readonly deepest?: { readonly id: string; readonly depth: number };
  /** Action plan: the strategic goal whose entry exists. Decisions: the draft. */
  readonly goal?: string;
  readonly draft?: string;
  /** Who wrote the honest content. */
  readonly author: Author;
}

/** Who attacks whom, and what the document holds. */
export interface HostileTarget {
  readonly kind: AnyDocKind;
  /** The sender (its connection's participant): authorship naming it is not forged. */
  readonly attacker: Author;
  /** Another participant of the room: authorship naming it is forged. */
  readonly honest: Author;
  readonly ids: HonestIds;
}

export interface HostileCase {
  /** `<kind>-<nn>`. */
  readonly id: string;
  readonly kind: AnyDocKind;
  readonly category: HostileCategory;
  readonly description: string;
  /** The close code the endpoint answers with (4422, or 4413 for a frame over the size limit). */
  readonly expectedClose: number;
  /** Text this case writes (absent from everything a reader shows if the case is refused). */
  readonly marker: string;
  /** Runs on the attacker's synced copy inside one transaction. */
  edit(doc: Y.Doc, target: HostileTarget): void;
}

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32 with its state exposed, so that a case can replay the numbers it drew. */
class Rng {
  constructor(public state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** An id of the attacker's own (valid pattern). */
  id(prefix = 'h'): string {
    return `${prefix}${Math.floor(this.next() * 36 ** 8).toString(36)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const REFUSED = CloseCode.contentRefused.code;
const TOO_LARGE = CloseCode.payloadTooLarge.code;
/** The time the cases write (fixed, so that a case writes the same update every time). */
const AT = 1_790_000_000_000;
/** Characters that make a frame larger than `Limits.maxFrameBytes`. */
const FRAME_OVERFLOW = Math.ceil(Limits.maxFrameBytes * 1.1);

/** A text of exactly `length` characters that starts with the marker. */
function longText(marker: string, length: number): string {
  const unit = `${marker} `;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The stream of the case whose edit runs (ids and times of what it creates come from it). */
let running: Rng | null = null;

const ctxOf = (author: Author): WriteContext => ({
  origin: 'hostile',
  author: { participantId: author.participantId, displayName: author.displayName },
  now: () => AT,
  newId: () => (running ?? new Rng(1)).id('h'),
});
const authorOf = (a: Author) => ({ participantId: a.participantId, displayName: a.displayName });

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A JSON value nested `depth` levels (arrays and objects in turn), the marker at the bottom. */
function deepJson(depth: number, marker: string): unknown {
  let v: unknown = marker;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { v };
  return v;
}

/** A chain of `depth` nested Y.Maps, the marker at the bottom. */
function deepMaps(depth: number, marker: string): Y.Map<unknown> {
  const top = new Y.Map<unknown>();
  let cur = top;
  for (let i = 1; i < depth; i++) {
    const next = new Y.Map<unknown>();
    cur.set('k', next);
    cur = next;
  }
  cur.set('k', marker);
  return top;
}

const MALFORMED_IDS = ['bad id!', '', 'x'.repeat(65), 'kärtchen', 'a/b', 'a:b', '../../etc/passwd', 'id\u0000nul', ' lead', 'emoji🙂', '<script>', 'id.with.dots'];

/** A shared type or value that is no plain text. */
type Foreign = { what: string; make(marker: string): unknown };
const FOREIGN_FOR_TEXT: readonly Foreign[] = [
  { what: 'a Y.XmlText', make: (m) => new Y.XmlText(m) },
  { what: 'a Y.XmlElement', make: (m) => paragraph(m) },
  { what: 'a Y.XmlFragment', make: () => new Y.XmlFragment() },
  { what: 'a Y.Map', make: (m) => new Y.Map([['text', m]]) },
  { what: 'a Y.Array', make: (m) => Y.Array.from([m]) },
  { what: 'a subdocument', make: (m) => new Y.Doc({ guid: m }) },
  { what: 'binary content', make: (m) => Uint8Array.from(m, (c) => c.charCodeAt(0) & 0xff) },
  { what: 'a plain string', make: (m) => m },
];

const UNKNOWN_KEYS = ['onclick', 'style', 'html', '__proto__', 'constructor', 'isAdmin', 'href', 'serverVerified'];

type Make = (rng: Rng, marker: string) => { description: string; expectedClose?: number; edit(doc: Y.Doc, t: HostileTarget): void };
interface Template {
  readonly category: HostileCategory;
  readonly make: Make;
}

const tpl = (category: HostileCategory, make: Make): Template => ({ category, make });

// ---------------------------------------------------------------------------------------------
// Board items: what each item map holds

interface ItemProfile {
  readonly name: string;
  /** The map holding the items. */
  items(doc: Y.Doc, t: HostileTarget): Y.Map<unknown>;
  /** Creates a valid item as the attacker (inside the running transaction); returns its map. */
  create(doc: Y.Doc, t: HostileTarget, marker: string, rng: Rng): Y.Map<unknown>;
  /** The honest item's id. */
  existing(t: HostileTarget): string | undefined;
  /** Known plain-value keys and values that are wrong there. */
  readonly wrong: Readonly<Record<string, readonly unknown[]>>;
  /** Y.Text fields and their length limit. */
  readonly texts: readonly { key: string; max: number }[];
  /** String value fields and their length limit. */
  readonly strings: readonly { key: string; max: number }[];
  /** Fields holding a JSON record. */
  readonly json: readonly string[];
  /** Whether items carry createdBy/updatedBy. */
  readonly authored: boolean;
}

const TIMES = [-1, 'gestern', Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1, null, { t: 1 }];
const ORDERS = ['', 5, 'zz zz', null, 'a0', '!', 'x'.repeat(1001)];

function itemMapOf(items: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const m = items.get(id);
  if (!(m instanceof Y.Map)) throw new Error(`honest item ${id} missing`);
  return m as Y.Map<unknown>;
}

/** The honest item, touched by the attacker as an honest edit would be. */
function existingItem(doc: Y.Doc, t: HostileTarget, p: ItemProfile): Y.Map<unknown> | undefined {
  const id = p.existing(t);
  if (id === undefined) return undefined;
  const item = itemMapOf(p.items(doc, t), id);
  if (p.authored) {
    item.set('updatedBy', authorOf(t.attacker));
    item.set('updatedAt', AT);
  }
  return item;
}

const SWOT_CARD: ItemProfile = {
  name: 'SWOT card',
  items: (doc) => getItemsMap(doc),
  create: (doc, t, marker, rng) => itemMapOf(getItemsMap(doc), addSwotCard(doc, ctxOf(t.attacker), { quadrant: rng.pick(['staerken', 'chancen', 'risiken'] as const), text: marker })),
  existing: (t) => t.ids.item,
  wrong: {
    quadrant: [42, 'mitte', null, { q: 'staerken' }, ['staerken'], true],
    color: ['#ff0000', 'red', 7, null, 'javascript:alert(1)'],
    clusterId: [5, {}, [], true],
    evidence: ['61,5 %', { indicator: 'x' }, { indicator: 'a', value: 1, unit: '%', year: 2025, source: 's', extra: 1 }, [1, 2], { indicator: 'a', value: 'hoch', unit: '%', year: 2025, source: 's' }],
    assessment: ['hoch', { probability: 'sehr hoch', timing: null, impact: null }, { probability: null, timing: { date: '31.12.2028' }, impact: null }],
    createdAt: TIMES,
    updatedAt: TIMES,
    order: ORDERS,
  },
  texts: [{ key: 'text', max: Limits.shortTextMaxLength }],
  strings: [],
  json: ['evidence', 'assessment'],
  authored: true,
};

const SWOT_CLUSTER: ItemProfile = {
  name: 'SWOT cluster',
  items: (doc) => doc.getMap(SWOT_CLUSTERS_MAP),
  create: (doc, t, marker) => itemMapOf(doc.getMap(SWOT_CLUSTERS_MAP), addSwotCluster(doc, ctxOf(t.attacker), 'schwaechen', marker)),
  existing: (t) => t.ids.other,
  wrong: { quadrant: [0, 'oben', null], collapsed: ['ja', 1, null, { v: true }], order: ORDERS, createdAt: TIMES },
  texts: [{ key: 'title', max: Limits.shortTextMaxLength }],
  strings: [],
  json: [],
  authored: true,
};

const PRIORITY_TOPIC: ItemProfile = {
  name: 'priority topic',
  items: (doc) => getItemsMap(doc),
  create: (doc, t, marker) => itemMapOf(getItemsMap(doc), addPriorityTopic(doc, ctxOf(t.attacker), { title: marker, actors: ['Schulamt'] })),
  existing: (t) => t.ids.item,
  wrong: {
    role: ['buergermeisterin', 3, true, ['selbsterzeugerin']],
    source: [{ board: 'notes', itemId: 'x1' }, { board: 'swot', itemId: 'bad id!' }, 'swot:abc', { board: 'swot', itemId: 'a1', extra: true }, 7],
    createdAt: TIMES,
    updatedAt: TIMES,
    order: ORDERS,
  },
  texts: [
    { key: 'title', max: Limits.shortTextMaxLength },
    { key: 'description', max: Limits.longTextMaxLength },
  ],
  strings: [],
  json: ['source'],
  authored: true,
};

const GOAL_NODE: ItemProfile = {
  name: 'goal node',
  items: (doc) => getItemsMap(doc),
  create: (doc, t, marker) => itemMapOf(getItemsMap(doc), addGoal(doc, ctxOf(t.attacker), { level: 'operativ', parentId: t.ids.item, title: marker })),
  existing: (t) => t.ids.item,
  wrong: {
    level: ['bundesziel', 1, null, ['leitbild']],
    parentId: [5, {}, ['a'], true],
    zielfeld: ['finanzen', 4, { z: 'wirkungen' }],
    targetGroup: [42, null, ['Jugendliche'], { g: 1 }],
    area: [1, null, true],
    owner: [7, null, { name: 'Amt' }],
    createdAt: TIMES,
    order: ORDERS,
  },
  texts: [
    { key: 'title', max: Limits.shortTextMaxLength },
    { key: 'description', max: Limits.longTextMaxLength },
  ],
  strings: [
    { key: 'targetGroup', max: Limits.shortTextMaxLength },
    { key: 'owner', max: Limits.shortTextMaxLength },
    { key: 'area', max: Limits.shortTextMaxLength },
  ],
  json: ['parentId', 'targetGroup'],
  authored: true,
};

const GOAL_INDICATOR: ItemProfile = {
  name: 'goal indicator',
  items: (doc, t) => itemMapOf(getItemsMap(doc), t.ids.item).get('indicators') as Y.Map<unknown>,
  create: (doc, t, marker) => {
    const id = addIndicator(doc, ctxOf(t.attacker), t.ids.item, { name: marker, unit: '%' })!;
    return itemMapOf(itemMapOf(getItemsMap(doc), t.ids.item).get('indicators') as Y.Map<unknown>, id);
  },
  existing: (t) => t.ids.other,
  wrong: {
    baseline: ['viel', Number.NaN, Number.POSITIVE_INFINITY, [1], { v: 1 }],
    target: ['70 %', Number.NEGATIVE_INFINITY, true],
    deadline: ['31.12.2028', '2028-13-01', 20281231, '2028-1-1', { d: '2028-01-01' }],
    dataSource: [5, null, ['IT.NRW']],
    name: [1, null, { n: 'x' }],
    unit: [0, ['%']],
    order: ORDERS,
  },
  texts: [],
  strings: [
    { key: 'name', max: Limits.shortTextMaxLength },
    { key: 'dataSource', max: Limits.shortTextMaxLength },
  ],
  json: ['baseline', 'dataSource'],
  authored: false,
};

/** A row of a decision draft's table (collections with a title and a source). */
function draftRowProfile(collection: 'topics' | 'goals' | 'measures'): ItemProfile {
  const name = (t: HostileTarget) => rowsMapName(t.ids.draft!, collection);
  return {
    name: `draft ${collection} row`,
    items: (doc, t) => doc.getMap(name(t)),
    create: (doc, t, marker) => itemMapOf(doc.getMap(name(t)), addDraftRow(doc, ctxOf(t.attacker), t.ids.draft!, collection, { title: marker } as never)),
    existing: (t) => (collection === 'topics' ? t.ids.item : undefined),
    wrong: {
      title: [5, null, { t: 'x' }, ['x']],
      source: [{ board: 'notes', itemId: 'n1' }, 'priorities:x', { board: 'priorities', itemId: 'bad id!' }, { board: 'swot' }],
      consensusIds: ['r1:o1', [1, 2], { ids: [] }, Array.from({ length: Limits.itemListMax + 1 }, (_, i) => `r${i}:o1`)],
      ...(collection === 'topics' ? { rank: [1.5, 'eins', -0.5, Number.NaN] } : {}),
      ...(collection === 'goals' ? { level: ['bundesziel', 2] } : {}),
      ...(collection === 'measures' ? { due: ['morgen', '2028-13-40', 20280101], goalId: ['bad id!', 5] } : {}),
      createdAt: TIMES,
      order: ORDERS,
    },
    texts: [],
    strings: [
      { key: 'title', max: Limits.shortTextMaxLength },
      { key: 'description', max: Limits.shortTextMaxLength },
    ],
    json: ['source', 'consensusIds'],
    authored: true,
  };
}

const PROFILES: Partial<Record<AnyDocKind, readonly ItemProfile[]>> = {
  swot: [SWOT_CARD, SWOT_CLUSTER],
  drafts: [SWOT_CARD, SWOT_CLUSTER],
  priorities: [PRIORITY_TOPIC],
  goals: [GOAL_NODE, GOAL_INDICATOR],
  decisions: [draftRowProfile('topics'), draftRowProfile('goals'), draftRowProfile('measures')],
};

/** The item a case changes: a new one of the attacker's, or the honest one. */
function someItem(doc: Y.Doc, t: HostileTarget, p: ItemProfile, marker: string, rng: Rng, preferExisting: boolean): { map: Y.Map<unknown>; which: string } {
  if (preferExisting) {
    const map = existingItem(doc, t, p);
    if (map) return { map, which: `the honest ${p.name}` };
  }
  return { map: p.create(doc, t, marker, rng), which: `a new ${p.name}` };
}

function itemTemplates(profiles: readonly ItemProfile[]): Template[] {
  const out: Template[] = [];
  const pickProfile = (rng: Rng, has: (p: ItemProfile) => boolean) => rng.pick(profiles.filter(has));
  const any = profiles.length > 0;
  if (!any) return out;

  out.push(
    tpl('wrong-type', (rng, marker) => {
      const p = pickProfile(rng, () => true);
      const key = rng.pick(Object.keys(p.wrong));
      const value = rng.pick(p.wrong[key]!);
      const existing = rng.chance(0.5);
      return {
        description: `${p.name}.${key} = ${describeValue(value)} (${existing ? 'honest item' : 'new item'})`,
        edit: (doc, t) => someItem(doc, t, p, marker, rng, existing).map.set(key, value),
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const p = pickProfile(rng, () => true);
      const value = rng.pick<unknown>([marker, 42, null, [marker], { text: marker }, new Y.Text(marker), Y.Array.from([marker])]);
      const id = rng.id();
      return {
        description: `${p.name}: an item that is ${describeValue(value)} instead of a map`,
        edit: (doc, t) => p.items(doc, t).set(id, value),
      };
    }),
  );
  out.push(
    tpl('foreign-node', (rng, marker) => {
      const p = pickProfile(rng, (x) => x.texts.length > 0 || x.strings.length > 0);
      const field = rng.pick([...p.texts, ...p.strings]);
      const foreign = rng.pick(FOREIGN_FOR_TEXT.filter((f) => f.what !== 'a plain string' || p.texts.some((x) => x.key === field.key)));
      const existing = rng.chance(0.5);
      return {
        description: `${p.name}.${field.key} holds ${foreign.what}`,
        edit: (doc, t) => someItem(doc, t, p, marker, rng, existing).map.set(field.key, foreign.make(marker)),
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const p = pickProfile(rng, () => true);
      const key = rng.pick(UNKNOWN_KEYS);
      const value = rng.pick<unknown>([marker, `javascript:alert("${marker}")`, true, new Y.Text(marker)]);
      const existing = rng.chance(0.5);
      return {
        description: `${p.name} gets an unknown field ${key}`,
        edit: (doc, t) => someItem(doc, t, p, marker, rng, existing).map.set(key, value),
      };
    }),
  );
  if (profiles.some((p) => p.texts.length > 0)) {
    out.push(
      tpl('foreign-node', (rng, marker) => {
        const p = pickProfile(rng, (x) => x.texts.length > 0 && x.existing !== undefined);
        const key = rng.pick(p.texts).key;
        const how = rng.pick(['format', 'embed', 'attributes'] as const);
        return {
          description: `${p.name}.${key}: ${how === 'format' ? 'formatting marks' : how === 'embed' ? 'an embedded object' : 'inserted text with attributes'} in a plain text`,
          edit: (doc, t) => {
            const item = someItem(doc, t, p, marker, rng, true).map;
            const text = item.get(key) as Y.Text;
            // An empty text has nothing to format: the marks then come with inserted text.
            if (how === 'format' && text.length > 0) text.format(0, text.length, { bold: true, link: { href: `javascript:${marker}` } });
            else if (how === 'format') text.insert(0, marker, { bold: true, link: { href: `javascript:${marker}` } });
            else if (how === 'embed') text.insertEmbed(0, { image: `https://evil.example/${marker}.png` });
            else text.insert(0, marker, { color: '#ff0000' });
          },
        };
      }),
    );
  }

  out.push(
    tpl('oversized', (rng, marker) => {
      const p = pickProfile(rng, (x) => x.texts.length + x.strings.length > 0);
      const field = rng.pick([...p.texts, ...p.strings]);
      const isText = p.texts.includes(field);
      const frame = isText && rng.chance(0.2);
      const length = frame ? FRAME_OVERFLOW : rng.pick([field.max + 1, rng.int(field.max + 2, field.max * 3), field.max * 10]);
      const existing = rng.chance(0.5);
      return {
        description: `${p.name}.${field.key}: ${length} characters (limit ${field.max})${frame ? ', a frame over the size limit' : ''}`,
        expectedClose: frame ? TOO_LARGE : REFUSED,
        edit: (doc, t) => {
          const { map } = someItem(doc, t, p, marker, rng, existing);
          const value = longText(marker, length);
          if (isText) {
            const text = map.get(field.key);
            if (text instanceof Y.Text) text.insert(text.length, value);
            else map.set(field.key, new Y.Text(value));
          } else map.set(field.key, value);
        },
      };
    }),
  );
  if (profiles.some((p) => p.json.length > 0)) {
    out.push(
      tpl('oversized', (rng, marker) => {
        const p = pickProfile(rng, (x) => x.json.length > 0);
        const key = rng.pick(p.json);
        const bytes = rng.int(Limits.valueMaxBytes + 1, Limits.valueMaxBytes * 4);
        return {
          description: `${p.name}.${key}: a value of ${bytes} bytes (limit ${Limits.valueMaxBytes})`,
          edit: (doc, t) => someItem(doc, t, p, marker, rng, rng.chance(0.5)).map.set(key, { note: longText(marker, bytes) }),
        };
      }),
      tpl('deep-tree', (rng, marker) => {
        const p = pickProfile(rng, (x) => x.json.length > 0);
        const key = rng.pick(p.json);
        const depth = rng.pick([50, rng.int(100, 1000), 2500]);
        return {
          description: `${p.name}.${key}: a JSON value nested ${depth} levels`,
          edit: (doc, t) => someItem(doc, t, p, marker, rng, rng.chance(0.5)).map.set(key, deepJson(depth, marker)),
        };
      }),
    );
  }
  out.push(
    tpl('deep-tree', (rng, marker) => {
      const p = pickProfile(rng, () => true);
      const depth = rng.pick([rng.int(65, 80), rng.int(100, 400)]);
      const key = rng.pick([...Object.keys(p.wrong), ...UNKNOWN_KEYS.slice(0, 2)]);
      return {
        description: `${p.name}.${key}: shared maps nested ${depth} levels`,
        edit: (doc, t) => someItem(doc, t, p, marker, rng, rng.chance(0.5)).map.set(key, deepMaps(depth, marker)),
      };
    }),
    tpl('bad-id', (rng, marker) => {
      const p = pickProfile(rng, () => true);
      const id = rng.pick(MALFORMED_IDS);
      return {
        description: `${p.name} under the malformed id ${JSON.stringify(id.slice(0, 20))}`,
        edit: (doc, t) => {
          const created = p.create(doc, t, marker, rng);
          const items = p.items(doc, t);
          // Moves the new item's content under a malformed key (a fresh map: Yjs types cannot move).
          const copy = new Y.Map<unknown>();
          for (const [k, v] of created.entries()) copy.set(k, v instanceof Y.AbstractType ? (v.clone() as unknown) : v);
          for (const [k, v] of items.entries()) if (v === created) items.delete(k);
          items.set(id, copy);
        },
      };
    }),
  );
  if (profiles.some((p) => p.authored && p.existing({ ids: { item: 'x', other: 'y', draft: 'd' } } as HostileTarget) !== undefined)) {
    out.push(
      tpl('duplicate-id', (rng, marker) => {
        const p = pickProfile(rng, (x) => x.authored && x.existing({ ids: { item: 'x', other: 'y', draft: 'd' } } as HostileTarget) !== undefined);
        const keepUpdater = rng.chance(0.5);
        return {
          description: `${p.name}: the honest item's id re-created with new content, claiming its author${keepUpdater ? '' : ' as last editor too'}`,
          edit: (doc, t) => {
            const id = p.existing(t)!;
            const items = p.items(doc, t);
            const old = itemMapOf(items, id);
            const copy = new Y.Map<unknown>();
            for (const [k, v] of old.entries()) copy.set(k, v instanceof Y.Text ? new Y.Text(marker) : v instanceof Y.AbstractType ? (v.clone() as unknown) : v);
            copy.set('createdBy', authorOf(t.ids.author.participantId === t.attacker.participantId ? t.honest : t.ids.author));
            copy.set('updatedBy', keepUpdater ? authorOf(t.attacker) : authorOf(t.honest));
            items.set(id, copy);
          },
        };
      }),
    );
  }
  if (profiles.some((p) => p.authored)) {
    const authored = profiles.filter((p) => p.authored);
    out.push(
      tpl('forged-authorship', (rng, marker) => {
        const p = rng.pick(authored);
        const variant = rng.pick(['created-other', 'updated-other', 'existing-updated', 'existing-created-self', 'extra-key', 'other-name', 'id-only', 'removed'] as const);
        const descriptions: Record<typeof variant, string> = {
          'created-other': 'a new item whose createdBy names another participant',
          'updated-other': 'a new item whose updatedBy names another participant',
          'existing-updated': 'the honest item’s updatedBy set to another participant',
          'existing-created-self': 'the honest item’s createdBy rewritten to the sender',
          'extra-key': 'an author record with an extra role key',
          'other-name': 'an author record with the sender’s id and another display name',
          'id-only': 'an author record with another participant’s id and the sender’s name',
          removed: 'the honest item’s createdBy removed',
        };
        return {
          description: `${p.name}: ${descriptions[variant]}`,
          edit: (doc, t) => {
            const other = authorOf(t.honest);
            const self = authorOf(t.attacker);
            switch (variant) {
              case 'created-other':
                return p.create(doc, t, marker, rng).set('createdBy', other);
              case 'updated-other':
                return p.create(doc, t, marker, rng).set('updatedBy', other);
              case 'existing-updated':
                return (existingItem(doc, t, p) ?? p.create(doc, t, marker, rng)).set('updatedBy', other);
              case 'existing-created-self': {
                const item = existingItem(doc, t, p);
                if (item) item.set('createdBy', self);
                else p.create(doc, t, marker, rng).set('createdBy', { ...self, displayName: 'Moderation' });
                return;
              }
              case 'extra-key':
                return p.create(doc, t, marker, rng).set('createdBy', { ...self, role: 'moderator' });
              case 'other-name':
                return p.create(doc, t, marker, rng).set('updatedBy', { ...self, displayName: 'Moderation' });
              case 'id-only':
                return p.create(doc, t, marker, rng).set('createdBy', { participantId: t.honest.participantId, displayName: t.attacker.displayName });
              case 'removed': {
                const item = existingItem(doc, t, p);
                if (item) item.delete('createdBy');
                else p.create(doc, t, marker, rng).set('createdBy', other);
                return;
              }
            }
          },
        };
      }),
    );
  }
  return out;
}

function describeValue(v: unknown): string {
  if (v instanceof Y.AbstractType) return `a ${v.constructor.name}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Per kind

/** Fields of `meta` only the server writes: a change to them forges the document's state. */
function metaTemplates(): Template[] {
  return [
    tpl('forged-vote', (rng) => {
      const key = rng.pick([SCHEMA_VERSION_KEY, VALIDATED_RULES_KEY]);
      const value = rng.pick([0, 99, -1, 'eins', undefined]);
      return {
        description: value === undefined ? `meta.${key} removed (the server's field)` : `meta.${key} = ${JSON.stringify(value)} (written by the server only)`,
        edit: (doc) => (value === undefined ? doc.getMap(META_MAP).delete(key) : doc.getMap(META_MAP).set(key, value)),
      };
    }),
  ];
}

/** Root types the kind does not have, and roots of the wrong class. */
function rootTemplates(kind: AnyDocKind): Template[] {
  const names = ['evil', 'Items', '__proto__', 'default', 'prosemirror', `${ITEMS_MAP}2`, 'decision', 'aktion:'];
  return [
    tpl('foreign-node', (rng, marker) => {
      const name = rng.pick(names);
      const how = rng.pick(['map', 'text', 'xml'] as const);
      return {
        description: `an unknown root ${how === 'xml' ? 'XmlFragment' : how === 'map' ? 'Y.Map' : 'Y.Text'} "${name}"`,
        edit: (doc) => {
          if (how === 'map') doc.getMap(name).set('k', marker);
          else if (how === 'text') doc.getText(name).insert(0, marker);
          else doc.getXmlFragment(name).insert(0, [paragraph(marker)]);
        },
      };
    }),
    ...(kind === 'notes' || kind === 'canvas'
      ? []
      : [
          tpl('wrong-type', (rng, marker) => {
            const root = kind === 'actions' ? rng.pick([ACTION_ENTRIES_MAP, ACTION_LINKS_MAP]) : kind === 'decisions' ? DECISION_STATUS_MAP : ITEMS_MAP;
            const how = rng.pick(['array', 'text'] as const);
            return {
              description: `the root map "${root}" written as a ${how === 'array' ? 'Y.Array' : 'Y.Text'}`,
              edit: (doc) => {
                if (how === 'array') doc.getArray(root).insert(0, [marker]);
                else doc.getText(root).insert(0, marker);
              },
            };
          }),
        ]),
  ];
}

function swotTemplates(): Template[] {
  return [
    tpl('bad-id', (rng, marker) => {
      const id = rng.pick(MALFORMED_IDS);
      return {
        description: `a card whose clusterId is the malformed id ${JSON.stringify(id.slice(0, 20))}`,
        edit: (doc, t) => SWOT_CARD.create(doc, t, marker, rng).set('clusterId', id),
      };
    }),
    tpl('forged-authorship', (rng, marker) => ({
      description: 'a card whose publishedFrom names another participant',
      edit: (doc, t) => SWOT_CARD.create(doc, t, marker, rng).set('publishedFrom', t.honest.participantId),
    })),
    tpl('forged-vote', (rng, marker) => {
      const existing = rng.chance(0.5);
      return {
        description: `a merge record (moderation only) on ${existing ? 'the honest card' : 'a new card'}, naming another participant's card`,
        edit: (doc, t) =>
          someItem(doc, t, SWOT_CARD, marker, rng, existing).map.set('mergedFrom', [{ id: 'merged1', createdBy: authorOf(t.honest), createdAt: 1, text: marker, evidence: null }]),
      };
    }),
  ];
}

const FORGED_SLOT = {
  roundId: 'forged-round-1',
  method: 'konsenscheck',
  totals: { zustimmung: 40, leichte_bedenken: 0, schwere_bedenken: 0, veto: 0 },
  participants: 40,
  outcome: 'konsens',
  meinungsbild: false,
  publishedAt: 1_790_000_000_000,
} as const;

function prioritiesTemplates(): Template[] {
  const slots: { what: string; value: (marker: string) => unknown }[] = [
    { what: 'the issue’s forged Konsenscheck (40 × Zustimmung)', value: () => FORGED_SLOT },
    { what: 'a slot with publishedAt beyond the Date range', value: () => ({ ...FORGED_SLOT, publishedAt: 8.64e15 + 1 }) },
    { what: 'a Punktabfrage naming the marker as round', value: (m) => ({ ...FORGED_SLOT, roundId: m, method: 'punktabfrage', totals: { points: 99 }, outcome: null }) },
    { what: 'an opinion picture posing as a decision', value: () => ({ ...FORGED_SLOT, meinungsbild: false, method: 'meinungsbild' }) },
    { what: 'a slot of an unknown method', value: () => ({ ...FORGED_SLOT, method: 'akklamation' }) },
    { what: 'a slot as a string', value: (m) => `Konsens (${m})` },
    { what: 'a slot with a million participants', value: () => ({ ...FORGED_SLOT, participants: 10_000_000 }) },
  ];
  return [
    tpl('forged-vote', (rng, marker) => {
      const slot = rng.pick(slots);
      const existing = rng.chance(0.6);
      return {
        description: `voteResult on ${existing ? 'the honest topic' : 'a new topic'}: ${slot.what}`,
        edit: (doc, t) => someItem(doc, t, PRIORITY_TOPIC, marker, rng, existing).map.set('voteResult', slot.value(marker)),
      };
    }),
    tpl('forged-vote', (rng, marker) => ({
      description: 'the honest topic’s vote slot (the server’s) removed, its title changed',
      edit: (doc, t) => {
        const topic = someItem(doc, t, PRIORITY_TOPIC, marker, rng, true).map;
        topic.delete('voteResult');
        (topic.get('title') as Y.Text).insert(0, marker);
      },
    })),
    tpl('forged-vote', (rng, marker) => ({
      description: 'voteResult as a shared map holding a forged slot',
      edit: (doc, t) => someItem(doc, t, PRIORITY_TOPIC, marker, rng, rng.chance(0.5)).map.set('voteResult', new Y.Map(Object.entries(FORGED_SLOT))),
    })),
    tpl('oversized', (rng, marker) => {
      const many = rng.chance(0.5);
      const n = many ? rng.int(Limits.itemListMax + 1, Limits.itemListMax * 3) : 1;
      const length = many ? 10 : rng.int(201, 5000);
      return {
        description: many ? `${n} actors (limit ${Limits.itemListMax})` : `an actor name of ${length} characters (limit 200)`,
        edit: (doc, t) => {
          const actors = someItem(doc, t, PRIORITY_TOPIC, marker, rng, rng.chance(0.5)).map.get('actors') as Y.Array<unknown>;
          actors.push(Array.from({ length: n }, (_, i) => longText(`${marker}${i}`, length)));
        },
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const value = rng.pick<unknown>([42, null, { name: marker }, [marker], true]);
      return {
        description: `an actor that is ${describeValue(value)}`,
        edit: (doc, t) => (someItem(doc, t, PRIORITY_TOPIC, marker, rng, true).map.get('actors') as Y.Array<unknown>).push([value]),
      };
    }),
    tpl('bad-id', (rng, marker) => {
      const id = rng.pick(MALFORMED_IDS);
      return {
        description: `a topic whose source names the malformed id ${JSON.stringify(id.slice(0, 20))}`,
        edit: (doc, t) => PRIORITY_TOPIC.create(doc, t, marker, rng).set('source', { board: 'swot', itemId: id }),
      };
    }),
  ];
}

function goalsTemplates(): Template[] {
  return [
    tpl('deep-tree', (rng, marker) => {
      // Depth counts from 0 at the top level; the limit is the deepest depth allowed.
      const depth = rng.pick([Limits.goalTreeMaxDepth + 1, rng.int(Limits.goalTreeMaxDepth + 2, 120)]);
      const under = rng.chance(0.5);
      return {
        description: `a chain of new nodes reaching depth ${depth}${under ? ' below the deepest honest node' : ''} (limit ${Limits.goalTreeMaxDepth})`,
        edit: (doc, t) => {
          const ctx = ctxOf(t.attacker);
          let parent: string | null = under ? t.ids.deepest!.id : null;
          const levels = under ? depth - t.ids.deepest!.depth : depth + 1;
          for (let i = 0; i < levels; i++) parent = addGoal(doc, ctx, { parentId: parent, level: 'operativ', title: `${marker} ${i}` });
        },
      };
    }),
    tpl('deep-tree', (rng, marker) => {
      const length = rng.int(Limits.goalTreeMaxDepth + 3, 90);
      return {
        description: `a parent cycle through ${length} new nodes`,
        edit: (doc, t) => {
          const ctx = ctxOf(t.attacker);
          const ids: string[] = [];
          let parent: string | null = null;
          for (let i = 0; i < length; i++) ids.push((parent = addGoal(doc, ctx, { parentId: parent, level: 'operativ', title: `${marker} ${i}` })));
          // The first joins the last: a cycle, as long as the chain.
          (getItemsMap(doc).get(ids[0]!) as Y.Map<unknown>).set('parentId', ids[length - 1]);
        },
      };
    }),
    tpl('deep-tree', (rng, marker) => {
      const length = rng.int(Limits.goalTreeMaxDepth + 2, 80);
      return {
        description: `${length} deleted nodes recorded as a chain in "removed", the honest tree hung below`,
        edit: (doc, t) => {
          const removed = doc.getMap(GOALS_REMOVED_MAP);
          for (let i = 0; i < length; i++) removed.set(`gone${i}`, i === 0 ? null : `gone${i - 1}`);
          const honest = itemMapOf(getItemsMap(doc), t.ids.item);
          honest.set('parentId', `gone${length - 1}`);
          honest.set('updatedBy', authorOf(t.attacker));
          void marker;
        },
      };
    }),
    tpl('bad-id', (rng, marker) => {
      const id = rng.pick(MALFORMED_IDS);
      const where = rng.pick(['parentId', 'removed key', 'removed value', 'indicator key'] as const);
      return {
        description: `goals: the malformed id ${JSON.stringify(id.slice(0, 20))} as ${where}`,
        edit: (doc, t) => {
          if (where === 'parentId') GOAL_NODE.create(doc, t, marker, rng).set('parentId', id);
          else if (where === 'removed key') doc.getMap(GOALS_REMOVED_MAP).set(id, null);
          else if (where === 'removed value') doc.getMap(GOALS_REMOVED_MAP).set(rng.id('gone'), id);
          else (itemMapOf(getItemsMap(doc), t.ids.item).get('indicators') as Y.Map<unknown>).set(id, new Y.Map([['name', marker]]));
        },
      };
    }),
  ];
}

function actionsTemplates(): Template[] {
  const textName = (goal: string, feld: string) => `aktion:${goal}:${feld}`;
  const FELDER = ['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const;
  return [
    tpl('wrong-type', (rng, marker) => {
      const value = rng.pick<unknown>([
        marker,
        42,
        [1],
        { createdBy: { participantId: 'x', displayName: 'y' } },
        { createdBy: 1, createdAt: 1, updatedBy: 1, updatedAt: 1 },
        'SELF_WITH_EXTRA',
        'SELF_BAD_TIME',
      ]);
      const existing = rng.chance(0.5);
      return {
        description: `an action entry's record is ${value === 'SELF_WITH_EXTRA' ? 'an authorship record with an extra key' : value === 'SELF_BAD_TIME' ? 'an authorship record with a time as text' : describeValue(value)}`,
        edit: (doc, t) => {
          const self = authorOf(t.attacker);
          const v =
            value === 'SELF_WITH_EXTRA'
              ? { createdBy: self, createdAt: 1, updatedBy: self, updatedAt: 2, note: marker }
              : value === 'SELF_BAD_TIME'
                ? { createdBy: self, createdAt: 'gestern', updatedBy: self, updatedAt: 2 }
                : value;
          doc.getMap(ACTION_ENTRIES_MAP).set(existing ? t.ids.goal! : rng.id('g'), v);
        },
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const value = rng.pick<unknown>([marker, true, { goalId: 'x' }, 'EXTRA']);
      return {
        description: `an action link's value is ${value === 'EXTRA' ? 'the link with an extra key' : describeValue(value)}`,
        edit: (doc, t) => {
          const nodeId = rng.id('n');
          doc.getMap(ACTION_LINKS_MAP).set(`${t.ids.goal}:${nodeId}`, value === 'EXTRA' ? { goalId: t.ids.goal, nodeId, href: marker } : value);
        },
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const feld = rng.pick(FELDER);
      const how = rng.pick(['map', 'array', 'xml'] as const);
      return {
        description: `an action text root aktion:<new goal>:${feld} written as ${how === 'map' ? 'a Y.Map' : how === 'array' ? 'a Y.Array' : 'an XmlFragment'}`,
        edit: (doc) => {
          const name = textName(rng.id('g'), feld);
          if (how === 'map') doc.getMap(name).set('text', marker);
          else if (how === 'array') doc.getArray(name).insert(0, [marker]);
          else doc.getXmlFragment(name).insert(0, [paragraph(marker)]);
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const how = rng.pick(['format', 'embed', 'attributes', 'type'] as const);
      // Formatting needs text to format: the honest entry has these two.
      const feld = how === 'format' ? rng.pick(['wirkungen', 'leistungen'] as const) : rng.pick(FELDER);
      return {
        description: `the honest action text ${feld}: ${how === 'type' ? 'a nested shared type' : how === 'embed' ? 'an embedded object' : how === 'format' ? 'formatting marks' : 'text with attributes'}`,
        edit: (doc, t) => {
          const text = doc.getText(textName(t.ids.goal!, feld));
          if (how === 'format') text.format(0, text.length, { link: { href: `javascript:${marker}` } });
          else if (how === 'embed') text.insertEmbed(0, { img: marker });
          else if (how === 'attributes') text.insert(0, marker, { bold: true });
          else text.insertEmbed(0, new Y.Map([['x', marker]]));
        },
      };
    }),
    tpl('oversized', (rng, marker) => {
      const feld = rng.pick(FELDER);
      const frame = rng.chance(0.15);
      const max = Limits.longTextMaxLength;
      const length = frame ? FRAME_OVERFLOW : rng.pick([max + 1, rng.int(max + 2, max * 4)]);
      const existing = rng.chance(0.5);
      return {
        description: `an action text (${feld}) of ${length} characters (limit ${max})${frame ? ', a frame over the size limit' : ''}`,
        expectedClose: frame ? TOO_LARGE : REFUSED,
        edit: (doc, t) => {
          const goal = existing ? t.ids.goal! : rng.id('g');
          const text = doc.getText(textName(goal, feld));
          text.insert(text.length, longText(marker, length));
        },
      };
    }),
    tpl('oversized', (rng, marker) => {
      const bytes = rng.int(Limits.valueMaxBytes + 1, Limits.valueMaxBytes * 3);
      return {
        description: `an action link of ${bytes} bytes`,
        edit: (doc, t) => doc.getMap(ACTION_LINKS_MAP).set(`${t.ids.goal}:n1`, { goalId: t.ids.goal, nodeId: 'n1', pad: longText(marker, bytes) }),
      };
    }),
    tpl('deep-tree', (rng, marker) => {
      const depth = rng.pick([rng.int(65, 90), rng.int(100, 300)]);
      const where = rng.pick([ACTION_ENTRIES_MAP, ACTION_LINKS_MAP]);
      return {
        description: `shared maps nested ${depth} levels in "${where}"`,
        edit: (doc, t) => doc.getMap(where).set(where === ACTION_ENTRIES_MAP ? rng.id('g') : `${t.ids.goal}:n2`, deepMaps(depth, marker)),
      };
    }),
    tpl('deep-tree', (rng, marker) => {
      const depth = rng.pick([rng.int(50, 500), 2500]);
      return {
        description: `an action entry's record nested ${depth} levels`,
        edit: (doc) => doc.getMap(ACTION_ENTRIES_MAP).set(rng.id('g'), deepJson(depth, marker)),
      };
    }),
    tpl('bad-id', (rng, marker) => {
      const id = rng.pick(MALFORMED_IDS.filter((x) => !x.includes(':')));
      const where = rng.pick(['text root', 'unknown field root', 'entry key', 'link key'] as const);
      return {
        description: `actions: ${where === 'unknown field root' ? 'a text root for an unknown Zielfeld' : `the malformed id ${JSON.stringify(id.slice(0, 20))} in a ${where}`}`,
        edit: (doc, t) => {
          if (where === 'text root') doc.getText(textName(id, 'wirkungen')).insert(0, marker);
          else if (where === 'unknown field root') doc.getText(textName(t.ids.goal!, rng.pick(['finanzen', 'Wirkungen', 'wirkungen:x', '']))).insert(0, marker);
          else if (where === 'entry key') {
            const self = authorOf(t.attacker);
            doc.getMap(ACTION_ENTRIES_MAP).set(id, { createdBy: self, createdAt: 1, updatedBy: self, updatedAt: 1 });
          } else doc.getMap(ACTION_LINKS_MAP).set(`${t.ids.goal}:${id}`, { goalId: t.ids.goal, nodeId: id });
        },
      };
    }),
    tpl('duplicate-id', (rng, marker) => {
      const variant = rng.pick(['swapped', 'other goal', 'triple'] as const);
      return {
        description: `an action link whose key and value name different nodes (${variant})`,
        edit: (doc, t) => {
          const links = doc.getMap(ACTION_LINKS_MAP);
          if (variant === 'swapped') links.set(`${t.ids.goal}:n1`, { goalId: 'n1', nodeId: t.ids.goal });
          else if (variant === 'other goal') links.set(`${t.ids.goal}:n1`, { goalId: rng.id('g'), nodeId: 'n1' });
          else links.set(`${t.ids.goal}:n1:x`, { goalId: t.ids.goal, nodeId: 'n1' });
          doc.getText(textName(t.ids.goal!, 'wirkungen')).insert(0, marker);
        },
      };
    }),
    tpl('duplicate-id', (rng, marker) => ({
      description: 'the honest goal’s action entry re-created naming a third person as its creator',
      edit: (doc, t) => {
        const self = authorOf(t.attacker);
        doc.getMap(ACTION_ENTRIES_MAP).set(t.ids.goal!, { createdBy: { participantId: rng.id('p'), displayName: 'Bürgermeisterin' }, createdAt: 1, updatedBy: self, updatedAt: 2 });
        doc.getText(textName(t.ids.goal!, 'leistungen')).insert(0, marker);
      },
    })),
    tpl('forged-authorship', (rng, marker) => {
      const variant = rng.pick(['updatedBy other', 'new entry created by other', 'honest name, own id'] as const);
      return {
        description: `an action entry: ${variant}`,
        edit: (doc, t) => {
          const self = authorOf(t.attacker);
          const other = authorOf(t.honest);
          const entries = doc.getMap(ACTION_ENTRIES_MAP);
          if (variant === 'updatedBy other') entries.set(t.ids.goal!, { createdBy: authorOf(t.ids.author), createdAt: 1, updatedBy: other, updatedAt: 2 });
          else if (variant === 'new entry created by other') entries.set(rng.id('g'), { createdBy: other, createdAt: 1, updatedBy: self, updatedAt: 2 });
          else entries.set(rng.id('g'), { createdBy: { ...self, displayName: t.honest.displayName }, createdAt: 1, updatedBy: { ...self, displayName: t.honest.displayName }, updatedAt: 2 });
          doc.getText(textName(t.ids.goal!, 'prozesse')).insert(0, marker);
        },
      };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Rich text (notes, canvas, a draft's prose)

/** The fragment a rich-text case writes to. */
type FragmentOf = (doc: Y.Doc, t: HostileTarget, rng: Rng) => Y.XmlFragment;
type FragmentName = (t: HostileTarget, rng: Rng) => string;

function richTemplates(name: FragmentName, forbiddenBlocks: readonly string[] = []): Template[] {
  const fragment: FragmentOf = (doc, t, rng) => doc.getXmlFragment(name(t, rng));
  const foreignNodes = ['iframe', 'script', 'img', 'table', 'video', 'object', 'mention', 'details', 'taskList', 'image', 'doc', 'text', 'Paragraph', ...forbiddenBlocks];
  const badLinks = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', 'vbscript:msgbox', '//evil.example', 'java\tscript:alert(1)', ' javascript:x', 'https:\\\\evil'];
  return [
    tpl('foreign-node', (rng, marker) => {
      const node = rng.pick(foreignNodes);
      const where = rng.pick(['top', 'blockquote', 'listItem'] as const);
      return {
        description: `the node type <${node}> ${where === 'top' ? 'at the top' : `inside a ${where}`}`,
        edit: (doc, t) => {
          const el = new Y.XmlElement(node);
          const f = fragment(doc, t, rng);
          if (where === 'top') {
            f.insert(0, [paragraph(marker), el]);
            el.insert(0, [new Y.XmlText(marker)]);
          } else if (where === 'blockquote') {
            const q = new Y.XmlElement('blockquote');
            f.insert(f.length, [q]);
            q.insert(0, [paragraph(marker), el]);
          } else {
            const list = new Y.XmlElement('bulletList');
            const li = new Y.XmlElement('listItem');
            f.insert(f.length, [list]);
            list.insert(0, [li]);
            li.insert(0, [paragraph(marker), el]);
          }
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const variant = rng.pick(['bare text at the top', 'hardBreak at the top', 'listItem at the top', 'paragraph in a paragraph', 'paragraph directly in a list', 'text in a list', 'text in a blockquote', 'heading in a list'] as const);
      return {
        description: `misplaced: ${variant}`,
        edit: (doc, t) => {
          const f = fragment(doc, t, rng);
          switch (variant) {
            case 'bare text at the top':
              return f.insert(0, [paragraph(marker), new Y.XmlText(marker), paragraph(marker)]);
            case 'hardBreak at the top':
              return f.insert(0, [new Y.XmlElement('hardBreak')]);
            case 'listItem at the top': {
              const li = new Y.XmlElement('listItem');
              f.insert(0, [li]);
              return li.insert(0, [paragraph(marker)]);
            }
            case 'paragraph in a paragraph': {
              const p = paragraph(marker);
              f.insert(0, [p]);
              return p.insert(0, [paragraph(marker)]);
            }
            case 'paragraph directly in a list': {
              const l = new Y.XmlElement(rng.pick(['bulletList', 'orderedList']));
              f.insert(0, [l]);
              return l.insert(0, [paragraph(marker)]);
            }
            case 'text in a list': {
              const l = new Y.XmlElement('bulletList');
              f.insert(0, [l]);
              return l.insert(0, [new Y.XmlText(marker)]);
            }
            case 'text in a blockquote': {
              const q = new Y.XmlElement('blockquote');
              f.insert(0, [q]);
              return q.insert(0, [new Y.XmlText(marker)]);
            }
            case 'heading in a list': {
              const l = new Y.XmlElement('bulletList');
              f.insert(0, [l]);
              const h = new Y.XmlElement('heading');
              l.insert(0, [h]);
              return h.insert(0, [new Y.XmlText(marker)]);
            }
          }
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const variant = rng.pick(['unknown mark', 'bad link', 'link with extra attribute', 'bold with attributes', 'mark in a code block', 'hashed unknown mark'] as const);
      const href = rng.pick(badLinks);
      const mark = rng.pick(['marquee', 'textStyle', 'highlight', 'subscript', 'color', 'comment']);
      return {
        description: variant === 'bad link' ? `a link to ${JSON.stringify(href)}` : variant === 'unknown mark' ? `the unknown mark ${mark}` : variant,
        edit: (doc, t) => {
          const text = new Y.XmlText();
          const block = variant === 'mark in a code block' ? new Y.XmlElement('codeBlock') : new Y.XmlElement('paragraph');
          fragment(doc, t, rng).insert(0, [block]);
          block.insert(0, [text]);
          switch (variant) {
            case 'unknown mark':
              return text.insert(0, marker, { [mark]: {} });
            case 'bad link':
              return text.insert(0, marker, { link: { href } });
            case 'link with extra attribute':
              return text.insert(0, marker, { link: { href: 'https://example.org', onmouseover: 'alert(1)' } });
            case 'bold with attributes':
              return text.insert(0, marker, { bold: { style: 'x' } });
            case 'mark in a code block':
              return text.insert(0, marker, { bold: {} });
            case 'hashed unknown mark':
              return text.insert(0, marker, { 'script--AbCd1234': {} });
          }
        },
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const variant = rng.pick(['heading level', 'orderedList start', 'codeBlock language', 'paragraph attribute', 'text attribute', 'embed in text', 'plain value in the fragment', 'fragment attribute'] as const);
      const attr = rng.pick<unknown>(variant === 'heading level' ? ['zwei', 7, 0, 2.5, null] : variant === 'orderedList start' ? ['x', 2 ** 60, 1.5, [1]] : ['"><script>', 'x'.repeat(65), 5, { l: 'js' }]);
      return {
        description: ['paragraph attribute', 'text attribute', 'embed in text', 'plain value in the fragment', 'fragment attribute'].includes(variant) ? variant : `${variant} = ${describeValue(attr)}`,
        edit: (doc, t) => {
          const f = fragment(doc, t, rng);
          switch (variant) {
            case 'heading level': {
              if (forbiddenBlocks.includes('heading')) {
                const p = paragraph(marker);
                f.insert(0, [p]);
                return p.setAttribute('level', attr as string);
              }
              const h = new Y.XmlElement('heading');
              f.insert(0, [h]);
              h.insert(0, [new Y.XmlText(marker)]);
              return h.setAttribute('level', attr as string);
            }
            case 'orderedList start': {
              const l = new Y.XmlElement('orderedList');
              const li = new Y.XmlElement('listItem');
              f.insert(0, [l]);
              l.insert(0, [li]);
              li.insert(0, [paragraph(marker)]);
              return l.setAttribute('start', attr as string);
            }
            case 'codeBlock language': {
              const block = new Y.XmlElement(forbiddenBlocks.includes('codeBlock') ? 'paragraph' : 'codeBlock');
              f.insert(0, [block]);
              block.insert(0, [new Y.XmlText(marker)]);
              return block.setAttribute('language', attr as string);
            }
            case 'paragraph attribute': {
              const p = paragraph(marker);
              f.insert(0, [p]);
              return p.setAttribute(rng.pick(['onclick', 'style', 'class', 'id']), `alert("${marker}")`);
            }
            case 'text attribute': {
              const p = new Y.XmlElement('paragraph');
              const x = new Y.XmlText(marker);
              f.insert(0, [p]);
              p.insert(0, [x]);
              return x.setAttribute('onclick', marker);
            }
            case 'embed in text': {
              const p = new Y.XmlElement('paragraph');
              const x = new Y.XmlText(marker);
              f.insert(0, [p]);
              p.insert(0, [x]);
              return x.insertEmbed(0, { image: marker });
            }
            case 'plain value in the fragment':
              return (f as unknown as Y.Array<unknown>).insert(0, [marker] as never);
            case 'fragment attribute':
              // A map entry on the fragment itself (what Y.Map.set writes on any type).
              return (Y.Map.prototype.set as (this: unknown, k: string, v: unknown) => unknown).call(f, 'class', marker);
          }
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const what = rng.pick(['an XmlHook', 'a Y.Map', 'a Y.Text', 'a nested XmlFragment'] as const);
      return {
        description: `${what} among the blocks`,
        edit: (doc, t) => {
          const f = fragment(doc, t, rng);
          const node =
            what === 'an XmlHook' ? new Y.XmlHook('embed') : what === 'a Y.Map' ? new Y.Map([['html', marker]]) : what === 'a Y.Text' ? new Y.Text(marker) : new Y.XmlFragment();
          (f as unknown as Y.Array<unknown>).insert(0, [paragraph(marker), node] as never);
        },
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const how = rng.pick(['text', 'array'] as const);
      return {
        description: `the rich-text root written as a ${how === 'text' ? 'Y.Text' : 'Y.Array'}`,
        edit: (doc, t) => {
          const n = name(t, rng);
          if (how === 'text') doc.getText(n).insert(0, marker);
          else doc.getArray(n).insert(0, [marker]);
        },
      };
    }),
    tpl('oversized', (rng, marker) => {
      const frame = rng.chance(0.2);
      const max = Limits.richTextBlockMaxLength;
      const length = frame ? FRAME_OVERFLOW : rng.pick([max + 1, rng.int(max + 2, max * 4)]);
      const block = rng.pick(['paragraph', 'heading', 'codeBlock'].filter((b) => !forbiddenBlocks.includes(b)));
      return {
        description: `a ${block} of ${length} characters (limit ${max})${frame ? ', a frame over the size limit' : ''}`,
        expectedClose: frame ? TOO_LARGE : REFUSED,
        edit: (doc, t) => {
          const el = new Y.XmlElement(block);
          fragment(doc, t, rng).insert(0, [el]);
          if (block === 'heading') el.setAttribute('level', 2 as unknown as string);
          el.insert(0, [new Y.XmlText(longText(marker, length))]);
        },
      };
    }),
    tpl('oversized', (rng, marker) => {
      const bytes = rng.int(Limits.valueMaxBytes + 1, Limits.valueMaxBytes * 3);
      return {
        description: `a link whose title is ${bytes} characters`,
        edit: (doc, t) => {
          const p = new Y.XmlElement('paragraph');
          const x = new Y.XmlText();
          fragment(doc, t, rng).insert(0, [p]);
          p.insert(0, [x]);
          x.insert(0, marker, { link: { href: 'https://example.org', title: longText(marker, bytes) } });
        },
      };
    }),
    tpl('deep-tree', (rng, marker) => {
      const depth = rng.pick([Limits.richTextMaxDepth + 1, rng.int(Limits.richTextMaxDepth + 2, 200), rng.int(400, 1500)]);
      const shape = rng.pick(['blockquotes', 'lists'] as const);
      return {
        description: `${shape} nested ${depth} levels (limit ${Limits.richTextMaxDepth})`,
        edit: (doc, t) => {
          let cur: Y.XmlFragment | Y.XmlElement = fragment(doc, t, rng);
          // Built top-down, each level integrated before the next is added to it.
          for (let level = 0; level < depth; ) {
            if (shape === 'blockquotes') {
              const q: Y.XmlElement = new Y.XmlElement('blockquote');
              cur.insert(0, [q]);
              cur = q;
              level++;
            } else {
              const l: Y.XmlElement = new Y.XmlElement('bulletList');
              const li: Y.XmlElement = new Y.XmlElement('listItem');
              cur.insert(0, [l]);
              l.insert(0, [li]);
              cur = li;
              level += 2;
            }
          }
          cur.insert(0, [paragraph(marker)]);
        },
      };
    }),
  ];
}

function notesTemplates(): Template[] {
  return [
    ...richTemplates(() => NOTES_FRAGMENT),
    tpl('bad-id', (rng, marker) => {
      const root = rng.pick(['notes2', 'Notes', 'notes:private', 'default', 'notes ']);
      return {
        description: `rich text under an unknown root name ${JSON.stringify(root)}`,
        edit: (doc) => doc.getXmlFragment(root).insert(0, [paragraph(marker)]),
      };
    }),
  ];
}

function canvasTemplates(): Template[] {
  const section = (_t: HostileTarget, rng: Rng) => canvasFieldName(rng.pick(CANVAS_SECTIONS).id);
  return [
    ...richTemplates(section),
    tpl('bad-id', (rng, marker) => {
      const root = rng.pick(['canvas:unbekannt', 'canvas:', 'canvas:inhalte:x', 'canvas:bad id!', 'Canvas:inhalte', 'canvas:__proto__']);
      return {
        description: `a canvas section with the unknown id ${JSON.stringify(root)}`,
        edit: (doc) => doc.getXmlFragment(root).insert(0, [paragraph(marker)]),
      };
    }),
  ];
}

function decisionsTemplates(): Template[] {
  const prose = (t: HostileTarget, rng: Rng) => proseFieldName(t.ids.draft!, rng.pick(PROSE_FIELDS));
  const TEXTS = ['title', 'gremium', 'resourcesNote', 'participationNote'] as const;
  return [
    ...richTemplates(prose, ['heading', 'codeBlock']),
    ...itemTemplates(PROFILES.decisions!),
    tpl('wrong-type', (rng, marker) => {
      const key = rng.pick(['municipalRole', 'verbindlichkeitsstufe', 'status', 'version']);
      const value = rng.pick<unknown>(['kaiserin', 1, { v: 'x' }, [marker], marker]);
      return {
        description: `the draft's choices: ${key} = ${describeValue(value)}`,
        edit: (doc, t) => doc.getMap(draftMapName(t.ids.draft!)).set(key, value),
      };
    }),
    tpl('wrong-type', (rng, marker) => {
      const what = rng.pick(['title as a map', 'rows as a text', 'choices as a text'] as const);
      return {
        description: `a draft root of the wrong class: ${what}`,
        edit: (doc, t) => {
          const d = t.ids.draft!;
          if (what === 'title as a map') doc.getMap(draftTextName(d, 'title')).set('x', marker);
          else if (what === 'rows as a text') doc.getText(rowsMapName(d, rng.pick(ROW_COLLECTIONS))).insert(0, marker);
          else doc.getText(draftMapName(d)).insert(0, marker);
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const field = rng.pick(TEXTS);
      const how = rng.pick(['format', 'embed', 'bidi'] as const);
      return {
        description: `the draft's ${field}: ${how === 'bidi' ? 'a bidi override' : how === 'embed' ? 'an embedded object' : 'formatting marks'}`,
        edit: (doc, t) => {
          const text = doc.getText(draftTextName(t.ids.draft!, field));
          if (how === 'format') text.insert(0, marker, { bold: true });
          else if (how === 'embed') text.insertEmbed(0, { src: marker });
          else {
            // Names (title, gremium) refuse bidi controls; the notes fields take any text.
            const named = field === 'title' || field === 'gremium' ? field : 'title';
            doc.getText(draftTextName(t.ids.draft!, named)).insert(0, `Rechnung_\u202E${marker}.exe`);
          }
        },
      };
    }),
    tpl('foreign-node', (rng, marker) => {
      const rest = rng.pick(['anhang', 'rows:votes', 'rows:', 'status', 'beschluss', 'rows:topics:x']);
      return {
        description: `an unknown draft root decision:<draft>:${rest}`,
        edit: (doc, t) => doc.getMap(`decision:${t.ids.draft}:${rest}`).set('k', marker),
      };
    }),
    tpl('oversized', (rng, marker) => {
      const field = rng.pick(TEXTS);
      const max = Limits.shortTextMaxLength;
      const length = rng.pick([max + 1, rng.int(max + 2, max * 10)]);
      return {
        description: `the draft's ${field} of ${length} characters (limit ${max})`,
        edit: (doc, t) => {
          const text = doc.getText(draftTextName(t.ids.draft!, field));
          text.insert(text.length, longText(marker, length));
        },
      };
    }),
    tpl('oversized', (rng, marker) => {
      const extra = rng.int(1, 60);
      return {
        description: `rows beyond the limit of ${Limits.draftRowsMax} per table (+${extra})`,
        edit: (doc, t) => {
          const rows = doc.getMap(rowsMapName(t.ids.draft!, 'milestones'));
          const self = authorOf(t.attacker);
          for (let i = rows.size; i < Limits.draftRowsMax + extra; i++) {
            rows.set(`m${i}`, new Y.Map<unknown>([['createdBy', self], ['updatedBy', self], ['title', `${marker} ${i}`]]));
          }
        },
      };
    }),
    tpl('bad-id', (rng, marker) => {
      const id = rng.pick(MALFORMED_IDS.filter((x) => x !== ''));
      const where = rng.pick(['draft id', 'row key', 'status key', 'row goalId'] as const);
      return {
        description: `decisions: the malformed id ${JSON.stringify(id.slice(0, 20))} as ${where}`,
        edit: (doc, t) => {
          if (where === 'draft id') doc.getText(draftTextName(id, 'title')).insert(0, marker);
          else if (where === 'row key') doc.getMap(rowsMapName(t.ids.draft!, 'topics')).set(id, new Y.Map([['title', marker]]));
          else if (where === 'status key') doc.getMap(DECISION_STATUS_MAP).set(id, { status: 'entwurf', version: 0, updatedAt: 1 });
          else draftRowProfile('measures').create(doc, t, marker, rng).set('goalId', id);
        },
      };
    }),
    tpl('forged-vote', (rng, marker) => {
      const status = rng.pick(['beschlossen', 'uebergeben', 'entwurf', 'abgelehnt']);
      return {
        description: `a status signal (server only) for the honest draft: ${status}`,
        edit: (doc, t) => {
          doc.getMap(DECISION_STATUS_MAP).set(t.ids.draft!, { status, version: 7, updatedAt: AT });
          doc.getText(draftTextName(t.ids.draft!, 'gremium')).insert(0, marker);
        },
      };
    }),
    tpl('forged-vote', (rng, marker) => ({
      description: 'a row naming consensus records the server never ran, together with a forged status',
      edit: (doc, t) => {
        draftRowProfile('topics').create(doc, t, marker, rng).set('consensusIds', ['forged-round-1:o1']);
        doc.getMap(DECISION_STATUS_MAP).set(t.ids.draft!, { status: 'beschlossen', version: 1, updatedAt: 1 });
      },
    })),
  ];
}

function templatesFor(kind: AnyDocKind): Template[] {
  const common = [...metaTemplates(), ...rootTemplates(kind)];
  switch (kind) {
    case 'swot':
    case 'drafts':
      return [...common, ...itemTemplates(PROFILES[kind]!), ...swotTemplates()];
    case 'priorities':
      return [...common, ...itemTemplates(PROFILES.priorities!), ...prioritiesTemplates()];
    case 'goals':
      return [...common, ...itemTemplates(PROFILES.goals!), ...goalsTemplates()];
    case 'actions':
      return [...common, ...actionsTemplates()];
    case 'notes':
      return [...common, ...notesTemplates()];
    case 'canvas':
      return [...common, ...canvasTemplates()];
    case 'decisions':
      return [...common, ...decisionsTemplates()];
  }
}

/** The categories a kind's corpus covers (authorship and duplicate ids need items). */
export function categoriesOf(kind: AnyDocKind): HostileCategory[] {
  const present = new Set(templatesFor(kind).map((t) => t.category));
  return HOSTILE_CATEGORIES.filter((c) => present.has(c));
}

/**
 * `count` hostile cases for a document kind, drawn from `seed`: the categories in turn (in an
 * order shuffled per round), each time a template of that category with random parameters.
 */
export function hostileCorpus(kind: AnyDocKind, options: { seed: number; count: number }): HostileCase[] {
  // One stream per kind, so that the cases of a kind do not depend on which other kinds ran.
  const rng = new Rng((options.seed ^ hashString(kind)) >>> 0);
  const templates = templatesFor(kind);
  const byCategory = new Map<HostileCategory, Template[]>();
  for (const t of templates) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
  const cases: HostileCase[] = [];
  let round: HostileCategory[] = [];
  for (let i = 0; i < options.count; i++) {
    if (round.length === 0) round = rng.shuffle([...byCategory.keys()]);
    const category = round.shift()!;
    const id = `${kind}-${String(i + 1).padStart(2, '0')}`;
    const marker = `${HOSTILE_MARKER}-${id}`;
    // Each case draws from a stream of its own; its edit replays the numbers drawn after its
    // parameters, so it writes the same update every time it runs.
    const own = new Rng(Math.floor(rng.next() * 2 ** 32));
    const made = own.pick(byCategory.get(category)!).make(own, marker);
    const replayFrom = own.state;
    const edit = (doc: Y.Doc, target: HostileTarget) => {
      own.state = replayFrom;
      running = own;
      try {
        made.edit(doc, target);
      } finally {
        running = null;
      }
    };
    cases.push(Object.freeze({ id, kind, category, marker, description: made.description, expectedClose: made.expectedClose ?? REFUSED, edit }));
  }
  return cases;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Honest content and comparison

/**
 * Writes the honest content the cases aim at, as `ctx`'s author, and returns its ids. For
 * `actions`, `goal` names the strategic goal whose entry is written. For `decisions`, `draft`
 * names the draft whose rows are written (a server-created draft may be used instead: see
 * `honestDecisionIds`).
 */
export function seedHonestContent(kind: AnyDocKind, doc: Y.Doc, ctx: WriteContext, refs: { goal?: string; draft?: string } = {}): HonestIds {
  const author = authorOf(ctx.author);
  switch (kind) {
    case 'swot':
    case 'drafts': {
      const cluster = addSwotCluster(doc, ctx, 'staerken', 'Gute Zusammenarbeit');
      const item = addSwotCard(doc, ctx, {
        quadrant: 'staerken',
        text: 'Schulen und Jugendhilfe arbeiten eng zusammen',
        clusterId: cluster,
        evidence: { indicator: 'Kooperationsverträge', value: 12, unit: 'Anzahl', year: 2025, source: 'Bildungsbüro' },
      });
      addSwotCard(doc, ctx, { quadrant: 'risiken', text: 'Fachkräftemangel in Kitas' });
      return { item, other: cluster, author };
    }
    case 'priorities': {
      const item = addPriorityTopic(doc, ctx, { title: 'Ganztag ausbauen', description: 'Mehr Plätze an Grundschulen', role: 'gewaehrleisterin', actors: ['Schulamt', 'Jugendamt'] });
      addPriorityTopic(doc, ctx, { title: 'Übergang Schule–Beruf' });
      return { item, author };
    }
    case 'goals': {
      const top = addGoal(doc, ctx, { level: 'leitbild', title: 'Kein Abschluss ohne Anschluss' });
      const item = addGoal(doc, ctx, { level: 'strategisch', parentId: top, title: 'Übergangsquote erhöhen', owner: 'Bildungsbüro', zielfeld: 'wirkungen' });
      const other = addIndicator(doc, ctx, item, { name: 'Übergangsquote', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'Schulstatistik' })!;
      const leaf = addGoal(doc, ctx, { level: 'massnahme', parentId: item, title: 'Praktikumsbörse aufbauen', owner: 'IHK' });
      return { item, other, deepest: { id: leaf, depth: 2 }, author };
    }
    case 'actions': {
      const goal = refs.goal ?? 'ziel-uebergang';
      editActionField(doc, ctx, goal, 'wirkungen', 'Mehr Jugendliche beginnen direkt eine Ausbildung');
      editActionField(doc, ctx, goal, 'leistungen', 'Praktikumsbörse und Elternabende');
      linkActionNode(doc, ctx, goal, 'massnahme-1');
      return { item: goal, goal, author };
    }
    case 'notes': {
      doc.transact(() => getXml(doc, NOTES_FRAGMENT).insert(0, [heading('Begrüßung'), paragraph('Frau Dr. Weber eröffnet die Konferenz.')]), ctx.origin);
      return { item: NOTES_FRAGMENT, author };
    }
    case 'canvas': {
      doc.transact(() => {
        for (const s of CANVAS_SECTIONS) getXml(doc, canvasFieldName(s.id)).insert(0, [paragraph(`Antwort zu ${s.title.de}`)]);
      }, ctx.origin);
      return { item: canvasFieldName(CANVAS_SECTIONS[0]!.id), author };
    }
    case 'decisions': {
      const draft = refs.draft ?? 'entwurf-1';
      editDraftText(doc, ctx, draft, 'title', 'Übergang Schule–Beruf stärken');
      setDraftChoices(doc, ctx, draft, { municipalRole: 'gewaehrleisterin' });
      const item = addDraftRow(doc, ctx, draft, 'topics', { title: 'Übergang Schule–Beruf' });
      doc.transact(() => getXml(doc, proseFieldName(draft, 'begruendung')).insert(0, [paragraph('Die Übergangsquote liegt unter dem Landesschnitt.')]), ctx.origin);
      return { item, draft, author };
    }
  }
}

/** The ids the cases aim at in a decisions document that holds `draft` (e.g. written by the server). */
export function honestDecisionIds(doc: Y.Doc, draft: string, author: Author): HonestIds {
  const rows = doc.getMap(rowsMapName(draft, 'topics'));
  const item = [...rows.keys()].sort()[0];
  if (item === undefined) throw new Error(`draft ${draft} has no topic rows`);
  return { item, draft, author };
}

function getXml(doc: Y.Doc, name: string): Y.XmlFragment {
  return doc.getXmlFragment(name);
}

function heading(text: string): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', 2 as unknown as string);
  h.insert(0, [new Y.XmlText(text)]);
  return h;
}

/**
 * The content of a document as canonical JSON (maps with sorted keys, texts as deltas with their
 * attributes, rich text as XML), read through its kind's rules: two documents with the same
 * content give the same string.
 */
export function documentJson(kind: AnyDocKind, doc: Y.Doc): string {
  const rules = rulesFor(kind);
  const out: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    const rule = rules.root(name);
    switch (rule?.kind) {
      case 'map':
        out[name] = plain(doc.getMap(name));
        break;
      case 'text':
        out[name] = doc.getText(name).toDelta();
        break;
      case 'array':
        out[name] = plain(doc.getArray(name));
        break;
      case 'xml':
        out[name] = doc.getXmlFragment(name).toString();
        break;
      default:
        out[name] = `<no rule for this root: ${doc.share.get(name)!._length} items>`;
    }
  }
  return canonicalJson(out);
}

function plain(v: unknown): unknown {
  if (v instanceof Y.XmlFragment || v instanceof Y.XmlText) return v.toString();
  if (v instanceof Y.Text) return { text: v.toDelta() };
  if (v instanceof Y.Array) return v.toArray().map(plain);
  if (v instanceof Y.Map) {
    const entries: [string, unknown][] = [...v.entries()].map(([k, x]) => [k, plain(x)]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { map: entries };
  }
  if (v instanceof Uint8Array) return { binary: [...v] };
  if (v instanceof Y.Doc) return { subdoc: v.guid };
  return v;
}
