import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceUser } from '../data/docs/presence';

interface PresenceEntry extends PresenceUser {
  self: boolean;
}

function readUsers(provider: WebsocketProvider, selfId: string): PresenceEntry[] {
  const byId = new Map<string, PresenceEntry>();
  for (const [clientId, state] of provider.awareness.getStates()) {
    const u = (state as { user?: Partial<PresenceUser> }).user;
    if (!u || typeof u.name !== 'string' || typeof u.color !== 'string') continue;
    // One person with two tabs open has two awareness clients but one participant id.
    const id = typeof u.id === 'string' ? u.id : `client-${clientId}`;
    if (byId.has(id)) continue;
    byId.set(id, { id, name: u.name, color: u.color, role: typeof u.role === 'string' ? u.role : 'participant', self: id === selfId });
  }
  return [...byId.values()].sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name) : a.self ? -1 : 1));
}

/** Who is in the room right now, from Yjs awareness (the same source as the carets). */
export function PresenceList({ provider, selfId }: { provider: WebsocketProvider; selfId: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<PresenceEntry[]>(() => readUsers(provider, selfId));

  useEffect(() => {
    const update = () => setUsers(readUsers(provider, selfId));
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider, selfId]);

  return (
    <section className="wr-side-section" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="kern-heading-small wr-side-heading">
        {t('room.presence.heading')} <span className="wr-count">({t('room.presence.count', { count: users.length })})</span>
      </h2>
      {users.length === 0 ? (
        <p className="kern-body kern-body--small wr-muted">{t('room.presence.empty')}</p>
      ) : null}
      <ul className="wr-presence" data-testid="presence-list">
        {users.map((u) => (
          <li key={u.id} className="wr-presence__item" data-testid="presence-item" data-self={u.self ? 'true' : undefined}>
            <span className="wr-presence__dot" style={{ backgroundColor: u.color }} aria-hidden="true">
              {u.name.trim().charAt(0).toUpperCase()}
            </span>
            <span className="wr-presence__name">{u.name}</span>
            {u.self ? <span className="wr-presence__self">({t('room.presence.you')})</span> : null}
            {u.role === 'moderator' ? <span className="wr-presence__role">{t('roles.moderator')}</span> : null}
            {u.role === 'observer' ? <span className="wr-presence__role">{t('roles.observer')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
