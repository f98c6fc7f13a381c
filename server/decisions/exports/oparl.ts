/**
 * OParl 1.1 objects from plain data (no store): System, Body, Organization, Meeting, AgendaItem,
 * Consultation, Paper and File, as a council information system crawls them.
 *
 * How Werkraum maps onto OParl:
 * - one Body per installation;
 * - Organizations: the Lenkungskreis (it decides) and one per kind of session (Bildungskonferenz,
 *   interfraktionelle Arbeitsgruppe, Arbeitsgruppe) that writes the papers;
 * - a Paper per frozen version of a draft (Vorlage), `paperType` "Beschlussvorlage", or
 *   "Informationsvorlage" from an interfraktionelle Arbeitsgruppe; versions of one draft point
 *   at each other (`relatedPaper`), later versions are subordinated to the first;
 * - a Consultation of each Paper by the Lenkungskreis; once the Lenkungskreis decided on a
 *   version, a Meeting of the Lenkungskreis (one per decision date) with an AgendaItem carrying
 *   the `result` and the `resolutionText`;
 * - the version's PDF as the Paper's `mainFile`, rendered once and stored.
 *
 * Objects output inside another (embedded) leave out the property that points back at it, as
 * the specification asks; timestamps carry the Berlin offset and whole seconds.
 */
import { betreffOf, DRAFT_STATUS_LABELS, type DecisionContent, type DecisionRecord, type DecisionVersionMeta } from '../../../shared/decision';
import type { SessionKind } from '../../../shared/domain';
import { paperKind } from './decisionDocument';

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';

export const OPARL_TYPES = {
  system: 'https://schema.oparl.org/1.1/System',
  body: 'https://schema.oparl.org/1.1/Body',
  organization: 'https://schema.oparl.org/1.1/Organization',
  meeting: 'https://schema.oparl.org/1.1/Meeting',
  agendaItem: 'https://schema.oparl.org/1.1/AgendaItem',
  consultation: 'https://schema.oparl.org/1.1/Consultation',
  paper: 'https://schema.oparl.org/1.1/Paper',
  file: 'https://schema.oparl.org/1.1/File',
} as const;

export type OparlObject = Record<string, unknown>;

/** The one Body of an installation. */
export const BODY_ID = '1';
export const LENKUNGSKREIS = 'lenkungskreis';

/** The organizations that write papers, one per kind of session. */
export const SESSION_ORGANIZATIONS: Record<SessionKind, { name: string; classification: string }> = {
  bildungskonferenz: { name: 'Bildungskonferenz', classification: 'Bildungskonferenz' },
  interfraktionelle_ag: { name: 'Interfraktionelle Arbeitsgruppe', classification: 'Arbeitsgruppe' },
  arbeitsgruppe: { name: 'Arbeitsgruppe', classification: 'Arbeitsgruppe' },
};
const ORGANIZATION_IDS = [LENKUNGSKREIS, ...(Object.keys(SESSION_ORGANIZATIONS) as SessionKind[])];

export function isOrganizationId(id: string): boolean {
  return ORGANIZATION_IDS.includes(id);
}

/**
 * A timestamp as OParl writes it: ISO 8601 with the offset of the given zone (Germany by
 * default) and whole seconds, e.g. `2026-12-08T10:15:00+01:00`.
 */
export function oparlDateTime(iso: string, timeZone = 'Europe/Berlin'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`not a timestamp: ${iso}`);
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(seconds));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const [y, mo, d, h, mi, s] = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  const offset = Math.round((Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - seconds) / 60_000);
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const latest = (...isos: (string | null | undefined)[]): string =>
  isos.filter((t): t is string => typeof t === 'string').reduce((a, b) => (new Date(b).getTime() > new Date(a).getTime() ? b : a));

