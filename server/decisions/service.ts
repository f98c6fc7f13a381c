/**
 * Decision drafts on the server: assembling a draft from the session's boards and rounds,
 * reading its live content from the store, freezing versions, the status workflow and the
 * decision record. HTTP routes (server/http/decisions.ts) authorise the caller and call in here.
 *
 * Facts (consensus records, results, participation) come from the store only: closed rounds and
 * the session's participants. A board document may hold anything a client wrote; reading one
 * never throws past this service — a document that cannot be read answers
 * `422 document_unreadable`, naming it, and changes nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import {
  canonicalJson,
  checkCompleteness,
  checkTransition,
  DECISION_OUTCOMES,
  DEFAULT_GREMIUM,
  hasBlocking,
  type CompletenessFinding,
  type DecisionActorRef,
  type DecisionContent,
  type DecisionOutcome,
  type DecisionRecord,
  type DecisionVersion,
  type DecisionVersionMeta,
  type DraftStatus,
} from '../../shared/decision';
import type { SourcePick } from '../../shared/decisionApi';
import type { DocKind } from '../../shared/docs';
import { docName } from '../../shared/docs';
import type { SessionKind } from '../../shared/domain';
import { ErrorId } from '../../shared/errors';
import { richPlainText } from '../../shared/richText';
import {
  mergeDecisionContent,
  readActionPlan,
  readDecisionDraft,
  readGoalTree,
  readPriorities,
  readSwot,
  DraftLimits,
  setDraftStatusSignal,
  writeAssembledDraft,
  type AssembledDraft,
  type DecisionEditable,
  type DecisionProvenance,
  type WriteContext,
} from '../../shared/schema';
import type { RoundResult } from '../../shared/votes';
import { newId } from '../auth/tokens';
import { ApiError } from '../http/errors';
import type { SessionRecord, Store, StoredDraft } from '../store/types';
import type { SyncServer } from '../sync/SyncServer';
import { assembleDraft, participationOf, prefillProse, type BoardSnapshot } from './assembly';
import { consensusFromRound } from './consensus';

/** Writes of the server into the decisions document. */
const SERVER_WRITER: WriteContext = { origin: 'werkraum-server', author: { participantId: '', displayName: 'Werkraum' } };

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  bildungskonferenz: 'Bildungskonferenz',
  interfraktionelle_ag: 'Interfraktionelle Arbeitsgruppe',
  arbeitsgruppe: 'Arbeitsgruppe',
};

/** Lower-case hex SHA-256 of the canonical JSON. */
export function contentHash(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** The canonical JSON of a content and its hash: what a version stores. */
export function freeze(content: DecisionContent): { json: string; hash: string } {
  const json = canonicalJson(content);
  return { json, hash: contentHash(json) };
}

/** How error messages name the documents. */
const DOC_LABELS: Record<DocKind, string> = {
  notes: 'notes',
  swot: 'SWOT board',
  priorities: 'priorities board',
  goals: 'goal tree',
  actions: 'action plan',
  canvas: 'Gesamtkonzept canvas',
  decisions: 'decision drafts document',
};

/**
 * Runs a reader over a loaded document; any failure (a shape no check foresaw, a stack
 * overflow) becomes `422 document_unreadable` naming the document, never a 500.
 */
export function readSafely<T>(kind: DocKind | 'boards', read: () => T, log?: FastifyBaseLogger): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const what = kind === 'boards' ? "session's boards" : DOC_LABELS[kind];
    log?.warn({ err, doc: kind }, 'a stored document could not be read');
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new ApiError(422, ErrorId.documentUnreadable, `The ${what} of this session cannot be read (${reason.slice(0, 200)}); nothing was changed`);
  }
}

/** Rows an assembly would add per collection, with the live draft's rows (more picks). */
function checkRowLimits(draft: AssembledDraft, existing: DecisionEditable | null): void {
  const counts: [string, number, number][] = [
    ['topics', draft.topics?.length ?? 0, existing?.topics.length ?? 0],
    ['goals', draft.goals?.length ?? 0, existing?.goals.length ?? 0],
    ['indicators', (draft.goals ?? []).reduce((n, g) => n + (g.indicators?.length ?? 0), 0), existing?.goals.reduce((n, g) => n + g.indicators.length, 0) ?? 0],
    ['measures', draft.measures?.length ?? 0, existing?.measures.length ?? 0],
    ['evidence', draft.evidence?.length ?? 0, existing?.evidence.length ?? 0],
    ['responsibilities', draft.responsibilities?.length ?? 0, existing?.responsibilities.length ?? 0],
  ];
  for (const [collection, added, had] of counts) {
    if (added > 0 && added + had > DraftLimits.rowsPerCollection) {
      throw new ApiError(
        422,
        ErrorId.draftTooLarge,
        `picks: the draft would have ${added + had} rows of ${collection}, at most ${DraftLimits.rowsPerCollection} are allowed; pick fewer items`,
        'picks',
      );
    }
  }
}

