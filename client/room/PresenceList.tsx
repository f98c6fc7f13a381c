/**
 * Who is in the room right now: from the server's participant list where this device has it
 * (moderators — the same record as the panel's "x online von y", so the counts agree), otherwise
 * from Yjs awareness (the same source as the carets). See ./presentPeople.ts.
 *
 * Built for a room of a hundred: the list is read incrementally (client/data/docs/presence.ts, at most
 * four updates a second), grouped — moderation first, then participants, then observers — and
 * shows the first few names of each group with the rest behind a "… weitere" disclosure, so the
 * side panel stays short and a screen reader hears the counts first.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import { usePeople, usePresenceStore, type PresencePerson } from '../data/docs/presence';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { presentPeople } from './presentPeople';

/** Names shown per group before "… weitere". */
const SHOWN_PER_GROUP = 8;
const GROUPS = ['moderator', 'participant', 'observer'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(p: PresencePerson): Group {
  return p.role === 'moderator' || p.role === 'observer' ? p.role : 'participant';
}

export function PresenceList({ provider, selfId }: { provider: WebsocketProvider; selfId: string }) {
  const { t } = useTranslation();
  const store = usePresenceStore(provider.awareness, selfId);
  const fromAwareness = usePeople(store);
  const { participants } = useSessionSnapshot();
  const people = useMemo(() => (participants ? presentPeople(participants, selfId) : fromAwareness), [participants, selfId, fromAwareness]);
  const groups = GROUPS.map((g) => ({ group: g, people: people.filter((p) => groupOf(p) === g) })).filter((g) => g.people.length > 0);
  const grouped = people.length > SHOWN_PER_GROUP;

  return (
    <section className="wr-side-section" aria-labelledby="presence-heading" data-testid="presence">
      <h2 id="presence-heading" className="kern-heading-small wr-side-heading">
        {t('room.presence.heading')} <span className="wr-count" data-testid="presence-count">({t('room.presence.count', { count: people.length })})</span>
      </h2>
      {people.length === 0 ? <p className="kern-body kern-body--small wr-muted">{t('room.presence.empty')}</p> : null}
      {grouped ? (
        groups.map(({ group, people: members }) => <PresenceGroup key={group} group={group} people={members} />)
      ) : (
        <ul className="wr-presence" data-testid="presence-list">
          {people.map((u) => (
            <PresenceItem key={u.id} person={u} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PresenceGroup({ group, people }: { group: Group; people: readonly PresencePerson[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const listId = useId();
  const shown = all ? people : people.slice(0, SHOWN_PER_GROUP);
  const rest = people.length - shown.length;
  return (
    <div className="wr-presence__group" data-testid={`presence-group-${group}`}>
      <h3 className="wr-presence__group-title">
        {t(`room.presence.groups.${group}`)} <span className="wr-count">({people.length})</span>
      </h3>
      <ul className="wr-presence" id={listId} data-testid="presence-list">
        {shown.map((u) => (
          <PresenceItem key={u.id} person={u} />
        ))}
      </ul>
      {rest > 0 || all ? (
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--x-small wr-presence__more"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll((a) => !a)}
          data-testid="presence-more"
        >
          <span className="kern-label">{all ? t('room.presence.fewer') : t('room.presence.more', { count: rest })}</span>
        </button>
      ) : null}
    </div>
  );
}

function PresenceItem({ person: u }: { person: PresencePerson }) {
  const { t } = useTranslation();
  return (
    <li className="wr-presence__item" data-testid="presence-item" data-self={u.self ? 'true' : undefined}>
      <span className="wr-presence__dot" style={{ backgroundColor: u.color }} aria-hidden="true">
        {u.name.trim().charAt(0).toUpperCase()}
      </span>
      <span className="wr-presence__name">{u.name}</span>
      {u.self ? <span className="wr-presence__self">({t('room.presence.you')})</span> : null}
      {u.role === 'moderator' ? <span className="wr-presence__role">{t('roles.moderator')}</span> : null}
      {u.role === 'observer' ? <span className="wr-presence__role">{t('roles.observer')}</span> : null}
    </li>
  );
}