/** The URLs of every object, from the server's public address. */
export function oparlUrls(base: string) {
  const root = `${base.replace(/\/$/, '')}/api/oparl/v1`;
  const body = `${root}/body/${BODY_ID}`;
  return {
    root,
    system: `${root}/system`,
    bodies: `${root}/bodies`,
    body,
    bodyOrganizations: `${body}/organizations`,
    bodyPeople: `${body}/people`,
    bodyMeetings: `${body}/meetings`,
    bodyPapers: `${body}/papers`,
    organization: (id: string) => `${root}/organization/${encodeURIComponent(id)}`,
    organizationMeetings: (id: string) => `${root}/organization/${encodeURIComponent(id)}/meetings`,
    meeting: (date: string) => `${root}/meeting/${date}`,
    agendaItem: (draftId: string, n: number) => `${root}/agendaitem/${encodeURIComponent(draftId)}/${n}`,
    consultation: (draftId: string, n: number) => `${root}/consultation/${encodeURIComponent(draftId)}/${n}`,
    paper: (draftId: string, n: number) => `${root}/paper/${encodeURIComponent(draftId)}/${n}`,
    file: (draftId: string, n: number) => `${root}/file/${encodeURIComponent(draftId)}/${n}`,
    fileAccess: (draftId: string, n: number) => `${root}/file/${encodeURIComponent(draftId)}/${n}/access`,
    fileDownload: (draftId: string, n: number) => `${root}/file/${encodeURIComponent(draftId)}/${n}/download`,
  };
}
export type OparlUrls = ReturnType<typeof oparlUrls>;

/** The facts of a stored file. */
export interface FileFacts {
  fileName: string;
  mimeType: string;
  size: number;
  sha512: string;
  /** ISO timestamp of the render. */
  createdAt: string;
}

/** One frozen version as OParl publishes it. */
export interface OparlVersion {
  draftId: string;
  reference: string;
  sessionKind: SessionKind;
  meta: DecisionVersionMeta;
  content: DecisionContent;
  /** The Lenkungskreis's decision on this version, if any. */
  decision: DecisionRecord | null;
  /** The other versions of the same draft that are published (numbers, ascending). */
  siblings: number[];
  /** When a sibling was handed over last (a new sibling changes this Paper's links). */
  siblingsChangedAt: string | null;
}

export interface OparlInstallation {
  /** The Body's name (WERKRAUM_BODY_NAME). */
  bodyName: string;
  /** The public address, for `website`. */
  website: string;
  /** When the installation started (first account), else the first publication. */
  created: string;
  /** The latest change of anything published. */
  modified: string;
}

export function oparlSystem(u: OparlUrls, inst: OparlInstallation): OparlObject {
  return {
    id: u.system,
    type: OPARL_TYPES.system,
    oparlVersion: OPARL_VERSION,
    body: u.bodies,
    name: `Werkraum – ${inst.bodyName}`,
    website: inst.website,
    created: oparlDateTime(inst.created),
    modified: oparlDateTime(inst.modified),
  };
}

export function oparlBody(u: OparlUrls, inst: OparlInstallation): OparlObject {
  return {
    id: u.body,
    type: OPARL_TYPES.body,
    system: u.system,
    name: inst.bodyName,
    website: inst.website,
    classification: 'Bildungsmanagement',
    organization: u.bodyOrganizations,
    person: u.bodyPeople,
    meeting: u.bodyMeetings,
    paper: u.bodyPapers,
    legislativeTerm: [],
    created: oparlDateTime(inst.created),
    modified: oparlDateTime(inst.modified),
  };
}

/** The Lenkungskreis or a kind of session as an Organization. */
export function oparlOrganization(u: OparlUrls, inst: OparlInstallation, id: string, hasMeetings: boolean): OparlObject {
  const session = id === LENKUNGSKREIS ? null : SESSION_ORGANIZATIONS[id as SessionKind];
  return {
    id: u.organization(id),
    type: OPARL_TYPES.organization,
    body: u.body,
    name: session ? session.name : 'Lenkungskreis',
    organizationType: 'Gremium',
    classification: session ? session.classification : 'Lenkungskreis',
    ...(hasMeetings ? { meeting: u.organizationMeetings(id) } : {}),
    created: oparlDateTime(inst.created),
    modified: oparlDateTime(inst.modified),
  };
}

export function organizationIds(): string[] {
  return [...ORGANIZATION_IDS];
}

