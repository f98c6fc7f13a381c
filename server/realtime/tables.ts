/**
 * Parallel tables (Arbeitstische): the moderator splits the room into tables — by choice, by
 * actor group or at random — and each table works on its own copy of a board, a Yjs document of
 * its own (`tableDocName`), so carets and presence are per table. Members of a table and
 * moderators write its copy; everybody else may read it (the plenary view shows all tables).
 * `tables.merge` carries every item a table created or changed into the plenary board, marked
 * with the table's number (`fromTable`); deletions at a table are not carried, so a merge loses
 * nothing the plenary board had. Votes and outcomes stay plenary.
 *
 * `TableSeats` answers the Yjs endpoint's question "may this person write this table's copy?"
 * synchronously from memory; it is loaded per session before a table document's first
 * connection is accepted and updated after every change (stored first, with the course).
 */
import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import { docName, tableDocName } from '../../shared/docs';
import { ErrorId } from '../../shared/errors';
import { ACTOR_GROUPS, OTHER_ACTOR_GROUP, type ActorGroup, type Table, type TablesState, type TableSplitMode } from '../../shared/moderation';
import { getItemsMap, TABLE_ORIGIN_KEY } from '../../shared/schema/items';
import { newId } from '../auth/tokens';
import type { ModerationStore, ParticipantProfile } from '../store/types';
import { type CommandRouter, refuse } from './commands';
import { publishState } from './state';
import type { RealtimeContext, RealtimeSocket } from './types';

export class TableSeats {
  private readonly bySession = new Map<string, TablesState | null>();

  constructor(private readonly store: ModerationStore) {}

  /** Loads a session's tables from the store unless they are in memory already. */
  async ensure(sessionId: string): Promise<void> {
    if (this.bySession.has(sessionId)) return;
    const course = await this.store.loadCourse(sessionId);
    if (!this.bySession.has(sessionId)) this.bySession.set(sessionId, course?.tables ?? null);
  }

  set(sessionId: string, tables: TablesState | null): void {
    this.bySession.set(sessionId, tables);
  }

  /** Synchronous, from memory: a member of a running table (moderators are checked by the caller). */
  mayWrite(sessionId: string, tableId: string, participantId: string): boolean {
    const table = this.bySession.get(sessionId)?.tables.find((t) => t.id === tableId);
    return table?.members.includes(participantId) ?? false;
  }
}

/** Who sits at tables: the session's participants (observers watch, moderators lead). */
async function seatable(ctx: RealtimeContext, sessionId: string): Promise<ParticipantProfile[]> {
  const people = await ctx.store.moderation.listParticipants(sessionId);
  return people.filter((p) => p.role === 'participant' && p.revokedAt === null);
}

function shuffle<T>(list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const emptyTable = (number: number, actorGroup: ActorGroup | null = null): Table => ({ id: newId(), number, actorGroup, members: [], facilitatorId: null, facilitatorName: null });

/** The tables of a split, with their members (pure apart from the random order and ids). */
export function seatPeople(mode: TableSplitMode, count: number, people: readonly ParticipantProfile[]): Table[] {
  if (mode === 'actorGroup') {
    const groups = new Map<ActorGroup, string[]>();
    for (const p of people) {
      const g = p.actorGroup ?? OTHER_ACTOR_GROUP;
      groups.set(g, [...(groups.get(g) ?? []), p.id]);
    }
    const present = ACTOR_GROUPS.filter((g) => groups.has(g));
    if (present.length === 0) return [emptyTable(1)];
    return present.map((g, i) => ({ ...emptyTable(i + 1, g), members: groups.get(g)! }));
  }
  const tables = Array.from({ length: count }, (_, i) => emptyTable(i + 1));
  if (mode === 'random') shuffle(people.map((p) => p.id)).forEach((id, i) => tables[i % count]!.members.push(id));
  return tables;
}

function tableIn(state: TablesState, tableId: string): Table {
  return state.tables.find((t) => t.id === tableId) ?? refuse(ErrorId.notFound, `No table ${tableId}`);
}

/** Takes a person away from every table (and their facilitation), then seats them at `table`. */
function seat(state: TablesState, participantId: string, table: Table): void {
  for (const t of state.tables) {
    t.members = t.members.filter((m) => m !== participantId);
    if (t.facilitatorId === participantId) {
      t.facilitatorId = null;
      t.facilitatorName = null;
    }
  }
  table.members.push(participantId);
}

/**
 * Carries a table's work into the plenary board `plenary` (inside a server change): the table's
 * copy started as the plenary board, so its Yjs state applies on top of it (text edits merge
 * character by character with edits made meanwhile in plenary). An item the table deleted is put
 * back; every item the table created or changed is marked with the table's number. Returns how
 * many items came from the table.
 */
export function mergeTableInto(plenary: Y.Doc, tableState: Uint8Array, tableNumber: number): number {
  const items = getItemsMap(plenary);
  const before = new Map<string, { json: string; copy: Y.Map<unknown> }>();
  items.forEach((value, id) => {
    if (value instanceof Y.Map) before.set(id, { json: JSON.stringify(value.toJSON()), copy: value.clone() });
  });
  Y.applyUpdate(plenary, tableState);
  for (const [id, { copy }] of before) if (!items.has(id)) items.set(id, copy);
  let merged = 0;
  items.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const was = before.get(id);
    if (was && was.json === JSON.stringify(value.toJSON())) return;
    value.set(TABLE_ORIGIN_KEY, tableNumber);
    merged++;
  });
  return merged;
}

