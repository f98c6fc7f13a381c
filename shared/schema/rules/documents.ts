/**
 * What each document kind may hold, field by field — the typed schema of `shared/schema/*.ts`
 * as rules the server checks every update against (see `checker.ts`). A helper of the schema
 * writes only what these rules accept; a test keeps the two together
 * (`documents.test.ts`: every helper, every document kind).
 *
 * Guarded fields (authorship, fields only the server writes) are marked with `field.author()`,
 * `field.creator()`, `field.creatorId()` and `field.server()`.
 */
import { z } from 'zod';
import { DRAFT_STATUSES, FINANZ_AUSWIRKUNGEN, OEFFENTLICHKEIT, PROSE_FIELDS, ROW_COLLECTIONS, VERBINDLICHKEITSSTUFEN, type RowCollection } from '../../decision';
import { BOARD_KINDS, type AnyDocKind } from '../../docs';
import { Limits } from '../../limits';
import { ACTION_ENTRIES_MAP, ACTION_LINKS_MAP } from '../actions';
import { DELETION_RECORD_MAX_BYTES, DELETIONS_MAP } from '../deletions';
import { CANVAS_SECTIONS } from '../canvas';
import { CarriedFromSchema } from '../carry';
import { DECISION_STATUS_MAP, DRAFT_TEXT_FIELDS, isAttachmentLink, ROW_FIELDS, SINGLE_LINE_TEXT_FIELDS } from '../decisions';
import { GOAL_LEVELS, GOALS_REMOVED_MAP, ZIELFELDER } from '../goals';
import { ITEM_ID_PATTERN, ITEMS_MAP } from '../items';
import { BOARD_ORIGIN_KEY, META_MAP, SCHEMA_VERSION_KEY } from '../meta';
import { NOTES_FRAGMENT } from '../notes';
import { MUNICIPAL_ROLES, SourceLinkSchema, VoteResultSchema } from '../priorities';
import { AssessmentSchema, CARD_COLORS, EvidenceSchema, MAX_MERGED_CARDS, MergedCardSchema, SWOT_CLUSTERS_MAP, SWOT_QUADRANTS } from '../swot';
import { goalTreeDepth } from './goalTree';
import { CANVAS_SCHEMA, NOTES_SCHEMA, PROSE_SCHEMA, xmlRule } from './richSchemas';
import type { ArrayRule, DocumentRules, FieldRule, MapRule, TextRule, TypeRule } from './types';
import { checks, field, isAuthor, isPlainObject, namesSender, type Check } from './values';

/**
 * Bumped whenever a rule gets stricter: documents checked with an older version are checked
 * (and repaired) again when they are next loaded. Stored in `meta.validatedRules`.
 */
export const RULES_VERSION = 1;
export const VALIDATED_RULES_KEY = 'validatedRules';

// ---------------------------------------------------------------------------------------------
// Building blocks

function fields(name: string, entries: Record<string, FieldRule>, maxEntries?: number): MapRule {
  return Object.freeze({ kind: 'map', name, field: (key: string) => (Object.hasOwn(entries, key) ? entries[key] : undefined), maxEntries });
}

/** A map keyed by item id, every entry the same rule (a board's items, a goal's indicators). */
function byId(name: string, entry: FieldRule, maxEntries?: number): MapRule {
  return Object.freeze({ kind: 'map', name, field: (key: string) => (ITEM_ID_PATTERN.test(key) ? entry : undefined), maxEntries });
}

function text(name: string, maxLength: number, singleLine = false): TextRule {
  return Object.freeze({ kind: 'text', name, maxLength, singleLine });
}

const title = (name: string) => field.type(text(name, Limits.shortTextMaxLength, true));
const shortText = (name: string) => field.type(text(name, Limits.shortTextMaxLength));
const longText = (name: string) => field.type(text(name, Limits.longTextMaxLength));
const value = (check: Check) => field.value(check);
const nullable = (check: Check) => field.value(checks.nullable(check));

const SHORT = checks.string(Limits.shortTextMaxLength);
const NAME = checks.string(Limits.shortTextMaxLength, { singleLine: true });

/** What `createItem` writes on every item (items.ts). */
const ITEM_META: Record<string, FieldRule> = {
  createdBy: field.creator(),
  createdAt: value(checks.timestamp),
  updatedBy: field.author(),
  updatedAt: value(checks.timestamp),
  order: value(checks.orderKey),
};

const META = fields('meta', {
  [SCHEMA_VERSION_KEY]: field.server(checks.integer),
  [VALIDATED_RULES_KEY]: field.server(checks.integer),
  [BOARD_ORIGIN_KEY]: field.server(checks.id),
});

