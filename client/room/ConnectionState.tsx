import { useTranslation } from 'react-i18next';
import type { ConnectionInfo } from '../data/docs/useCollaboration';

/**
 * Connection indicator with the number of local changes the server has not confirmed yet.
 * A polite live region: screen readers hear about state changes without being interrupted.
 */
export function ConnectionState({ connection }: { connection: ConnectionInfo }) {
  const { t } = useTranslation();
  const { status, pending } = connection;
  const label =
    status === 'connected'
      ? t('room.connection.connected')
      : status === 'offline'
        ? t('room.connection.offline')
        : status === 'connecting'
          ? t('room.connection.connecting')
          : t('room.connection.reconnecting');
  return (
    <div
      className={`wr-connection wr-connection--${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={status}
      data-pending={pending}
    >
      <span className="wr-connection__dot" aria-hidden="true" />
      <span className="wr-connection__text">
        <span className="wr-connection__label">{label}</span>
        <span className="wr-connection__pending" data-testid="connection-pending">
          {pending > 0 ? t('room.connection.pending', { count: pending }) : status === 'connected' ? t('room.connection.allSent') : ''}
        </span>
      </span>
    </div>
  );
}