const OUTCOME_RESULTS: Record<DecisionRecord['outcome'], string> = {
  beschlossen: 'Unverändert beschlossen',
  geaendert_beschlossen: 'Geändert beschlossen',
  zurueckgestellt: 'Zurückgestellt',
  abgelehnt: 'Abgelehnt',
  zurueckverwiesen: 'Zurückverwiesen',
};

const isInformation = (v: OparlVersion) => v.sessionKind === 'interfraktionelle_ag';

/** The categorical result of the Lenkungskreis's consultation of a version. */
export function decisionResult(v: OparlVersion): string | null {
  if (!v.decision) return null;
  const adopted = v.decision.outcome === 'beschlossen' || v.decision.outcome === 'geaendert_beschlossen';
  if (isInformation(v) && adopted) return 'Zur Kenntnis genommen';
  return OUTCOME_RESULTS[v.decision.outcome] ?? DRAFT_STATUS_LABELS[v.decision.outcome];
}

/** The resolution as adopted (with its conditions); none for an information paper or a decision that adopted nothing. */
export function resolutionText(v: OparlVersion): string | null {
  const d = v.decision;
  if (!d || isInformation(v) || (d.outcome !== 'beschlossen' && d.outcome !== 'geaendert_beschlossen')) return null;
  const text = d.resolutionText.trim();
  const conditions = d.conditions.trim();
  const out = [text, conditions !== '' ? `Auflagen: ${conditions}` : ''].filter((s) => s !== '').join('\n\n');
  return out === '' ? null : out;
}

/** When a version's Paper (and its consultation) last changed: hand-over, decision, a further version. */
export const versionModified = (v: OparlVersion) => latest(v.meta.handedOverAt, v.decision?.recordedAt, v.siblingsChangedAt);

/** A decided version's AgendaItem in the Lenkungskreis's meeting; `embedded` leaves out `meeting`. */
export function oparlAgendaItem(u: OparlUrls, v: OparlVersion, order: number, embedded: boolean): OparlObject {
  const d = v.decision!;
  const text = resolutionText(v);
  return {
    id: u.agendaItem(v.draftId, v.meta.number),
    type: OPARL_TYPES.agendaItem,
    ...(embedded ? {} : { meeting: u.meeting(d.decidedOn) }),
    number: String(order),
    order,
    name: betreffOf(v.content),
    public: true,
    consultation: u.consultation(v.draftId, v.meta.number),
    result: decisionResult(v),
    ...(text !== null ? { resolutionText: text } : {}),
    created: oparlDateTime(d.recordedAt),
    modified: oparlDateTime(versionModified(v)),
  };
}

/** A meeting of the Lenkungskreis: the decisions taken on one date, in the order recorded. */
export function oparlMeeting(u: OparlUrls, date: string, items: readonly OparlVersion[]): OparlObject {
  const sorted = [...items].sort((a, b) => a.decision!.recordedAt.localeCompare(b.decision!.recordedAt) || a.reference.localeCompare(b.reference));
  const [y, m, d] = date.split('-');
  return {
    id: u.meeting(date),
    type: OPARL_TYPES.meeting,
    name: `Sitzung des Lenkungskreises am ${d}.${m}.${y}`,
    meetingState: 'durchgeführt',
    cancelled: false,
    organization: [u.organization(LENKUNGSKREIS)],
    agendaItem: sorted.map((v, i) => oparlAgendaItem(u, v, i + 1, true)),
    created: oparlDateTime(sorted.map((v) => v.decision!.recordedAt).reduce((a, b) => (a < b ? a : b))),
    modified: oparlDateTime(latest(...sorted.map(versionModified))),
  };
}