function kindRules(kind: AnyDocKind, roots: Record<string, TypeRule>, dynamic?: (name: string) => TypeRule | undefined, aggregates: DocumentRules['aggregates'] = []): DocumentRules {
  const all: Record<string, TypeRule> = { [META_MAP]: META, ...roots };
  return Object.freeze({
    kind,
    root: (name: string) => (Object.hasOwn(all, name) ? all[name] : dynamic?.(name)),
    aggregates,
  });
}

// ---------------------------------------------------------------------------------------------
// Boards

/** The number of the parallel table an item came from, written by the server when it merges the tables (`TABLE_ORIGIN_KEY`). */
const FROM_TABLE = field.server(checks.integer);
/** Where an item carried forward from an earlier session came from, written by the server (`carry.ts`). */
const CARRIED_FROM = field.server(checks.json(CarriedFromSchema));
/** A field of a deletion snapshot (schema/deletions.ts `FieldSnapshot`). */
function isFieldSnapshot(v: unknown, depth: number): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  if ('v' in v) return true;
  if ('text' in v) return typeof v.text === 'string';
  if ('list' in v) return Array.isArray(v.list);
  return 'map' in v && depth < 4 && isSnapshot(v.map, depth + 1);
}

function isSnapshot(v: unknown, depth = 0): boolean {
  return isPlainObject(v) && Object.keys(v).length <= 64 && Object.values(v).every((f) => isFieldSnapshot(f, depth));
}

/**
 * A deletion record (schema/deletions.ts): written with the deletion of someone else's item and
 * checked against it (checker.ts); removed by the item's author, the deleter or the moderation.
 */
const DELETION_RECORD: FieldRule = {
  guarded: true,
  deletionRecord: true,
  maxBytes: DELETION_RECORD_MAX_BYTES,
  removable: (sender, v) =>
    sender.kind === 'server' ||
    sender.role === 'moderator' ||
    (isPlainObject(v) && [v.author, v.by].some((a) => isAuthor(a) && a.participantId === sender.participantId)),
  value: (v, ctx) => {
    if (!isPlainObject(v) || Object.keys(v).length !== 4 || !isAuthor(v.by) || !isAuthor(v.author) || checks.timestamp(v.at) || !isSnapshot(v.item)) {
      return 'must be a deletion record';
    }
    if (ctx.sender.kind === 'server' || ctx.restores(v) || namesSender(v.by, ctx.sender)) return undefined;
    return 'forged authorship: must name the sender';
  },
};

const DELETIONS = byId('deletion records', DELETION_RECORD, Limits.boardItemsMax);

/** The items of a board whose items have authors: deleting someone else's is reported (above). */
const ownedItems = (name: string, item: MapRule): MapRule => byId(name, { ...field.type(item), owned: { records: DELETIONS_MAP } }, Limits.boardItemsMax);

const SWOT_CARD = fields('swot card', {
  ...ITEM_META,
  quadrant: value(checks.oneOf(SWOT_QUADRANTS)),
  text: shortText('swot card text'),
  color: value(checks.oneOf(CARD_COLORS)),
  clusterId: nullable(checks.id),
  evidence: nullable(checks.json(EvidenceSchema)),
  assessment: nullable(checks.json(AssessmentSchema)),
  publishedFrom: field.creatorId(),
  fromTable: FROM_TABLE,
  carriedFrom: CARRIED_FROM,
  // Written by mergeSwotCards, a moderation tool: it names the merged duplicates' authors.
  mergedFrom: field.moderation(checks.json(z.array(MergedCardSchema).max(MAX_MERGED_CARDS)), { maxBytes: 512 * 1024 }),
});

const SWOT_CLUSTER = fields('swot cluster', {
  ...ITEM_META,
  quadrant: value(checks.oneOf(SWOT_QUADRANTS)),
  title: title('swot cluster title'),
  collapsed: value(checks.boolean),
  carriedFrom: CARRIED_FROM,
});

const swot = (kind: AnyDocKind) =>
  kindRules(kind, {
    [ITEMS_MAP]: ownedItems('swot cards', SWOT_CARD),
    [SWOT_CLUSTERS_MAP]: byId('swot clusters', field.type(SWOT_CLUSTER), Limits.boardItemsMax),
    [DELETIONS_MAP]: DELETIONS,
  });

const ACTORS: ArrayRule = Object.freeze({ kind: 'array', name: 'priority actors', item: checks.string(200, { singleLine: true }), maxLength: Limits.itemListMax });

const MAX_TIME = 8.64e15;
const voteResult = checks.json(VoteResultSchema, (v) => {
  const r = v as { publishedAt: number; participants: number };
  return r.publishedAt >= 0 && r.publishedAt <= MAX_TIME && r.participants <= 1_000_000 ? undefined : 'out of range';
});

