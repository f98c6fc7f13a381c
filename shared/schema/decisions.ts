/**
 * The live decision drafts of a session, co-edited in one `Y.Doc` of kind `decisions`
 * (`<sessionId>:decisions`). One document per session, not per draft: the set of document names
 * stays fixed (nobody can open an unbounded number of documents), the moderation can lock it like
 * a board, and a session rarely has more than a handful of drafts.
 *
 * Every structure is a **root type** named after its draft (`decision:<draftId>:…`), so two
 * replicas that start typing into a fresh draft at the same moment create the same root types
 * and merge character by character, exactly as the action plan does:
 * - `decision:<id>` (`Y.Map`): the choices `municipalRole`, `verbindlichkeitsstufe`,
 *   `oeffentlichkeit`, `finanzielleAuswirkungen` and the Vorlage's `datum` (ISO date).
 * - `decision:<id>:title|gremium|betreff|vorlagenNr|federfuehrung|verfasser|haushaltsjahr|produkt|
 *   deckung|folgekosten|resourcesNote|participationNote` (`Y.Text`): short texts.
 * - `decision:<id>:sachverhalt|beschlussvorschlag|begruendung` (`Y.XmlFragment`): prose; a Tiptap
 *   editor binds to it with `Collaboration.configure({ document: doc, field: proseFieldName(id, f) })`.
 * - `decision:<id>:rows:<collection>` (`Y.Map`): table rows keyed by row id, each a `Y.Map` of
 *   scalar fields created once by whoever generated its id (items.ts rules), ordered by `order`.
 *   Two people editing different cells of a row both keep their change; the same cell: last
 *   writer wins.
 * - `status` (`Y.Map`, draft id → `DraftStatusSignal`): written by the server whenever a draft's
 *   status changes, so the session sees a decision come back without polling. It is a signal
 *   only — any client could write into it — so the client re-reads the API when it changes.
 *
 * Provenance (sources, consensus records, participation) is not in this document: the server
 * keeps it. Rows carry `source` and `consensusIds` as links into it; `mergeDecisionContent`
 * keeps only links the server knows, and gives every row the consensus records of its source.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  COST_CATEGORIES,
  defaultConsultation,
  FINANZ_AUSWIRKUNGEN,
  OEFFENTLICHKEIT,
  ZUSTAENDIGKEITEN,
  type DraftAttachment,
  type DraftConsultation,
  type FinanzAuswirkung,
  type Oeffentlichkeit,
  PROSE_FIELDS,
  sourceKey,
  VERBINDLICHKEITSSTUFEN,
  DRAFT_STATUSES,
  type ConsensusRecord,
  type DecisionContent,
  type DraftCost,
  type DraftEvidence,
  type DraftGoal,
  type DraftIndicator,
  type DraftMeasure,
  type DraftMilestone,
  type DraftResponsibility,
  type DraftSource,
  type DraftStatus,
  type DraftTopic,
  type Participation,
  type ProseField,
  type RowCollection,
  type SourceRef,
  type Verbindlichkeitsstufe,
} from '../decision';
import { BOARD_KINDS } from '../docs';
import { safeLinkTarget } from '../links';
import { fromXmlFragment, appendToXmlFragment, emptyRichDoc, type RichDoc } from '../richText';
import { GOAL_LEVELS, ZIELFELDER } from './goals';
import {
  createItem,
  eachItem,
  getItem,
  isIsoDate,
  ITEM_ID_PATTERN,
  orderedSiblings,
  placeItems,
  readOrder,
  setTextValue,
  applyTextEdit,
  touch,
  write,
  type TextEdit,
  type WriteContext,
} from './items';
import type { Migration } from './meta';
import { sortOrdered, type Placement } from './order';
import { MUNICIPAL_ROLES, type MunicipalRole } from './priorities';
import { SWOT_QUADRANTS } from './swot';

export const DECISION_STATUS_MAP = 'status';
const PREFIX = 'decision:';

/** Short texts of a draft, each a root `Y.Text`. */
export const DRAFT_TEXT_FIELDS = [
  'title',
  'gremium',
  'betreff',
  'vorlagenNr',
  'federfuehrung',
  'verfasser',
  'haushaltsjahr',
  'produkt',
  'deckung',
  'folgekosten',
  'resourcesNote',
  'participationNote',
] as const;
export type DraftTextField = (typeof DRAFT_TEXT_FIELDS)[number];