/** The Lenkungskreis's consultation of a version; `embedded` (inside the Paper) leaves out `paper`. */
export function oparlConsultation(u: OparlUrls, v: OparlVersion, embedded: boolean): OparlObject {
  const d = v.decision;
  return {
    id: u.consultation(v.draftId, v.meta.number),
    type: OPARL_TYPES.consultation,
    ...(embedded ? {} : { paper: u.paper(v.draftId, v.meta.number) }),
    ...(d ? { agendaItem: u.agendaItem(v.draftId, v.meta.number), meeting: u.meeting(d.decidedOn) } : {}),
    organization: [u.organization(LENKUNGSKREIS)],
    // An Informationsvorlage is taken note of, not decided.
    authoritative: !isInformation(v),
    role: isInformation(v) ? 'Kenntnisnahme' : 'Entscheidung',
    created: oparlDateTime(v.meta.handedOverAt),
    modified: oparlDateTime(versionModified(v)),
  };
}

/** The version's PDF; `embedded` (as the Paper's mainFile) leaves out `paper`. */
export function oparlFile(u: OparlUrls, v: OparlVersion, file: FileFacts, embedded: boolean): OparlObject {
  return {
    id: u.file(v.draftId, v.meta.number),
    type: OPARL_TYPES.file,
    name: `${paperKind(v.sessionKind)} ${v.reference}, Fassung ${v.meta.number}`,
    fileName: file.fileName,
    mimeType: file.mimeType,
    date: file.createdAt.slice(0, 10),
    size: file.size,
    sha512Checksum: file.sha512,
    accessUrl: u.fileAccess(v.draftId, v.meta.number),
    downloadUrl: u.fileDownload(v.draftId, v.meta.number),
    ...(embedded ? {} : { paper: [u.paper(v.draftId, v.meta.number)] }),
    created: oparlDateTime(file.createdAt),
    modified: oparlDateTime(file.createdAt),
  };
}

/** A frozen version as a Paper (Drucksache), with its consultation and its PDF embedded. */
export function oparlPaper(u: OparlUrls, v: OparlVersion, file: FileFacts): OparlObject {
  const n = v.meta.number;
  const first = v.siblings.length > 0 && v.siblings[0]! < n ? v.siblings[0]! : null;
  const later = first === null ? v.siblings.filter((s) => s > n) : [];
  const keyword = ['Bildungsmanagement', v.content.gremium.trim()].filter((k) => k !== '');
  return {
    id: u.paper(v.draftId, n),
    type: OPARL_TYPES.paper,
    body: u.body,
    name: betreffOf(v.content),
    reference: `${v.reference}/${n}`,
    date: (v.content.datum ?? v.meta.handedOverAt).slice(0, 10),
    paperType: paperKind(v.sessionKind),
    ...(v.siblings.length > 0 ? { relatedPaper: v.siblings.map((s) => u.paper(v.draftId, s)) } : {}),
    ...(first !== null ? { superordinatedPaper: [u.paper(v.draftId, first)] } : {}),
    ...(later.length > 0 ? { subordinatedPaper: later.map((s) => u.paper(v.draftId, s)) } : {}),
    mainFile: oparlFile(u, v, file, true),
    originatorOrganization: [u.organization(v.sessionKind)],
    consultation: [oparlConsultation(u, v, true)],
    keyword,
    created: oparlDateTime(v.meta.handedOverAt),
    modified: oparlDateTime(versionModified(v)),
  };
}

/** One page of an external object list, with the filters of the request kept in its links. */
export function oparlListPage(
  listUrl: string,
  all: readonly OparlObject[],
  q: { page: number; limit: number; filters: Record<string, string> },
): OparlObject {
  const totalPages = Math.max(1, Math.ceil(all.length / q.limit));
  const page = Math.min(q.page, totalPages);
  const at = (p: number) => {
    const params = new URLSearchParams(q.filters);
    if (q.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(q.limit));
    if (p > 1) params.set('page', String(p));
    const s = params.toString();
    return s === '' ? listUrl : `${listUrl}?${s}`;
  };
  return {
    data: all.slice((page - 1) * q.limit, page * q.limit),
    pagination: { totalElements: all.length, elementsPerPage: q.limit, currentPage: page, totalPages },
    links: {
      first: at(1),
      ...(page > 1 ? { prev: at(page - 1) } : {}),
      self: at(page),
      ...(page < totalPages ? { next: at(page + 1) } : {}),
      last: at(totalPages),
    },
  };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