const PRIORITY_TOPIC = fields('priority topic', {
  ...ITEM_META,
  title: title('priority title'),
  description: longText('priority description'),
  role: nullable(checks.oneOf(MUNICIPAL_ROLES)),
  actors: field.type(ACTORS),
  source: nullable(checks.json(SourceLinkSchema)),
  voteResult: field.server(checks.nullable(voteResult), { nullOnCreate: true }),
  fromTable: FROM_TABLE,
  carriedFrom: CARRIED_FROM,
});

const priorities = kindRules('priorities', { [ITEMS_MAP]: ownedItems('priority topics', PRIORITY_TOPIC), [DELETIONS_MAP]: DELETIONS });

const INDICATOR = fields('goal indicator', {
  order: value(checks.orderKey),
  name: value(NAME),
  unit: value(NAME),
  baseline: nullable(checks.number),
  target: nullable(checks.number),
  deadline: nullable(checks.date),
  dataSource: value(SHORT),
});

const GOAL_NODE = fields('goal node', {
  ...ITEM_META,
  level: value(checks.oneOf(GOAL_LEVELS)),
  parentId: nullable(checks.id),
  title: title('goal title'),
  description: longText('goal description'),
  targetGroup: value(SHORT),
  area: value(SHORT),
  zielfeld: nullable(checks.oneOf(ZIELFELDER)),
  owner: value(NAME),
  indicators: field.type(byId('goal indicators', field.type(INDICATOR), Limits.itemListMax)),
  fromTable: FROM_TABLE,
  carriedFrom: CARRIED_FROM,
});

const goals = kindRules(
  'goals',
  {
    [ITEMS_MAP]: ownedItems('goal nodes', GOAL_NODE),
    [GOALS_REMOVED_MAP]: byId('removed goal nodes', nullable(checks.id)),
    [DELETIONS_MAP]: DELETIONS,
  },
  undefined,
  [goalTreeDepth],
);

/**
 * An action-plan entry's authorship record (actions.ts `touchEntry`): `updatedBy` names the
 * sender; `createdBy` is kept from the record the sender saw (or one that stood here earlier), or
 * names the sender when there was none (or it is no longer known).
 */
const ENTRY_META = field.record((v, ctx) => {
  if (!isPlainObject(v) || Object.keys(v).length !== 4) return 'must be an authorship record';
  if (!isAuthor(v.createdBy) || !isAuthor(v.updatedBy) || checks.timestamp(v.createdAt) || checks.timestamp(v.updatedAt)) return 'must be an authorship record';
  if (ctx.sender.kind === 'server' || ctx.restores(v)) return undefined;
  if (!namesSender(v.updatedBy, ctx.sender)) return 'forged authorship: must name the sender';
  const seen = ctx.seen;
  const kept = isPlainObject(seen) && isAuthor(seen.createdBy) ? seen.createdBy : undefined;
  const createdBy = v.createdBy;
  const same = (a: unknown) => isAuthor(a) && a.participantId === createdBy.participantId && a.displayName === createdBy.displayName;
  if (kept ? same(kept) : namesSender(createdBy, ctx.sender)) return undefined;
  // The record the sender wrote over was already gone (e.g. the sender cleared the entry, and
  // someone else's record stands here now): from the sender's view there was none.
  if (ctx.seenGone && namesSender(createdBy, ctx.sender)) return undefined;
  // The record the sender saw was replaced or deleted (the entry cleared) by someone else's
  // concurrent change, so the server no longer holds it: a creator an earlier record named is kept.
  if (ctx.earlier().some((r) => isPlainObject(r) && same(r.createdBy))) return undefined;
  return 'forged authorship: createdBy must be kept or name the sender';
});