/**
 * The provenance with only records of rounds the store has closed: a record that entered a draft
 * from a board's vote slot (before the server stopped reading those) is dropped, with its links.
 */
export function factsOnly(provenance: DecisionProvenance, rounds: readonly RoundResult[]): DecisionProvenance {
  const byId = new Map(rounds.map((r) => [r.roundId, r]));
  // Each record as its round's published result says now: a corrected or withdrawn outcome, and
  // what a secret round withheld, reach the draft that uses it.
  const consensus = provenance.consensus.flatMap((r) => {
    const round = r.optionId !== null ? byId.get(r.roundId) : undefined;
    return round && r.optionId !== null ? [consensusFromRound(round, r.optionId)] : [];
  });
  const kept = new Set(consensus.map((r) => r.id));
  const sources =
    consensus.length === provenance.consensus.length
      ? provenance.sources
      : provenance.sources.map((x) => ({ ...x, consensusIds: x.consensusIds.filter((id) => kept.has(id)) }));
  return { ...provenance, consensus, sources };
}

export interface DecisionServiceDeps {
  store: Store;
  /** The Yjs endpoint, for writes into the live documents (stored before they are relayed). */
  sync: () => SyncServer;
  log: FastifyBaseLogger;
  /** WERKRAUM_SECRET_MIN_VOTERS: also the smallest actor group a participation table shows. */
  secretMinVoters?: number;
}

export class DecisionService {
  constructor(private readonly deps: DecisionServiceDeps) {}

  private get store(): Store {
    return this.deps.store;
  }

  get log(): FastifyBaseLogger {
    return this.deps.log;
  }

  /**
   * A copy of a document's current state as stored, read through the Yjs endpoint (so it is
   * migrated and repaired like every document a client opens). The caller destroys the copy.
   */
  async loadDoc(name: string): Promise<Y.Doc> {
    return this.deps.sync().read(name, (live) => {
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
      return doc;
    });
  }

  async boards(sessionId: string): Promise<BoardSnapshot> {
    const [swot, priorities, goals, actions] = await Promise.all(
      (['swot', 'priorities', 'goals', 'actions'] as const).map((k) => this.loadDoc(docName(sessionId, k))),
    );
    const log = this.deps.log;
    try {
      const tree = readSafely('goals', () => readGoalTree(goals!), log);
      return {
        swot: readSafely('swot', () => readSwot(swot!), log),
        priorities: readSafely('priorities', () => readPriorities(priorities!), log),
        goals: tree,
        actions: readSafely('actions', () => readActionPlan(actions!, tree), log),
      };
    } finally {
      for (const d of [swot, priorities, goals, actions]) d!.destroy();
    }
  }

  /**
   * The draft's provenance as facts: only records of rounds the store has closed, each as its
   * round says now, and the participation as it is now (groups merged as the installation says).
   */
  async facts(draft: StoredDraft, rounds?: readonly RoundResult[]): Promise<DecisionProvenance> {
    const closed = rounds ?? (await this.closedRounds(draft.sessionId));
    return { ...factsOnly(draft.provenance, closed), participation: await this.participation(draft.sessionId, closed) };
  }

  /** The live draft as the document holds it (co-edited part only). */
  private async editable(draft: StoredDraft): Promise<DecisionEditable> {
    const doc = await this.loadDoc(docName(draft.sessionId, 'decisions'));
    try {
      return readSafely('decisions', () => readDecisionDraft(doc, draft.id), this.deps.log);
    } finally {
      doc.destroy();
    }
  }

  async closedRounds(sessionId: string): Promise<RoundResult[]> {
    const rounds = await this.store.votes.listRounds(sessionId, 'closed');
    return rounds.flatMap((r) => (r.result ? [r.result] : []));
  }

  async participation(sessionId: string, rounds?: readonly RoundResult[]): Promise<DecisionProvenance['participation']> {
    const people = await this.store.moderation.listParticipants(sessionId);
    return participationOf(people, rounds ?? (await this.closedRounds(sessionId)), this.deps.secretMinVoters);
  }

