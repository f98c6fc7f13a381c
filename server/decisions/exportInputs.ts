/**
 * Gathers what an export renders, as plain data the worker thread can take: a draft's version
 * (or live content), or a whole session for the Protokoll.
 */
import type { DecisionVersion, DecisionVersionMeta } from '../../shared/decision';
import { docName } from '../../shared/docs';
import { safeLinkTarget } from '../../shared/links';
import { fromXmlFragment } from '../../shared/richText';
import { CANVAS_SECTIONS, getCanvasFragment, getNotesFragment, readActionPlan, readGoalTree, readPriorities, readSwot } from '../../shared/schema';
import { OTHER_ACTOR_GROUP } from '../../shared/moderation';
import type { AgendaTimeEntry, ParticipantProfile, SessionRecord, Store, StoredDraft } from '../store/types';
import type { DecisionExportInput } from './exports/decisionDocument';
import type { ProtokollAttendance, ProtokollInput, ProtokollItemTime } from './exports/protokollDocument';
import { isoTime } from './consensus';
import { readSafely, type DecisionService } from './service';

function versionMeta({ content: _content, ...meta }: DecisionVersion): DecisionVersionMeta {
  return meta;
}

/**
 * The absolute URLs JSON and OParl carry. The base passes the link sanitiser like every link of
 * an export; one that does not (not http/https, odd characters from a Host header) is replaced.
 */
export function draftUrls(base: string, draftId: string, version: number | null): DecisionExportInput['urls'] {
  const safe = safeLinkTarget(base);
  const b = (safe !== null && /^https?:/.test(safe) ? safe : 'http://localhost').replace(/\/$/, '');
  const v = version ?? 0;
  return {
    base: b,
    draft: `${b}/api/decisions/${draftId}`,
    paper: `${b}/api/decisions/${draftId}/versions/${v}/oparl`,
    pdf: `${b}/api/decisions/${draftId}/versions/${v}/pdf`,
  };
}

/** A version (number) or the live draft (`current`). */
export async function decisionExportInput(
  decisions: DecisionService,
  draft: StoredDraft,
  session: SessionRecord,
  ref: number | 'current',
  baseUrl: string,
): Promise<DecisionExportInput> {
  const version = ref === 'current' ? null : await decisions.version(draft, ref);
  const content = version ? version.content : await decisions.currentContent(draft);
  const meta = version ? versionMeta(version) : null;
  // A decision belongs to the version it was taken on.
  const decision = draft.decision && version && draft.decision.version === version.number ? draft.decision : null;
  return {
    draftId: draft.id,
    reference: draft.reference,
    status: version && version.number < draft.latestVersion ? 'uebergeben' : draft.status,
    session: { id: session.id, title: session.title, kind: session.kind, date: session.date },
    version: meta,
    content,
    decision,
    generatedAt: new Date().toISOString(),
    urls: draftUrls(baseUrl, draft.id, version?.number ?? null),
  };
}

