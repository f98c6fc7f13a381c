/**
 * One count of who is here. The server's participant list (moderators receive it over socket.io,
 * `online`: at least one connection now) is the record the moderation panel's "x online von y"
 * counts; where it is there, the room's "Anwesend" list reads the same list, so the two numbers
 * cannot disagree. Without it (participants, observers) the list is read from Yjs awareness.
 */
import type { ParticipantSummary } from '../../shared/moderation';
import type { PresencePerson } from '../data/docs/presence';
import { colorFor } from '../lib/colors';

/** The people online in the server's list, oneself first, then by name (as the awareness list). */
export function presentPeople(participants: readonly ParticipantSummary[], selfId: string): PresencePerson[] {
  return participants
    .filter((p) => p.online)
    .map((p) => ({ id: p.participantId, name: p.displayName, color: colorFor(p.participantId), role: p.role, self: p.participantId === selfId }))
    .sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name, 'de') : a.self ? -1 : 1));
}
