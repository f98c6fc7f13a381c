/** Locks per document: read-only for everyone but moderators (the server enforces it). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../shared/docs';
import type { SessionState } from '../../shared/moderation';
import { docLabel } from './labels';
import { useCommand } from './useCommand';

export function LockControls({ state, docs }: { state: SessionState; docs: readonly DocKind[] }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  return (
    <fieldset className="kern-fieldset wr-locks" data-testid="lock-controls">
      <legend className="kern-label">{t('moderation.lock.legend')}</legend>
      <p className="kern-hint" id={`${id}-hint`}>
        {t('moderation.lock.hint')}
      </p>
      <div className="kern-fieldset__body">
        {docs.map((doc) => {
          const locked = state.locked.includes(doc);
          return (
            <div className="kern-form-check wr-switch" key={doc}>
              <input
                id={`${id}-${doc}`}
                className="kern-form-check__checkbox"
                type="checkbox"
                checked={locked}
                aria-describedby={`${id}-hint`}
                onChange={(e) => void command.run(e.target.checked ? 'board.lock' : 'board.unlock', { board: doc })}
                data-testid={`lock-toggle-${doc}`}
              />
              <label className="kern-label" htmlFor={`${id}-${doc}`}>
                {t('moderation.lock.toggle', { name: docLabel(t, doc) })}
              </label>
            </div>
          );
        })}
      </div>
      {command.error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{command.error}</span>
        </p>
      ) : null}
    </fieldset>
  );
}