export async function protokollInput(store: Store, decisions: DecisionService, session: SessionRecord): Promise<ProtokollInput> {
  const [notesDoc, canvasDoc, rounds, allRounds, course, drafts, participation, people, moderation] = await Promise.all([
    decisions.loadDoc(docName(session.id, 'notes')),
    decisions.loadDoc(docName(session.id, 'canvas')),
    decisions.closedRounds(session.id),
    store.votes.listRounds(session.id),
    store.moderation.loadCourse(session.id),
    store.decisions.listForSession(session.id),
    decisions.participation(session.id),
    store.moderation.listParticipants(session.id),
    moderatorNames(store, session),
  ]);
  const [swotDoc, prioDoc, goalsDoc, actionsDoc] = await Promise.all(
    (['swot', 'priorities', 'goals', 'actions'] as const).map((k) => decisions.loadDoc(docName(session.id, k))),
  );
  const log = decisions.log;
  try {
    const swot = readSafely('swot', () => readSwot(swotDoc!), log);
    const clusterTitle = new Map(swot.clusters.map((c) => [c.id, c.title]));
    const tree = readSafely('goals', () => readGoalTree(goalsDoc!), log);
    const canvasUsed = readSafely('canvas', () => session.template === 'gesamtkonzept' || CANVAS_SECTIONS.some((s) => getCanvasFragment(canvasDoc, s.id).length > 0), log);
    return {
      session: { id: session.id, title: session.title, kind: session.kind, date: session.date },
      generatedAt: new Date().toISOString(),
      agenda: course?.agenda ?? [],
      notes: readSafely('notes', () => fromXmlFragment(getNotesFragment(notesDoc)), log),
      swot: swot.cards.map((c) => ({
        quadrant: c.quadrant,
        text: c.text,
        cluster: c.clusterId ? (clusterTitle.get(c.clusterId) ?? null) : null,
        evidence: c.evidence ? { ...c.evidence } : null,
        assessment: c.assessment ? { ...c.assessment } : null,
      })),
      // No vote slot: a topic's results are read from `rounds` (the store) when the Protokoll is built.
      priorities: readSafely('priorities', () => readPriorities(prioDoc!), log).map((t) => ({
        id: t.id,
        rank: t.rank,
        title: t.title,
        description: t.description,
        role: t.role,
        actors: [...t.actors],
      })),
      goals: tree.nodes.map((n) => ({ depth: n.depth, level: n.level, title: n.title, owner: n.owner, zielfeld: n.zielfeld, indicators: n.indicators.map((i) => ({ ...i })) })),
      actions: readSafely('actions', () => readActionPlan(actionsDoc!, tree), log).map((e) => ({ goalTitle: tree.byId.get(e.goalId)?.title ?? '', entry: { fields: { ...e.fields } } })),
      canvas: canvasUsed
        ? readSafely('canvas', () => CANVAS_SECTIONS.map((s) => ({ number: s.number, title: s.title.de, answer: fromXmlFragment(getCanvasFragment(canvasDoc, s.id)) })), log)
        : [],
      rounds,
      cancelledRounds: allRounds.filter((r) => r.status === 'cancelled').length,
      participation,
      drafts: drafts.map((d) => ({ reference: d.reference, title: d.title, status: d.status, latestVersion: d.latestVersion, decision: d.decision })),
      meeting: { ...session.minutes, moderation },
      attendance: attendanceOf(people, participation),
      // A course stored before the times were recorded has none: "not recorded", not "not called".
      itemTimes: course && !course.itemLog ? undefined : itemTimesOf(course?.itemLog ?? []),
    };
  } finally {
    for (const d of [notesDoc, canvasDoc, swotDoc, prioDoc, goalsDoc, actionsDoc]) d!.destroy();
  }
}

/** The names of the session's moderators: its creator's account, then its co-moderators'. */
async function moderatorNames(store: Store, session: SessionRecord): Promise<string[]> {
  const names: string[] = [];
  for (const id of [session.createdBy, ...session.coModeratorIds]) {
    const account = await store.accounts.findById(id);
    if (account && !names.includes(account.displayName)) names.push(account.displayName);
  }
  return names;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'de');

/**
 * Participants by name, in exactly the groups the participation table shows: a person whose
 * group is not shown there (merged for being too small) is listed under "Sonstige", never under
 * their own group; without a shown breakdown, one list without groups.
 */
export function attendanceOf(people: readonly ParticipantProfile[], participation: ProtokollInput['participation']): ProtokollAttendance {
  const participants = people.filter((p) => p.role === 'participant');
  const shown = new Set(participation.byActorGroup.map((g) => g.group));
  if (shown.size === 0) return { groups: [{ label: null, names: participants.map((p) => p.displayName).sort(byName) }] };
  const groupOf = (p: ParticipantProfile) => (p.actorGroup !== null && shown.has(p.actorGroup) ? p.actorGroup : OTHER_ACTOR_GROUP);
  return {
    groups: participation.byActorGroup.map((g) => ({
      label: g.label,
      names: participants
        .filter((p) => groupOf(p) === g.group)
        .map((p) => p.displayName)
        .sort(byName),
    })),
  };
}

/** The course's item log as ISO times by agenda item. */
function itemTimesOf(log: readonly AgendaTimeEntry[]): Record<string, ProtokollItemTime[]> {
  const out: Record<string, ProtokollItemTime[]> = {};
  for (const e of log) {
    const startedAt = isoTime(e.startedAt);
    if (!startedAt) continue;
    (out[e.itemId] ??= []).push({ startedAt, endedAt: isoTime(e.endedAt) });
  }
  return out;
}