  /** Creates a draft from the picks: rows into the live document first, then the record. */
  async create(session: SessionRecord, input: { title?: string; gremium?: string; picks: SourcePick[] }, actor: DecisionActorRef): Promise<StoredDraft> {
    const [boards, rounds] = await Promise.all([this.boards(session.id), this.closedRounds(session.id)]);
    const participation = await this.participation(session.id, rounds);
    const now = new Date().toISOString();
    const assembled = readSafely('boards', () => assembleDraft({ boards, rounds, picks: input.picks, now }), this.deps.log);
    if (assembled.unknown.length > 0) {
      const i = assembled.unknown[0]!;
      throw new ApiError(422, ErrorId.unknownSource, `picks.${i}: no such item or round option in this session`, `picks.${i}`);
    }
    const draft = assembled.draft;
    checkRowLimits(draft, null);
    const paper = session.kind === 'interfraktionelle_ag' ? 'Informationsvorlage' : 'Beschlussvorlage';
    draft.title = input.title ?? (draft.topics?.[0]?.title || draft.goals?.[0]?.title || `${paper} ${session.title}`).slice(0, 200);
    draft.gremium = input.gremium ?? DEFAULT_GREMIUM;
    // An information paper goes to the Gremium for it to take note, a Beschlussvorlage for a decision.
    draft.zustaendigkeit = session.kind === 'interfraktionelle_ag' ? 'kenntnisnahme' : 'entscheidung';
    draft.prose = readSafely(
      'boards',
      () =>
        prefillProse(
          draft,
          { title: session.title, kindLabel: SESSION_KIND_LABELS[session.kind], date: session.date, informationOnly: session.kind === 'interfraktionelle_ag' },
          { ...participation, note: '' },
        ),
      this.deps.log,
    );
    const id = newId();
    await this.deps.sync().change(docName(session.id, 'decisions'), (doc) => {
      writeAssembledDraft(doc, SERVER_WRITER, id, draft);
      setDraftStatusSignal(doc, SERVER_WRITER, id, { status: 'entwurf', version: 0, updatedAt: Date.now() });
    });
    return this.store.decisions.createDraft({
      id,
      sessionId: session.id,
      title: draft.title,
      gremium: draft.gremium,
      provenance: { ...assembled.provenance, participation },
      createdBy: actor,
      createdAt: now,
    });
  }

  /** More picks into an existing draft: rows appended, provenance extended. */
  async addSources(draft: StoredDraft, picks: SourcePick[], actor: DecisionActorRef): Promise<StoredDraft> {
    const [boards, rounds] = await Promise.all([this.boards(draft.sessionId), this.closedRounds(draft.sessionId)]);
    const participation = await this.participation(draft.sessionId, rounds);
    const existing = factsOnly(draft.provenance, rounds);
    const assembled = readSafely('boards', () => assembleDraft({ boards, rounds, picks, existing, now: new Date().toISOString() }), this.deps.log);
    if (assembled.unknown.length > 0) {
      const i = assembled.unknown[0]!;
      throw new ApiError(422, ErrorId.unknownSource, `picks.${i}: no such item or round option in this session`, `picks.${i}`);
    }
    checkRowLimits(assembled.draft, await this.editable(draft));
    assembled.draft.zustaendigkeit = (await this.sessionKind(draft)) === 'interfraktionelle_ag' ? 'kenntnisnahme' : 'entscheidung';
    await this.deps.sync().change(docName(draft.sessionId, 'decisions'), (doc) => writeAssembledDraft(doc, SERVER_WRITER, draft.id, assembled.draft));
    const updated = await this.store.decisions.updateProvenance(draft.id, { ...assembled.provenance, participation }, actor, new Date().toISOString());
    if (!updated) throw new ApiError(404, ErrorId.notFound, 'Draft not found');
    return updated;
  }

  /** The live content as stored: the co-edited part with the server's provenance. */
  async currentContent(draft: StoredDraft): Promise<DecisionContent> {
    const [editable, provenance] = await Promise.all([this.editable(draft), this.facts(draft)]);
    return mergeDecisionContent(editable, provenance);
  }

  /** A frozen version; its stored JSON is checked against its hash on every read. */
  async version(draft: StoredDraft, number: number): Promise<DecisionVersion> {
    const found = await this.store.decisions.findVersion(draft.id, number);
    if (!found) throw new ApiError(404, ErrorId.notFound, `No version ${number}`);
    if (contentHash(found.contentJson) !== found.meta.contentHash) {
      this.deps.log.error({ draftId: draft.id, version: number }, 'decision version does not match its content hash');
      throw new ApiError(500, ErrorId.internal, 'Stored version is damaged');
    }
    return { ...found.meta, content: JSON.parse(found.contentJson) as DecisionContent };
  }

  async check(draft: StoredDraft): Promise<CompletenessFinding[]> {
    return checkCompleteness(await this.currentContent(draft), { sessionKind: await this.sessionKind(draft) });
  }