const LINK_KEY = /^([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{1,64})$/;
const ACTION_LINKS: MapRule = Object.freeze({
  kind: 'map',
  name: 'action links',
  maxEntries: Limits.boardItemsMax,
  field: (key: string): FieldRule | undefined => {
    const m = LINK_KEY.exec(key);
    if (!m) return undefined;
    const [, goalId, nodeId] = m;
    return field.value((v) => (isPlainObject(v) && Object.keys(v).length === 2 && v.goalId === goalId && v.nodeId === nodeId ? undefined : 'must be the link its key names'));
  },
});

const ACTION_TEXT = text('action plan text', Limits.longTextMaxLength);
const ACTION_TEXT_NAME = new RegExp(`^aktion:[A-Za-z0-9_-]{1,64}:(${ZIELFELDER.join('|')})$`);

const actions = kindRules(
  'actions',
  {
    [ACTION_ENTRIES_MAP]: byId('action entries', ENTRY_META, Limits.boardItemsMax),
    [ACTION_LINKS_MAP]: ACTION_LINKS,
  },
  (name) => (ACTION_TEXT_NAME.test(name) ? ACTION_TEXT : undefined),
);

// ---------------------------------------------------------------------------------------------
// Rich text

const notes = kindRules('notes', { [NOTES_FRAGMENT]: xmlRule(NOTES_SCHEMA, null) });

const canvasRoots: Record<string, TypeRule> = {};
for (const s of CANVAS_SECTIONS) canvasRoots[`canvas:${s.id}`] = xmlRule(CANVAS_SCHEMA, null);
const canvas = kindRules('canvas', canvasRoots);

// ---------------------------------------------------------------------------------------------
// Decision drafts

const SourceRefSchema = z.object({ board: z.enum(BOARD_KINDS), itemId: z.string().regex(ITEM_ID_PATTERN) });
const SignalSchema = z.object({ status: z.enum(DRAFT_STATUSES), version: z.number().int().nonnegative(), updatedAt: z.number().finite() });

/** Row cells that name something (titles, names): single-line, no bidi controls. */
const NAME_CELLS = new Set(['title', 'name', 'owner', 'actor', 'label', 'unit', 'gremium']);

/** An Anlage's link: empty or an http(s) address (decisions.ts `isAttachmentLink`). */
const ATTACHMENT_LINK: Check = (v) => (typeof v === 'string' && isAttachmentLink(v) ? undefined : 'must be empty or an http(s) address');

function cellCheck(key: string, spec: { kind: string; values?: readonly string[] }): Check {
  switch (spec.kind) {
    case 'text':
      return NAME_CELLS.has(key) ? NAME : SHORT;
    case 'number':
      return checks.nullable(checks.number);
    case 'int':
      return checks.nullable(checks.integer);
    case 'date':
      return checks.nullable(checks.date);
    case 'enum':
      return checks.nullable(checks.oneOf(spec.values ?? []));
    case 'ref':
      return checks.nullable(checks.id);
    case 'source':
      return checks.nullable(checks.json(SourceRefSchema));
    case 'ids':
      return checks.strings(Limits.itemListMax, 200);
    case 'link':
      return ATTACHMENT_LINK;
    default:
      return () => 'unknown cell kind';
  }
}

const ROW_RULES = {} as Record<RowCollection, MapRule>;
for (const collection of ROW_COLLECTIONS) {
  const cells: Record<string, FieldRule> = { ...ITEM_META };
  for (const [key, spec] of Object.entries(ROW_FIELDS[collection])) cells[key] = field.value(cellCheck(key, spec));
  ROW_RULES[collection] = byId(`draft ${collection}`, field.type(fields(`draft ${collection} row`, cells)), Limits.draftRowsMax);
}

const DRAFT_CHOICES = fields('draft choices', {
  municipalRole: nullable(checks.oneOf(MUNICIPAL_ROLES)),
  verbindlichkeitsstufe: nullable(checks.oneOf(VERBINDLICHKEITSSTUFEN)),
  oeffentlichkeit: value(checks.oneOf(OEFFENTLICHKEIT)),
  finanzielleAuswirkungen: nullable(checks.oneOf(FINANZ_AUSWIRKUNGEN)),
  datum: nullable(checks.date),
});

const DRAFT_TEXTS: Record<string, TextRule> = {};
for (const f of DRAFT_TEXT_FIELDS) DRAFT_TEXTS[f] = text(`draft ${f}`, Limits.shortTextMaxLength, SINGLE_LINE_TEXT_FIELDS.includes(f));

const DRAFT_ROOT = /^decision:([A-Za-z0-9_-]{1,64})(?::(.+))?$/;

function decisionRoot(name: string): TypeRule | undefined {
  const m = DRAFT_ROOT.exec(name);
  if (!m) return undefined;
  const rest = m[2];
  if (rest === undefined) return DRAFT_CHOICES;
  if (Object.hasOwn(DRAFT_TEXTS, rest)) return DRAFT_TEXTS[rest];
  if ((PROSE_FIELDS as readonly string[]).includes(rest)) return xmlRule(PROSE_SCHEMA, null);
  if (rest.startsWith('rows:')) {
    const collection = rest.slice(5);
    if ((ROW_COLLECTIONS as readonly string[]).includes(collection)) return ROW_RULES[collection as RowCollection];
  }
  return undefined;
}

const decisions = kindRules(
  'decisions',
  { [DECISION_STATUS_MAP]: byId('draft status signals', field.server(checks.json(SignalSchema))) },
  decisionRoot,
);

const RULES: Record<AnyDocKind, DocumentRules> = {
  swot: swot('swot'),
  // Private drafts hold SWOT cards.
  drafts: swot('drafts'),
  priorities,
  goals,
  actions,
  notes,
  canvas,
  decisions,
};

/** The rules of a document kind. */
export function rulesFor(kind: AnyDocKind): DocumentRules {
  return RULES[kind];
}