/** Short texts that name something: one line, no bidi controls (the rules refuse a line break). */
export const SINGLE_LINE_TEXT_FIELDS: readonly DraftTextField[] = ['title', 'gremium', 'betreff', 'vorlagenNr', 'federfuehrung', 'verfasser', 'haushaltsjahr', 'produkt'];

export const DraftLimits = {
  /** Characters of one short text or one cell. */
  textMaxLength: 2000,
  rowsPerCollection: 200,
} as const;

function checkDraftId(id: string): void {
  if (!ITEM_ID_PATTERN.test(id)) throw new Error(`invalid draft id: ${JSON.stringify(id)}`);
}

/** Name of the root map with a draft's choices. */
export function draftMapName(draftId: string): string {
  return `${PREFIX}${draftId}`;
}

export function draftTextName(draftId: string, field: DraftTextField): string {
  return `${PREFIX}${draftId}:${field}`;
}

/** The Tiptap Collaboration `field` of a prose field. */
export function proseFieldName(draftId: string, field: ProseField): string {
  return `${PREFIX}${draftId}:${field}`;
}

export function rowsMapName(draftId: string, collection: RowCollection): string {
  return `${PREFIX}${draftId}:rows:${collection}`;
}

// Root types read defensively: a misbehaving client may have declared a name with another type.
function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The `Y.Text` of a short text, to bind an input to. */
export function getDraftText(doc: Y.Doc, draftId: string, field: DraftTextField): Y.Text {
  checkDraftId(draftId);
  return doc.getText(draftTextName(draftId, field));
}

/** The `Y.XmlFragment` of a prose field, for Tiptap. */
export function getProseFragment(doc: Y.Doc, draftId: string, field: ProseField): Y.XmlFragment {
  checkDraftId(draftId);
  return doc.getXmlFragment(proseFieldName(draftId, field));
}

function rowsMap(doc: Y.Doc, draftId: string, collection: RowCollection): Y.Map<unknown> {
  checkDraftId(draftId);
  return doc.getMap<unknown>(rowsMapName(draftId, collection));
}

// ---------------------------------------------------------------------------------------------
// Row fields

type FieldSpec =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'int' }
  | { kind: 'date' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'ref' }
  | { kind: 'source' }
  | { kind: 'ids' }
  /** An http(s) address or empty. */
  | { kind: 'link' };

const text = { kind: 'text' } as const;
const num = { kind: 'number' } as const;
const int = { kind: 'int' } as const;
const date = { kind: 'date' } as const;
const ref = { kind: 'ref' } as const;
const source = { kind: 'source' } as const;
const ids = { kind: 'ids' } as const;
const oneOf = (values: readonly string[]) => ({ kind: 'enum', values }) as const;

