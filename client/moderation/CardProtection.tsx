/**
 * "Nur Autorinnen/Autoren und Moderation dürfen Karten löschen": a switch in the moderator panel,
 * stored with the session; the server refuses anyone else's deletion while it is on.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../shared/moderation';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

export function CardProtection({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  // The switch moves at once; the server's state confirms it (or the switch falls back).
  const [pending, setPending] = useState<boolean | undefined>();
  const on = pending ?? state.authorsOnlyDelete === true;

  async function toggle(next: boolean) {
    setPending(next);
    await command.run('cards.configure', { authorsOnlyDelete: next });
    setPending(undefined);
  }

  return (
    <fieldset className="kern-fieldset wr-locks" data-testid="card-protection">
      <legend className="kern-label">{t('moderation.cards.heading')}</legend>
      <p className="kern-hint" id={`${id}-hint`}>
        {t('moderation.cards.hint')}
      </p>
      <div className="kern-fieldset__body">
        <div className="kern-form-check wr-switch">
          <input
            id={`${id}-toggle`}
            className="kern-form-check__checkbox"
            type="checkbox"
            checked={on}
            aria-describedby={`${id}-hint`}
            onChange={(e) => void toggle(e.target.checked)}
            data-testid="card-protection-toggle"
          />
          <label className="kern-label" htmlFor={`${id}-toggle`}>
            {t('moderation.cards.authorsOnlyDelete')}
          </label>
        </div>
      </div>
      <CommandError error={command.error} />
    </fieldset>
  );
}