  private async sessionKind(draft: StoredDraft): Promise<SessionKind | undefined> {
    return (await this.store.sessions.findById(draft.sessionId))?.kind;
  }

  /** Freezes the live draft as the next version and hands it over. */
  async handover(draft: StoredDraft, note: string, actor: DecisionActorRef): Promise<{ draft: StoredDraft; version: DecisionVersionMeta }> {
    const refusal = checkTransition(draft.status, 'uebergeben', 'moderator');
    if (refusal) throw new ApiError(409, ErrorId.illegalTransition, refusal.message);
    // Participation is taken as it is at hand-over: people may have joined since the draft was made.
    const rounds = await this.closedRounds(draft.sessionId);
    const participation = await this.participation(draft.sessionId, rounds);
    const provenance = { ...factsOnly(draft.provenance, rounds), participation };
    const content = mergeDecisionContent(await this.editable(draft), provenance);
    const findings = checkCompleteness(content, { sessionKind: await this.sessionKind(draft) });
    if (hasBlocking(findings)) {
      const ids = findings.filter((f) => f.severity === 'blocking').map((f) => f.id);
      throw new ApiError(409, ErrorId.draftIncomplete, `Not complete: ${ids.join(', ')}`);
    }
    const { json, hash } = freeze(content);
    const result = await this.store.decisions.freezeVersion(draft.id, ['entwurf', 'uebergeben', 'zurueckverwiesen'], {
      contentJson: json,
      contentHash: hash,
      title: content.title,
      gremium: content.gremium,
      handedOverAt: new Date().toISOString(),
      handedOverBy: actor,
      findings,
      note,
    });
    if (!result) throw new ApiError(409, ErrorId.illegalTransition, 'The draft changed its status meanwhile');
    await this.signal(result.draft);
    return result;
  }

  /** A status change without a decision record (Lenkungskreis: into deliberation). */
  async changeStatus(draft: StoredDraft, to: DraftStatus, actor: DecisionActorRef): Promise<StoredDraft> {
    const updated = await this.store.decisions.changeStatus(draft.id, draft.status, to, actor, new Date().toISOString());
    if (!updated) throw new ApiError(409, ErrorId.illegalTransition, 'The draft changed its status meanwhile');
    await this.signal(updated);
    return updated;
  }

  /** Records the Lenkungskreis's decision on the latest version. */
  async recordDecision(
    draft: StoredDraft,
    input: { outcome: DecisionOutcome; decidedOn: string; resolutionText: string; conditions: string },
    actor: DecisionActorRef,
  ): Promise<{ draft: StoredDraft; decision: DecisionRecord }> {
    if (!DECISION_OUTCOMES.includes(input.outcome)) throw new ApiError(400, ErrorId.validation, 'outcome: unknown', 'outcome');
    let resolutionText = input.resolutionText;
    if (resolutionText === '' && input.outcome === 'beschlossen') {
      resolutionText = richPlainText((await this.version(draft, draft.latestVersion)).content.beschlussvorschlag);
    }
    if (input.outcome === 'geaendert_beschlossen') {
      // "Adopted with changes" with the proposal's own words would record a change that was not made.
      const proposal = richPlainText((await this.version(draft, draft.latestVersion)).content.beschlussvorschlag);
      const words = (s: string) => s.replace(/\s+/g, ' ').trim();
      if (words(resolutionText) === words(proposal)) {
        throw new ApiError(400, ErrorId.validation, 'resolutionText: unchanged from the proposal; record "beschlossen" or enter the text as adopted', 'resolutionText');
      }
    }
    const now = new Date().toISOString();
    const decision: DecisionRecord = {
      outcome: input.outcome,
      decidedOn: input.decidedOn,
      resolutionText,
      conditions: input.conditions,
      version: draft.latestVersion,
      recordedAt: now,
      recordedBy: actor,
    };
    const updated = await this.store.decisions.changeStatus(draft.id, draft.status, input.outcome, actor, now, decision);
    if (!updated) throw new ApiError(409, ErrorId.illegalTransition, 'The draft changed its status meanwhile');
    await this.signal(updated);
    return { draft: updated, decision };
  }

  /** Tells the session's open documents about a status change (a hint; failures are only logged). */
  private async signal(draft: StoredDraft): Promise<void> {
    try {
      await this.deps.sync().change(docName(draft.sessionId, 'decisions'), (doc) =>
        setDraftStatusSignal(doc, SERVER_WRITER, draft.id, { status: draft.status, version: draft.latestVersion, updatedAt: Date.now() }),
      );
    } catch (err) {
      this.deps.log.error({ err, draftId: draft.id }, 'writing the draft status signal failed');
    }
  }
}