/** The editable fields of each row collection. */
export const ROW_FIELDS = {
  topics: { title: text, description: text, rank: int, role: oneOf(MUNICIPAL_ROLES), source, consensusIds: ids },
  goals: {
    title: text,
    description: text,
    level: oneOf(GOAL_LEVELS),
    zielfeld: oneOf(ZIELFELDER),
    targetGroup: text,
    area: text,
    owner: text,
    source,
    consensusIds: ids,
  },
  indicators: { goalId: ref, name: text, unit: text, baseline: num, target: num, deadline: date, dataSource: text },
  measures: { title: text, description: text, zielfeld: oneOf(ZIELFELDER), owner: text, goalId: ref, due: date, source, consensusIds: ids },
  evidence: {
    text,
    quadrant: oneOf(SWOT_QUADRANTS),
    indicator: text,
    value: num,
    unit: text,
    year: int,
    dataSource: text,
    source,
    consensusIds: ids,
  },
  responsibilities: { actor: text, task: text, source },
  costs: { label: text, category: oneOf(COST_CATEGORIES), amountEur: num, period: text, fundedBy: text },
  milestones: { title: text, date, note: text },
  beratungsfolge: { gremium: text, date, zustaendigkeit: oneOf(ZUSTAENDIGKEITEN) },
  anlagen: { title: text, link: { kind: 'link' } },
} as const satisfies Record<RowCollection, Record<string, FieldSpec>>;

/** What a row of each collection holds (without its id). Indicators name their goal. */
export interface RowInputs {
  topics: Omit<DraftTopic, 'id'>;
  goals: Omit<DraftGoal, 'id' | 'indicators'>;
  indicators: Omit<DraftIndicator, 'id'> & { goalId: string | null };
  measures: Omit<DraftMeasure, 'id'>;
  evidence: Omit<DraftEvidence, 'id'>;
  responsibilities: Omit<DraftResponsibility, 'id'>;
  costs: Omit<DraftCost, 'id'>;
  milestones: Omit<DraftMilestone, 'id'>;
  beratungsfolge: Omit<DraftConsultation, 'id'>;
  anlagen: Omit<DraftAttachment, 'id'>;
}

const SourceRefSchema = z.object({ board: z.enum(BOARD_KINDS), itemId: z.string().regex(ITEM_ID_PATTERN) });

/** Longest address an Anlage may link to. */
export const ATTACHMENT_LINK_MAX = 2000;

/** An Anlage's link: empty, or an absolute http(s) address as `safeLinkTarget` keeps it, unchanged. */
export function isAttachmentLink(value: string): boolean {
  if (value === '') return true;
  return value.length <= ATTACHMENT_LINK_MAX && /^https?:/i.test(value) && safeLinkTarget(value) === value;
}

function readField(spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return typeof value === 'string' ? value : value instanceof Y.Text ? value.toString() : '';
    case 'link':
      return typeof value === 'string' && isAttachmentLink(value) ? value : '';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    case 'date':
      return isIsoDate(value) ? value : null;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : null;
    case 'ref':
      return typeof value === 'string' && ITEM_ID_PATTERN.test(value) ? value : null;
    case 'source': {
      const parsed = SourceRefSchema.safeParse(value);
      return parsed.success ? { board: parsed.data.board, itemId: parsed.data.itemId } : null;
    }
    case 'ids':
      return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string' && v.length <= 200))] : [];
  }
}

/** Checks a value before it is written; throws on a wrong type (a programming error). */
function checkField(collection: RowCollection, key: string, spec: FieldSpec, value: unknown): unknown {
  const fail = () => {
    throw new Error(`${collection}.${key}: invalid value ${JSON.stringify(value)}`);
  };
  if (value === null && spec.kind !== 'text' && spec.kind !== 'ids' && spec.kind !== 'link') return null;
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') fail();
      return (value as string).slice(0, DraftLimits.textMaxLength);
    case 'link':
      if (typeof value !== 'string' || !isAttachmentLink(value)) fail();
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail();
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail();
      return value;
    case 'date':
      if (!isIsoDate(value)) fail();
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) fail();
      return value;
    case 'ref':
      if (typeof value !== 'string' || !ITEM_ID_PATTERN.test(value)) fail();
      return value;
    case 'source': {
      const parsed = SourceRefSchema.safeParse(value);
      if (!parsed.success) fail();
      return { board: parsed.data!.board, itemId: parsed.data!.itemId };
    }
    case 'ids':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail();
      return [...new Set(value as string[])];
  }
}

