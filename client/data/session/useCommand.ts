/**
 * Sending moderation and vote commands from components: the server's acknowledgement decides,
 * an error id becomes a sentence the person understands.
 */
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientEventName } from '../../../shared/events';
import type { CommandError, CommandOutcome, CommandPayload } from './sessionClient';
import { useSessionClient } from './sessionContext';

const SOCKET_ERRORS = [
  'not_moderator',
  'not_eligible',
  'wrong_session',
  'round_closed',
  'round_open',
  'invalid_ballot',
  'dot_budget_exceeded',
  'method_not_allowed',
  'not_on_self',
  'conflict',
  'timeout',
  'validation_error',
  'forbidden',
  'not_found',
  'unauthenticated',
  'too_many_requests',
] as const;
type SocketErrorId = (typeof SOCKET_ERRORS)[number];

/** The sentence for a command's error (by id; the server's message text is for developers). */
export function commandErrorMessage(t: TFunction, error: CommandError): string {
  return (SOCKET_ERRORS as readonly string[]).includes(error.id) ? t(`moderation.errors.${error.id as SocketErrorId}`) : t('errors.unknown');
}

export interface Command {
  run<K extends ClientEventName>(event: K, payload: CommandPayload<K>): Promise<CommandOutcome<K>>;
  pending: boolean;
  /** The last error as a sentence, until the next command or `clear`. */
  error: string | undefined;
  clear(): void;
}

export function useCommand(): Command {
  const { t } = useTranslation();
  const client = useSessionClient();
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | undefined>();

  const run = useCallback(
    async <K extends ClientEventName>(event: K, payload: CommandPayload<K>): Promise<CommandOutcome<K>> => {
      if (!client) {
        const outcome: CommandOutcome<K> = { ok: false, error: { id: 'timeout', message: 'no connection' } };
        setError(commandErrorMessage(t, outcome.error));
        return outcome;
      }
      setError(undefined);
      setPending((n) => n + 1);
      try {
        const outcome = await client.send(event, payload);
        if (!outcome.ok) setError(commandErrorMessage(t, outcome.error));
        return outcome;
      } finally {
        setPending((n) => n - 1);
      }
    },
    [client, t],
  );
  const clear = useCallback(() => setError(undefined), []);
  return { run, pending: pending > 0, error, clear };
}
