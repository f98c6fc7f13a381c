import { describe, expect, it } from 'vitest';
import type { ParticipantSummary } from '../../shared/moderation';
import { presentPeople } from './presentPeople';

const person = (participantId: string, displayName: string, online: boolean, role: ParticipantSummary['role'] = 'participant'): ParticipantSummary => ({
  participantId,
  displayName,
  role,
  actorGroup: null,
  online,
  handRaised: false,
});

describe('presentPeople', () => {
  it('counts exactly the online people of the server list, oneself first', () => {
    const list = [person('p3', 'Zora', true), person('p1', 'Moderation', true, 'moderator'), person('p2', 'Anna', false), person('p4', 'Bernd', true, 'observer')];
    const people = presentPeople(list, 'p1');
    expect(people.map((p) => p.name)).toEqual(['Moderation', 'Bernd', 'Zora']);
    expect(people.length).toBe(list.filter((p) => p.online).length);
    expect(people[0]).toMatchObject({ self: true, role: 'moderator' });
    expect(people[1]).toMatchObject({ self: false, role: 'observer' });
    expect(people[0]!.color).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('is empty when nobody is online', () => {
    expect(presentPeople([person('p2', 'Anna', false)], 'p1')).toEqual([]);
  });
});