function specsOf(collection: RowCollection): Record<string, FieldSpec> {
  return ROW_FIELDS[collection] as Record<string, FieldSpec>;
}

interface StoredRow {
  id: string;
  order: string;
  fields: Record<string, unknown>;
}

function readRows(doc: Y.Doc, draftId: string, collection: RowCollection): StoredRow[] {
  const map = safe(() => rowsMap(doc, draftId, collection), null);
  if (!map) return [];
  const specs = specsOf(collection);
  const rows: StoredRow[] = [];
  for (const [id, item] of eachItem(map)) {
    const fields: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(specs)) fields[key] = readField(spec, item.get(key));
    rows.push({ id, order: readOrder(item), fields });
  }
  return sortOrdered(rows);
}

/** One row of a collection as stored: its order key and its fields, each read as in readDecisionDraft. */
export interface DraftRowSnapshot {
  readonly id: string;
  readonly order: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * Reads one row (never throws): what a client re-reads when a transaction touched this row alone.
 * Field values are those readDecisionDraft shows (an indicator's `goalId` included).
 */
export function readDraftRow(collection: RowCollection, id: string, item: Y.Map<unknown>): DraftRowSnapshot {
  const fields: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specsOf(collection))) fields[key] = readField(spec, item.get(key));
  return Object.freeze({ id, order: readOrder(item), fields: Object.freeze(fields) });
}

