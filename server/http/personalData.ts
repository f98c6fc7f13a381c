/**
 * Everything Werkraum stores about one person, as JSON (DSGVO Art. 15 and 20). With a session
 * token, about that participant: the person as
 * the session knows them, their authored items on every board (the plenary's and the parallel
 * tables' copies), their private drafts, the rounds they took part in with what is recorded under
 * their name, and their turns on the speakers list. With only a login cookie, about the account:
 * its own fields and the sessions it moderates. The person's own token or login is the key.
 *
 * Notes and canvas are written together without per-person authorship (rich text keeps none);
 * they are named as such in the export rather than listed.
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { BOARD_KINDS, type BoardKind, docName, privateDocName, tableDocName } from '../../shared/docs';
import { ACTION_ENTRIES_MAP } from '../../shared/schema/actions';
import { getItemsMap } from '../../shared/schema/items';
import { resolveParticipant } from '../auth/participants';
import { bearerToken, requireAccount } from './authn';
import type { ApiContext } from './context';
import { notFound, unauthenticated } from './errors';

/** Version of the export's shape; raised when its fields change meaning. */
export const PERSONAL_DATA_FORMAT = 1;

type Json = Record<string, unknown>;

const isAuthorRecord = (v: unknown, participantId: string): boolean =>
  typeof v === 'object' && v !== null && (v as { participantId?: unknown }).participantId === participantId;

/** Items of a board document that the person wrote (created, last changed, or merged in). */
function authoredItems(doc: Y.Doc, kind: BoardKind, participantId: string): Json[] {
  const out: Json[] = [];
  if (kind === 'actions') {
    for (const [goalId, meta] of doc.getMap<unknown>(ACTION_ENTRIES_MAP).entries()) {
      const m = meta as Json | undefined;
      if (!m || !(isAuthorRecord(m.createdBy, participantId) || isAuthorRecord(m.updatedBy, participantId))) continue;
      const fields: Json = {};
      for (const [name, type] of doc.share) if (name.startsWith(`aktion:${goalId}:`) && type instanceof Y.AbstractType) fields[name.slice(`aktion:${goalId}:`.length)] = doc.getText(name).toString();
      out.push({ goalId, ...m, fields });
    }
    return out;
  }
  for (const [id, item] of getItemsMap(doc).entries()) {
    if (!(item instanceof Y.Map)) continue;
    const json = item.toJSON() as Json;
    const merged = Array.isArray(json.mergedFrom) && json.mergedFrom.some((m: unknown) => isAuthorRecord((m as Json | null)?.createdBy, participantId));
    if (isAuthorRecord(json.createdBy, participantId) || isAuthorRecord(json.updatedBy, participantId) || merged) out.push({ id, ...json });
  }
  return out;
}

export function registerPersonalDataRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  api.get('/me/data', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const token = bearerToken(req);
    // A participant token is explicit and wins over a login cookie the browser may also send.
    if (!token) {
      const account = await requireAccount(req, store);
      const generatedAt = new Date().toISOString();
      const sessions = await store.sessions.listForAccount(account.id);
      reply.header('content-disposition', `attachment; filename="werkraum-meine-kontodaten-${generatedAt.slice(0, 10)}.json"`);
      return {
        format: PERSONAL_DATA_FORMAT,
        generatedAt,
        notice: 'Alle Daten, die Werkraum über Ihr Konto speichert (Art. 15 und 20 DSGVO). Das Passwort ist nur als Hash gespeichert und wird nicht ausgegeben; Anmeldungen nur als Hash ihres Cookies.',
        account: { id: account.id, email: account.email, displayName: account.displayName, createdAt: account.createdAt, role: account.role },
        organisation: { id: account.organisationId, name: (await store.organisations.findById(account.organisationId))?.name ?? null },
        sessions: sessions.map((s) => ({
          id: s.id,
          title: s.title,
          kind: s.kind,
          date: s.date,
          moderation: s.createdBy === account.id ? 'created' : 'co-moderator',
          archivedAt: s.archivedAt,
        })),
      };
    }
    const participant = await resolveParticipant(store, token);
    if (!participant) throw unauthenticated('Token not valid for any session');
    const session = await store.sessions.findById(participant.sessionId);
    if (!session) throw notFound('Session not found');
    const profile = await store.moderation.findParticipant(participant.id);
    const course = await store.moderation.loadCourse(session.id);
    const read = async <T>(name: string, reader: (doc: Y.Doc) => T): Promise<T> => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, await ctx.live().readState(name));
        return reader(doc);
      } finally {
        doc.destroy();
      }
    };

    const boards: Record<string, Json[]> = {};
    for (const kind of BOARD_KINDS) boards[kind] = await read(docName(session.id, kind), (doc) => authoredItems(doc, kind, participant.id));
    const tables: Json[] = [];
    for (const table of course?.tables?.tables ?? []) {
      const kind = course!.tables!.board;
      const items = await read(tableDocName(session.id, table.id, kind), (doc) => authoredItems(doc, kind, participant.id));
      if (items.length > 0 || table.members.includes(participant.id)) tables.push({ tableId: table.id, number: table.number, board: kind, member: table.members.includes(participant.id), items });
    }
    const privateDrafts = await read(privateDocName(session.id, 'drafts', participant.id), (doc) => getItemsMap(doc).toJSON());

    const rounds: Json[] = [];
    for (const round of await store.votes.listRounds(session.id)) {
      if (!(await store.votes.participantIds(round.id)).includes(participant.id)) continue;
      const named = round.definition.named;
      // A secret round keeps nobody's choice once it is closed; a named one keeps the ballot under the name.
      const ballot = named ? (round.result?.ballots?.find((b) => b.participantId === participant.id)?.ballot ?? null) : null;
      // While a round is open, the person's ballot is stored (secret or not): it is theirs to see.
      const openBallot = round.status === 'open' ? ((await store.votes.findBallot(round.id, participant.id)) ?? null) : undefined;
      rounds.push({
        roundId: round.id,
        title: round.definition.title,
        method: round.definition.method,
        named,
        status: round.status,
        openedAt: new Date(round.openedAt).toISOString(),
        closedAt: round.closedAt === null ? null : new Date(round.closedAt).toISOString(),
        tookPart: true,
        ...(openBallot !== undefined ? { yourBallot: openBallot } : named ? { yourBallot: ballot } : {}),
      });
    }

    const body = {
      format: PERSONAL_DATA_FORMAT,
      generatedAt: new Date().toISOString(),
      notice:
        'Alle Daten, die Werkraum über Sie in dieser Sitzung speichert (Art. 15 und 20 DSGVO). Notizen und Canvas schreiben alle gemeinsam ohne Zuordnung zu Personen; sie sind hier nicht einzeln aufgeführt.',
      person: {
        participantId: participant.id,
        displayName: participant.displayName,
        role: participant.role,
        actorGroup: profile?.actorGroup ?? null,
        joinedAt: participant.createdAt,
      },
      session: { id: session.id, title: session.title, kind: session.kind, date: session.date },
      boards,
      tables,
      privateDrafts,
      rounds,
      speakerTurns: course?.speakers.spoken[participant.id] ?? 0,
      notAttributable: ['notes', 'canvas'],
    };
    reply.header('content-disposition', `attachment; filename="werkraum-meine-daten-${body.generatedAt.slice(0, 10)}.json"`);
    return body;
  });
}
