/** Locks per document: read-only for everyone but moderators (the server enforces it). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../shared/docs';
import type { SessionState } from '../../shared/moderation';
import { docLabel } from './labels';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

export function LockControls({ state, docs }: { state: SessionState; docs: readonly DocKind[] }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  // The switch moves at once; the server's state confirms it (or the switch falls back).
  const [pending, setPending] = useState<Partial<Record<DocKind, boolean>>>({});

  async function toggle(doc: DocKind, lock: boolean) {
    setPending((p) => ({ ...p, [doc]: lock }));
    await command.run(lock ? 'board.lock' : 'board.unlock', { board: doc });
    setPending((p) => {
      const next = { ...p };
      delete next[doc];
      return next;
    });
  }

  return (
    <fieldset className="kern-fieldset wr-locks" data-testid="lock-controls">
      <legend className="kern-label">{t('moderation.lock.legend')}</legend>
      <p className="kern-hint" id={`${id}-hint`}>
        {t('moderation.lock.hint')}
      </p>
      <div className="kern-fieldset__body">
        {docs.map((doc) => {
          const locked = pending[doc] ?? state.locked.includes(doc);
          return (
            <div className="kern-form-check wr-switch" key={doc}>
              <input
                id={`${id}-${doc}`}
                className="kern-form-check__checkbox"
                type="checkbox"
                checked={locked}
                aria-describedby={`${id}-hint`}
                onChange={(e) => void toggle(doc, e.target.checked)}
                data-testid={`lock-toggle-${doc}`}
              />
              <label className="kern-label" htmlFor={`${id}-${doc}`}>
                {t('moderation.lock.toggle', { name: docLabel(t, doc) })}
              </label>
            </div>
          );
        })}
      </div>
      <CommandError error={command.error} />
    </fieldset>
  );
}
