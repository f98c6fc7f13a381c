/**
 * Sending moderation and vote commands from components: the server's acknowledgement decides,
 * an error id becomes a sentence the person understands (../errors.ts).
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientEventName } from '../../../shared/events';
import { errorMessage } from '../errors';
import type { CommandOutcome, CommandPayload } from './sessionClient';
import { useSessionClient } from './sessionContext';

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
        setError(errorMessage(t, outcome.error));
        return outcome;
      }
      setError(undefined);
      setPending((n) => n + 1);
      try {
        const outcome = await client.send(event, payload);
        if (!outcome.ok) setError(errorMessage(t, outcome.error));
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
