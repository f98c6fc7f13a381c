/**
 * Who is connected right now, per session and person (a person may have several devices), and
 * the live role on each socket: a role change reaches every socket of the person at once.
 */
import type { SessionRole } from '../../shared/domain';
import { moderatorsRoom } from './rooms';
import type { RealtimeSocket } from './types';

export class Presence {
  private readonly sessions = new Map<string, Map<string, Set<RealtimeSocket>>>();

  add(socket: RealtimeSocket): void {
    const { sessionId, participantId } = socket.data;
    let people = this.sessions.get(sessionId);
    if (!people) this.sessions.set(sessionId, (people = new Map()));
    let sockets = people.get(participantId);
    if (!sockets) people.set(participantId, (sockets = new Set()));
    sockets.add(socket);
  }

  remove(socket: RealtimeSocket): void {
    const { sessionId, participantId } = socket.data;
    const people = this.sessions.get(sessionId);
    const sockets = people?.get(participantId);
    if (!people || !sockets) return;
    sockets.delete(socket);
    if (sockets.size === 0) people.delete(participantId);
    if (people.size === 0) this.sessions.delete(sessionId);
  }

  socketsOf(sessionId: string, participantId: string): RealtimeSocket[] {
    return [...(this.sessions.get(sessionId)?.get(participantId) ?? [])];
  }

  isOnline(sessionId: string, participantId: string): boolean {
    return this.sessions.get(sessionId)?.has(participantId) ?? false;
  }

  hasAnyone(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /** Ids of the people online with this role (their live role, as on their sockets). */
  online(sessionId: string, role: SessionRole): string[] {
    const out: string[] = [];
    for (const [id, sockets] of this.sessions.get(sessionId) ?? []) {
      const first = sockets.values().next().value;
      if (first?.data.role === role) out.push(id);
    }
    return out;
  }

  /** Applies a new role to every socket of the person, moderators' room included. */
  setRole(sessionId: string, participantId: string, role: SessionRole): void {
    for (const socket of this.socketsOf(sessionId, participantId)) {
      socket.data.role = role;
      if (role === 'moderator') void socket.join(moderatorsRoom(sessionId));
      else void socket.leave(moderatorsRoom(sessionId));
    }
  }
}
