/**
 * React access to the room's session store: `useSessionState()` is the server's `session.state`,
 * `useSessionSnapshot()` everything else it pushed, `useServerNow()` a ticking server clock.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionRole } from '../../../shared/domain';
import type { AgendaItem, SessionState } from '../../../shared/moderation';
import { EMPTY_SNAPSHOT, type SessionClient, type SessionSnapshot } from './sessionClient';

export const SessionClientContext = createContext<SessionClient | undefined>(undefined);

const noSubscribe = () => () => {};
const emptySnapshot = (): SessionSnapshot => EMPTY_SNAPSHOT;

export function useSessionClient(): SessionClient | undefined {
  return useContext(SessionClientContext);
}

/** The snapshot of a given client (for the component that owns it, above the provider). */
export function useClientSnapshot(client: SessionClient | undefined): SessionSnapshot {
  return useSyncExternalStore(client?.subscribe ?? noSubscribe, client?.getSnapshot ?? emptySnapshot);
}

export function useSessionSnapshot(): SessionSnapshot {
  return useClientSnapshot(useSessionClient());
}

/** The server's `session.state` (null until it arrived). */
export function useSessionState(): SessionState | null {
  return useSessionSnapshot().state;
}

/** The agenda item the moderation is on (undefined before the first item is started). */
export function currentItemOf(agenda: readonly AgendaItem[], currentItemId: string | null): AgendaItem | undefined {
  return currentItemId === null ? undefined : agenda.find((i) => i.id === currentItemId);
}

/** The person's role as the server last said (live role changes included), else `fallback`. */
export function useLiveRole(fallback: SessionRole): SessionRole {
  return useSessionSnapshot().self?.role ?? fallback;
}

/**
 * The server's time, re-read every `intervalMs` while `active`. A quarter second keeps a
 * seconds display within a frame or two of the true change everywhere.
 */
export function useServerNow(active: boolean, intervalMs = 250): number {
  const client = useSessionClient();
  const [now, setNow] = useState(() => (client ? client.serverNow() : Date.now()));
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(client ? client.serverNow() : Date.now());
    tick();
    const id = setInterval(tick, intervalMs);
    return () => clearInterval(id);
  }, [active, client, intervalMs]);
  return active ? now : client ? client.serverNow() : Date.now();
}
