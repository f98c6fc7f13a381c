import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRoundDefinition, RoundConfigSchema, tallyRound, type Ballot, type RoundDefinition } from '../../shared/votes';
import { STORE_KINDS, type TestStore } from './testStores';
import type { Store } from './types';

describe.each(STORE_KINDS)('VoteStore and ModerationStore ($name)', (kind) => {
  let t: TestStore;
  let store: Store;
  const sessionId = 'session-0001';

  const def: RoundDefinition = buildRoundDefinition(
    RoundConfigSchema.parse({ method: 'punktabfrage', title: 'Schwerpunkte', options: [{ label: 'A' }, { label: 'B' }], dotsPerPerson: 5, maxPerOption: 5 }),
  );
  const ballot = (o1: number, o2: number): Ballot => ({ method: 'punktabfrage', dots: { o1, o2 } });

  beforeEach(async () => {
    t = await kind.open();
    store = t.store;
    const accountId = (await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' })).id;
    await store.sessions.create({
      id: sessionId,
      title: 'Konferenz',
      kind: 'bildungskonferenz',
      date: '2026-01-01',
      template: 'steuerungskreislauf',
      joinCode: 'ABCDEF',
      observerCode: 'ABCDEFGHJK',
      createdBy: accountId,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    for (const [id, name] of [['p-anna', 'Anna'], ['p-bernd', 'Bernd'], ['p-cem', 'Cem']] as const) {
      await store.sessions.addParticipant(
        { id, sessionId, role: 'participant', displayName: name, accountId: null, createdAt: `2026-01-01T00:00:0${name.length}.000Z`, revokedAt: null },
        `hash-${id}`,
      );
    }
    await store.votes.createRound({ id: 'r1', sessionId, definition: def, openedBy: 'p-mod', openedAt: 1000 });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('keeps one ballot per person and round: a second one replaces the first', async () => {
    expect(await store.votes.castBallot('r1', 'p-anna', ballot(2, 1))).toBe('cast');
    expect(await store.votes.castBallot('r1', 'p-anna', ballot(0, 3))).toBe('replaced');
    expect(await store.votes.findBallot('r1', 'p-anna')).toEqual(ballot(0, 3));
    expect(await store.votes.participantIds('r1')).toEqual(['p-anna']);
  });

  it('closing tallies, deletes every ballot in the same transaction, keeps participation and the result', async () => {
    await store.votes.castBallot('r1', 'p-anna', ballot(2, 1));
    await store.votes.castBallot('r1', 'p-bernd', ballot(0, 4));
    await store.moderation.setActorGroup('p-anna', 'schule');
    const result = await store.votes.closeRound('r1', 2000, (ballots, manual) => {
      expect(ballots.map((b) => [b.participantId, b.displayName, b.actorGroup])).toEqual([
        ['p-anna', 'Anna', 'schule'],
        ['p-bernd', 'Bernd', null],
      ]);
      return tallyRound('r1', def, ballots, manual, { openedAt: 1000, closedAt: 2000 });
    });
    expect(result?.voters).toBe(2);
    expect(await store.votes.findBallot('r1', 'p-anna')).toBeUndefined();
    expect(await store.votes.participantIds('r1')).toEqual(['p-anna', 'p-bernd']);
    const round = await store.votes.findRound('r1');
    expect(round).toMatchObject({ status: 'closed', closedAt: 2000, result: { roundId: 'r1', voters: 2 } });
    // A ballot after close is refused, and closing twice does nothing.
    expect(await store.votes.castBallot('r1', 'p-cem', ballot(1, 1))).toBe('closed');
    expect(await store.votes.closeRound('r1', 3000, () => result!)).toBeUndefined();

    expect(await t.countRows('vote_ballots')).toBe(0);
  });

  it('leaves no copy of a ballot in the stored bytes after close', async () => {
    // Distinctive ballots, also replaced ones, whose stored JSON must vanish from the files.
    const stored: string[] = [];
    for (const [pid, a, b] of [['p-anna', 3, 2], ['p-bernd', 1, 4], ['p-anna', 4, 1], ['p-cem', 2, 3]] as const) {
      await store.votes.castBallot('r1', pid, ballot(a, b));
      stored.push(JSON.stringify(ballot(a, b)));
    }
    const before = await t.ballotBytes();
    expect(stored.some((s) => before.includes(s))).toBe(true);
    await store.votes.closeRound('r1', 2000, (ballots, manual) => tallyRound('r1', def, ballots, manual, { openedAt: 1000, closedAt: 2000 }));
    const after = await t.ballotBytes();
    for (const s of stored) expect(after.includes(s)).toBe(false);
  });

  it('a round closes once, and no ballot lands after the close, even when the requests race', async () => {
    await store.votes.castBallot('r1', 'p-anna', ballot(2, 1));
    const tally = (ballots: Parameters<typeof tallyRound>[2], manual: Parameters<typeof tallyRound>[3]) =>
      tallyRound('r1', def, ballots, manual, { openedAt: 1000, closedAt: 2000 });
    const [first, second, late] = await Promise.all([
      store.votes.closeRound('r1', 2000, tally),
      store.votes.closeRound('r1', 2001, tally),
      store.votes.castBallot('r1', 'p-bernd', ballot(1, 1)),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const voters = (first ?? second)!.voters;
    // Bernd's ballot either made it into the tally or was refused; never stored after the close.
    expect(voters).toBe(late === 'closed' ? 1 : 2);
    expect(await t.countRows('vote_ballots')).toBe(0);
  });

  it('cancel discards ballots and participation without a result', async () => {
    await store.votes.castBallot('r1', 'p-anna', ballot(2, 1));
    expect(await store.votes.cancelRound('r1', 1500)).toBe(true);
    expect(await store.votes.participantIds('r1')).toEqual([]);
    expect(await store.votes.findRound('r1')).toMatchObject({ status: 'cancelled', result: null });
    expect(await store.votes.cancelRound('r1', 1600)).toBe(false);
  });

  it('withdraws a removed person from open rounds only', async () => {
    await store.votes.castBallot('r1', 'p-anna', ballot(2, 1));
    await store.votes.castBallot('r1', 'p-bernd', ballot(2, 1));
    expect(await store.votes.withdrawFromOpenRounds(sessionId, 'p-anna')).toEqual(['r1']);
    expect(await store.votes.participantIds('r1')).toEqual(['p-bernd']);
  });

  it('manual votes only while open; outcomes only when closed', async () => {
    const manual = { method: 'punktabfrage' as const, voters: 2, dots: { o1: 3 } };
    expect(await store.votes.setManual('r1', manual)).toBe(true);
    expect((await store.votes.findRound('r1'))?.manual).toEqual(manual);
    const mark = { optionId: 'o1', outcome: 'konsens' as const, objections: [], participants: 2, markedAt: 5 };
    expect(await store.votes.markOutcome('r1', mark, 'p-mod')).toBeUndefined();
    await store.votes.closeRound('r1', 2000, (ballots, m) => tallyRound('r1', def, ballots, m, { openedAt: 1000, closedAt: 2000 }));
    expect(await store.votes.setManual('r1', null)).toBe(false);
    const updated = await store.votes.markOutcome('r1', mark, 'p-mod');
    expect(updated?.outcomes).toEqual([mark]);
    const again = await store.votes.markOutcome('r1', { ...mark, outcome: 'dissens' }, 'p-mod');
    expect(again?.outcomes.map((m) => m.outcome)).toEqual(['dissens']);
    expect((await store.votes.findRound('r1'))?.result?.outcomes).toHaveLength(1);
  });

  it('moderation: roles, actor groups, course and locks persist', async () => {
    await store.moderation.setRole('p-bernd', 'observer');
    await store.moderation.setActorGroup('p-cem', 'kammer');
    expect((await store.moderation.listParticipants(sessionId)).map((p) => [p.id, p.role, p.actorGroup])).toEqual([
      ['p-cem', 'participant', 'kammer'],
      ['p-anna', 'participant', null],
      ['p-bernd', 'observer', null],
    ]);
    await store.sessions.revokeParticipant('p-anna', '2026-01-02T00:00:00.000Z');
    expect((await store.moderation.listParticipants(sessionId)).map((p) => p.id)).toEqual(['p-cem', 'p-bernd']);
    expect(await store.moderation.findParticipant('p-anna')).toMatchObject({ revokedAt: '2026-01-02T00:00:00.000Z' });
    // The token lookup sees the new role.
    expect(await store.sessions.findParticipantByToken('hash-p-bernd')).toMatchObject({ role: 'observer' });

    const course = { version: 3, agenda: [], currentItemId: null, speakers: { current: null, queue: [], firstTimeFirst: false, turnMs: null, spoken: {} } };
    await store.moderation.saveCourse(sessionId, course, 12345);
    expect(await store.moderation.loadCourse(sessionId)).toEqual(course);
    expect(await store.moderation.sessionsWithDeadline()).toEqual([sessionId]);
    await store.moderation.saveCourse(sessionId, course, null);
    expect(await store.moderation.sessionsWithDeadline()).toEqual([]);

    await store.moderation.setLock(sessionId, 'swot', true);
    await store.moderation.setLock(sessionId, 'swot', true);
    await store.moderation.setLock(sessionId, 'goals', true);
    await store.moderation.setLock(sessionId, 'goals', false);
    expect(await store.moderation.listLocks()).toEqual([{ sessionId, board: 'swot' }]);
  });
});