export function registerTables(ctx: RealtimeContext, router: CommandRouter, socket: RealtimeSocket): void {
  const sessionId = socket.data.sessionId;

  async function current(): Promise<{ state: TablesState; save: () => Promise<void> }> {
    const course = await ctx.courses.get(sessionId);
    const state = course.data.tables ?? refuse(ErrorId.conflict, 'The room is not working at tables');
    return { state, save: () => changed(state) };
  }

  async function changed(state: TablesState | null): Promise<void> {
    const course = await ctx.courses.get(sessionId);
    course.data.tables = state;
    await publishState(ctx, sessionId);
    ctx.tables.set(sessionId, state);
  }

  router.on(socket, 'tables.split', { who: 'moderator' }, async ({ board, mode, count }) => {
    const course = await ctx.courses.get(sessionId);
    if (course.data.tables) refuse(ErrorId.conflict, 'The room already works at tables; merge or end them first');
    const tables = seatPeople(mode, count, await seatable(ctx, sessionId));
    // Every table starts from the plenary board as it is now.
    const plenary = await ctx.sync.read(docName(sessionId, board), (d) => Y.encodeStateAsUpdate(d));
    for (const t of tables) await ctx.sync.change(tableDocName(sessionId, t.id, board), (d) => Y.applyUpdate(d, plenary));
    await changed({ board, mode, tables, startedAt: Date.now() });
    return {};
  });

  router.on(socket, 'tables.assign', { who: 'moderator' }, async ({ participantId, tableId }) => {
    const { state, save } = await current();
    const table = tableIn(state, tableId);
    const person = await ctx.store.moderation.findParticipant(participantId);
    if (!person || person.revokedAt !== null) refuse(ErrorId.notFound, 'No such participant');
    if (person.sessionId !== sessionId) refuse(ErrorId.wrongSession, 'That person belongs to another session');
    if (person.role !== 'participant') refuse(ErrorId.notEligible, 'Only participants sit at tables');
    seat(state, participantId, table);
    await save();
    return {};
  });

  router.on(socket, 'tables.join', { who: 'participant' }, async ({ tableId }) => {
    const { state, save } = await current();
    if (state.mode !== 'choice') refuse(ErrorId.conflict, 'The moderation seated everybody; only it changes tables');
    seat(state, socket.data.participantId, tableIn(state, tableId));
    await save();
    return {};
  });

  router.on(socket, 'tables.setFacilitator', { who: 'moderator' }, async ({ tableId, participantId }) => {
    const { state, save } = await current();
    const table = tableIn(state, tableId);
    if (participantId !== null && !table.members.includes(participantId)) refuse(ErrorId.conflict, 'The facilitator must sit at the table');
    table.facilitatorId = participantId;
    table.facilitatorName = participantId === null ? null : ((await ctx.store.moderation.findParticipant(participantId))?.displayName ?? null);
    await save();
    return {};
  });

  router.on(socket, 'tables.merge', { who: 'moderator' }, async () => {
    const { state } = await current();
    let merged = 0;
    for (const table of state.tables) {
      const copy = await ctx.sync.read(tableDocName(sessionId, table.id, state.board), (d) => Y.encodeStateAsUpdate(d));
      await ctx.sync.change(docName(sessionId, state.board), (d) => {
        merged += mergeTableInto(d, copy, table.number);
      });
    }
    await changed(null);
    return { merged };
  });

  router.on(socket, 'tables.end', { who: 'moderator' }, async () => {
    await current();
    await changed(null);
    return {};
  });
}