/** The root map of a collection's rows, or undefined when the name holds another type (a misbehaving client). */
export function findDraftRowsMap(doc: Y.Doc, draftId: string, collection: RowCollection): Y.Map<unknown> | undefined {
  return safe(() => rowsMap(doc, draftId, collection), undefined);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The co-edited part of a draft: everything but the server's provenance. */
export type DecisionEditable = Omit<DecisionContent, 'participation' | 'sources' | 'consensus'> & { participationNote: string };

function readText(doc: Y.Doc, draftId: string, field: DraftTextField): string {
  return safe(() => doc.getText(draftTextName(draftId, field)).toString(), '');
}

function readProse(doc: Y.Doc, draftId: string, field: ProseField): RichDoc {
  return safe(() => fromXmlFragment(doc.getXmlFragment(proseFieldName(draftId, field))), emptyRichDoc());
}

function readChoice<T extends string>(doc: Y.Doc, draftId: string, key: string, values: readonly T[]): T | null {
  return safe(() => {
    const v = doc.getMap<unknown>(draftMapName(draftId)).get(key);
    return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null;
  }, null);
}

function readDatum(doc: Y.Doc, draftId: string): string | null {
  return safe(() => {
    const v = doc.getMap<unknown>(draftMapName(draftId)).get('datum');
    return isIsoDate(v) ? v : null;
  }, null);
}

/** What the draft's choices map holds, read with defaults (öffentlich unless marked). */
export interface DraftChoicesSnapshot {
  municipalRole: MunicipalRole | null;
  verbindlichkeitsstufe: Verbindlichkeitsstufe | null;
  oeffentlichkeit: Oeffentlichkeit;
  finanzielleAuswirkungen: FinanzAuswirkung | null;
  /** ISO date `YYYY-MM-DD`. */
  datum: string | null;
}

/** The draft's choices (null when unset or invalid): what a client re-reads when only they changed. */
export function readDraftChoices(doc: Y.Doc, draftId: string): DraftChoicesSnapshot {
  checkDraftId(draftId);
  return {
    municipalRole: readChoice(doc, draftId, 'municipalRole', MUNICIPAL_ROLES),
    verbindlichkeitsstufe: readChoice(doc, draftId, 'verbindlichkeitsstufe', VERBINDLICHKEITSSTUFEN),
    oeffentlichkeit: readChoice(doc, draftId, 'oeffentlichkeit', OEFFENTLICHKEIT) ?? 'oeffentlich',
    finanzielleAuswirkungen: readChoice(doc, draftId, 'finanzielleAuswirkungen', FINANZ_AUSWIRKUNGEN),
    datum: readDatum(doc, draftId),
  };
}

function rowsOf<C extends RowCollection>(doc: Y.Doc, draftId: string, collection: C): (RowInputs[C] & { id: string })[] {
  return readRows(doc, draftId, collection).map((r) => ({ id: r.id, ...r.fields }) as RowInputs[C] & { id: string });
}

/**
 * Reads one draft from the session's `decisions` document as an immutable-by-convention
 * snapshot, identical on every synced replica. Indicators are nested under their goal;
 * indicators of a deleted goal are left out, and a measure's link to a deleted goal reads null.
 */
export function readDecisionDraft(doc: Y.Doc, draftId: string): DecisionEditable {
  checkDraftId(draftId);
  const goalRows = rowsOf(doc, draftId, 'goals');
  const goalIds = new Set(goalRows.map((g) => g.id));
  const indicators = rowsOf(doc, draftId, 'indicators');
  const goals: DraftGoal[] = goalRows.map((g) => ({
    ...g,
    indicators: indicators.filter((i) => i.goalId === g.id).map(({ goalId: _goalId, ...rest }) => rest),
  }));
  const choices = readDraftChoices(doc, draftId);
  return {
    title: readText(doc, draftId, 'title'),
    gremium: readText(doc, draftId, 'gremium'),
    vorlagenNr: readText(doc, draftId, 'vorlagenNr'),
    datum: choices.datum,
    federfuehrung: readText(doc, draftId, 'federfuehrung'),
    verfasser: readText(doc, draftId, 'verfasser'),
    oeffentlichkeit: choices.oeffentlichkeit,
    betreff: readText(doc, draftId, 'betreff'),
    beratungsfolge: rowsOf(doc, draftId, 'beratungsfolge'),
    finanzielleAuswirkungen: choices.finanzielleAuswirkungen,
    haushaltsjahr: readText(doc, draftId, 'haushaltsjahr'),
    produkt: readText(doc, draftId, 'produkt'),
    deckung: readText(doc, draftId, 'deckung'),
    folgekosten: readText(doc, draftId, 'folgekosten'),
    anlagen: rowsOf(doc, draftId, 'anlagen'),
    sachverhalt: readProse(doc, draftId, 'sachverhalt'),
    beschlussvorschlag: readProse(doc, draftId, 'beschlussvorschlag'),
    begruendung: readProse(doc, draftId, 'begruendung'),
    topics: rowsOf(doc, draftId, 'topics'),
    goals,
    measures: rowsOf(doc, draftId, 'measures').map((m) => ({ ...m, goalId: m.goalId !== null && goalIds.has(m.goalId) ? m.goalId : null })),
    evidence: rowsOf(doc, draftId, 'evidence'),
    responsibilities: rowsOf(doc, draftId, 'responsibilities'),
    municipalRole: choices.municipalRole,
    verbindlichkeitsstufe: choices.verbindlichkeitsstufe,
    costs: rowsOf(doc, draftId, 'costs'),
    resourcesNote: readText(doc, draftId, 'resourcesNote'),
    timeline: rowsOf(doc, draftId, 'milestones'),
    participationNote: readText(doc, draftId, 'participationNote'),
  };
}

/** What the server knows about a draft and the client cannot change. */
export interface DecisionProvenance {
  sources: DraftSource[];
  consensus: ConsensusRecord[];
  participation: Omit<Participation, 'note'>;
}

/**
 * The full content of a draft: the co-edited part plus the server's provenance. Links a client
 * wrote that the server does not know (a source that was never picked, an unknown consensus
 * record) are dropped, so every link in a version points at something recorded.
 */
export function mergeDecisionContent(editable: DecisionEditable, provenance: DecisionProvenance): DecisionContent {
  const known = new Map(provenance.sources.map((s) => [sourceKey(s.ref), s]));
  const records = new Set(provenance.consensus.map((r) => r.id));
  const src = (s: SourceRef | null) => (s !== null && known.has(sourceKey(s)) ? s : null);
  // A row's consensus records: those it names that exist, and always those of its source item.
  const recsOf = (row: { source: SourceRef | null; consensusIds: readonly string[] }) => {
    const fromSource = row.source ? (known.get(sourceKey(row.source))?.consensusIds ?? []) : [];
    return [...new Set([...row.consensusIds, ...fromSource])].filter((id) => records.has(id));
  };
  const { participationNote, ...rest } = editable;
  return {
    ...rest,
    topics: editable.topics.map((r) => ({ ...r, source: src(r.source), consensusIds: recsOf(r) })),
    goals: editable.goals.map((r) => ({ ...r, source: src(r.source), consensusIds: recsOf(r) })),
    measures: editable.measures.map((r) => ({ ...r, source: src(r.source), consensusIds: recsOf(r) })),
    evidence: editable.evidence.map((r) => ({ ...r, source: src(r.source), consensusIds: recsOf(r) })),
    responsibilities: editable.responsibilities.map((r) => ({ ...r, source: src(r.source) })),
    participation: { ...provenance.participation, note: participationNote },
    sources: provenance.sources,
    consensus: provenance.consensus,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing (clients)

/** Edits a short text (an edit, or a whole new value merged as a diff). */
export function editDraftText(doc: Y.Doc, ctx: WriteContext, draftId: string, field: DraftTextField, edit: TextEdit | string): void {
  write(doc, ctx, () => {
    const t = getDraftText(doc, draftId, field);
    if (typeof edit === 'string') setTextValue(t, edit.slice(0, DraftLimits.textMaxLength));
    else applyTextEdit(t, edit);
  });
}

export interface DraftChoices {
  municipalRole?: MunicipalRole | null;
  verbindlichkeitsstufe?: Verbindlichkeitsstufe | null;
  oeffentlichkeit?: Oeffentlichkeit;
  finanzielleAuswirkungen?: FinanzAuswirkung | null;
  /** ISO date `YYYY-MM-DD`, null clears. */
  datum?: string | null;
}

/** Sets the draft's choices (null clears; `oeffentlichkeit` is always one of its two values). */
export function setDraftChoices(doc: Y.Doc, ctx: WriteContext, draftId: string, choices: DraftChoices): void {
  if (choices.municipalRole != null && !MUNICIPAL_ROLES.includes(choices.municipalRole)) throw new Error('invalid municipalRole');
  if (choices.verbindlichkeitsstufe != null && !VERBINDLICHKEITSSTUFEN.includes(choices.verbindlichkeitsstufe)) {
    throw new Error('invalid verbindlichkeitsstufe');
  }
  if (choices.oeffentlichkeit !== undefined && !OEFFENTLICHKEIT.includes(choices.oeffentlichkeit)) throw new Error('invalid oeffentlichkeit');
  if (choices.finanzielleAuswirkungen != null && !FINANZ_AUSWIRKUNGEN.includes(choices.finanzielleAuswirkungen)) throw new Error('invalid finanzielleAuswirkungen');
  if (choices.datum != null && !isIsoDate(choices.datum)) throw new Error('invalid datum');
  checkDraftId(draftId);
  write(doc, ctx, () => {
    const map = doc.getMap<unknown>(draftMapName(draftId));
    for (const [key, value] of Object.entries(choices)) if (value !== undefined) map.set(key, value);
  });
}

/** Adds a row at the end of its collection (or at `placement`); returns its id. */
export function addDraftRow<C extends RowCollection>(
  doc: Y.Doc,
  ctx: WriteContext,
  draftId: string,
  collection: C,
  input: Partial<RowInputs[C]>,
  placement: Placement = 'end',
): string {
  const specs = specsOf(collection);
  const fields: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = (input as Record<string, unknown>)[key];
    fields[key] = value === undefined ? (spec.kind === 'text' || spec.kind === 'link' ? '' : spec.kind === 'ids' ? [] : null) : checkField(collection, key, spec, value);
  }
  return write(doc, ctx, () => {
    const map = rowsMap(doc, draftId, collection);
    if (map.size >= DraftLimits.rowsPerCollection) throw new Error(`${collection}: at most ${DraftLimits.rowsPerCollection} rows`);
    return createItem(doc, map, ctx, fields, { siblings: orderedSiblings(map, () => true), placement });
  });
}

/** Sets fields of a row; returns false when the row does not exist. */
export function updateDraftRow<C extends RowCollection>(
  doc: Y.Doc,
  ctx: WriteContext,
  draftId: string,
  collection: C,
  rowId: string,
  patch: Partial<RowInputs[C]>,
): boolean {
  const specs = specsOf(collection);
  const checked: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    const spec = specs[key];
    if (!spec || value === undefined) continue;
    checked.push([key, checkField(collection, key, spec, value)]);
  }
  return write(doc, ctx, () => {
    const row = getItem(rowsMap(doc, draftId, collection), rowId);
    if (!row) return false;
    for (const [key, value] of checked) row.set(key, value);
    touch(row, ctx);
    return true;
  });
}

/** Deletes a row; deleting a goal deletes its indicators too. */
export function deleteDraftRow(doc: Y.Doc, ctx: WriteContext, draftId: string, collection: RowCollection, rowId: string): boolean {
  return write(doc, ctx, () => {
    const map = rowsMap(doc, draftId, collection);
    if (!getItem(map, rowId)) return false;
    map.delete(rowId);
    if (collection === 'goals') {
      const inds = rowsMap(doc, draftId, 'indicators');
      for (const [id, item] of [...eachItem(inds)]) if (item.get('goalId') === rowId) inds.delete(id);
    }
    return true;
  });
}

/** Moves a row within its collection. */
export function moveDraftRow(doc: Y.Doc, ctx: WriteContext, draftId: string, collection: RowCollection, rowId: string, placement: Placement): boolean {
  return write(doc, ctx, () => {
    const map = rowsMap(doc, draftId, collection);
    const row = getItem(map, rowId);
    if (!row) return false;
    placeItems(map, orderedSiblings(map, (id) => id !== rowId), placement, [rowId]);
    touch(row, ctx);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Writing (server: a draft assembled from the boards)

/** Rows of an assembled draft; a goal's indicators come with it. */
export interface AssembledDraft {
  title: string;
  gremium: string;
  /** The Gremium's part in the Beratungsfolge row a new draft starts with (default: Entscheidung). */
  zustaendigkeit?: DraftConsultation['zustaendigkeit'];
  prose?: Partial<Record<ProseField, RichDoc>>;
  municipalRole?: MunicipalRole | null;
  topics?: RowInputs['topics'][];
  goals?: (RowInputs['goals'] & { indicators?: Omit<RowInputs['indicators'], 'goalId'>[] })[];
  measures?: (Omit<RowInputs['measures'], 'goalId'> & { goalIndex?: number | null })[];
  evidence?: RowInputs['evidence'][];
  responsibilities?: RowInputs['responsibilities'][];
}

/** Ids of the rows an assembly wrote, in input order. */
export interface AssembledIds {
  topics: string[];
  goals: string[];
  measures: string[];
  evidence: string[];
  responsibilities: string[];
}

/**
 * Writes an assembled draft (or more picks into an existing one: texts and prose are only filled
 * when empty, rows are appended). Runs as one transaction; meant for the server.
 */
export function writeAssembledDraft(doc: Y.Doc, ctx: WriteContext, draftId: string, a: AssembledDraft): AssembledIds {
  checkDraftId(draftId);
  const ids: AssembledIds = { topics: [], goals: [], measures: [], evidence: [], responsibilities: [] };
  write(doc, ctx, () => {
    const title = getDraftText(doc, draftId, 'title');
    if (title.length === 0 && a.title !== '') title.insert(0, a.title.slice(0, DraftLimits.textMaxLength));
    const gremium = getDraftText(doc, draftId, 'gremium');
    if (gremium.length === 0 && a.gremium !== '') gremium.insert(0, a.gremium);
    // The Beratungsfolge starts with the addressed body (the Lenkungskreis) when it is empty.
    const consultations = rowsMap(doc, draftId, 'beratungsfolge');
    const body = gremium.toString();
    if (consultations.size === 0 && body.trim() !== '') {
      addDraftRow(doc, ctx, draftId, 'beratungsfolge', defaultConsultation(body.slice(0, DraftLimits.textMaxLength), a.zustaendigkeit ?? 'entscheidung'));
    }
    for (const field of PROSE_FIELDS) {
      const prose = a.prose?.[field];
      const fragment = getProseFragment(doc, draftId, field);
      if (prose && fragment.length === 0) appendToXmlFragment(fragment, prose);
    }
    const choices = doc.getMap<unknown>(draftMapName(draftId));
    if (a.municipalRole && choices.get('municipalRole') == null) choices.set('municipalRole', a.municipalRole);
    for (const t of a.topics ?? []) ids.topics.push(addDraftRow(doc, ctx, draftId, 'topics', t));
    for (const g of a.goals ?? []) {
      const { indicators, ...goal } = g;
      const goalId = addDraftRow(doc, ctx, draftId, 'goals', goal);
      ids.goals.push(goalId);
      for (const ind of indicators ?? []) addDraftRow(doc, ctx, draftId, 'indicators', { ...ind, goalId });
    }
    for (const m of a.measures ?? []) {
      const { goalIndex, ...measure } = m;
      const goalId = goalIndex != null ? (ids.goals[goalIndex] ?? null) : null;
      ids.measures.push(addDraftRow(doc, ctx, draftId, 'measures', { ...measure, goalId }));
    }
    for (const e of a.evidence ?? []) ids.evidence.push(addDraftRow(doc, ctx, draftId, 'evidence', e));
    for (const r of a.responsibilities ?? []) ids.responsibilities.push(addDraftRow(doc, ctx, draftId, 'responsibilities', r));
  });
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Status signal (server → session)

export interface DraftStatusSignal {
  status: DraftStatus;
  /** The latest frozen version, 0 before the first hand-over. */
  version: number;
  /** Server epoch ms. */
  updatedAt: number;
}

const SignalSchema = z.object({ status: z.enum(DRAFT_STATUSES), version: z.number().int().nonnegative(), updatedAt: z.number().finite() });

/** Written by the server whenever a draft's status or version changes. */
export function setDraftStatusSignal(doc: Y.Doc, ctx: WriteContext, draftId: string, signal: DraftStatusSignal): void {
  checkDraftId(draftId);
  write(doc, ctx, () => doc.getMap<unknown>(DECISION_STATUS_MAP).set(draftId, SignalSchema.parse(signal)));
}

/** The latest status signal of every draft of the session (a hint: re-read the API on change). */
export function readDraftStatusSignals(doc: Y.Doc): ReadonlyMap<string, DraftStatusSignal> {
  const out = new Map<string, DraftStatusSignal>();
  const map = safe(() => doc.getMap<unknown>(DECISION_STATUS_MAP), null);
  if (!map) return out;
  for (const [id, value] of map.entries()) {
    const parsed = SignalSchema.safeParse(value);
    if (parsed.success && ITEM_ID_PATTERN.test(id)) out.set(id, parsed.data);
  }
  return out;
}

export const decisionsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'decisions-1-initial',
    up: (doc) => {
      doc.getMap<unknown>(DECISION_STATUS_MAP);
    },
  },
];
