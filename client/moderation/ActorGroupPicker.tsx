/**
 * "Akteursgruppe" (optional, set once): lets vote results be broken down by school, youth
 * services, administration, … A group with fewer than three voters is merged, so nobody can be
 * identified. Set once so nobody can find out others' votes by moving between groups.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTOR_GROUPS, type ActorGroup } from '../../shared/moderationState';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

export function ActorGroupPicker() {
  const { t } = useTranslation();
  const id = useId();
  const { self } = useSessionSnapshot();
  const command = useCommand();
  const [choice, setChoice] = useState<ActorGroup | ''>('');
  if (!self || self.role !== 'participant') return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (choice === '') return;
    await command.run('participant.setActorGroup', { actorGroup: choice });
  }

  return (
    <section className="wr-side-section wr-actor-group" aria-labelledby={`${id}-h`} data-testid="actor-group">
      <h2 id={`${id}-h`} className="kern-heading-small wr-side-heading">
        {t('moderation.actorGroup.heading')}
      </h2>
      {self.actorGroup ? (
        <p className="kern-body" data-testid="actor-group-value">
          {t('moderation.actorGroup.yours', { group: t(`moderation.actorGroups.${self.actorGroup}`) })}
        </p>
      ) : (
        <form onSubmit={(e) => void save(e)} className="wr-actor-group__form">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-select`}>
              {t('moderation.actorGroup.label')} <span className="kern-label__optional">{t('moderation.actorGroup.optional')}</span>
            </label>
            <div className="kern-hint" id={`${id}-hint`}>
              {t('moderation.actorGroup.hint')}
            </div>
            <div className="kern-form-input__select-wrapper">
              <select
                id={`${id}-select`}
                className="kern-form-input__select"
                value={choice}
                aria-describedby={`${id}-hint`}
                onChange={(e) => setChoice(e.target.value as ActorGroup | '')}
                data-testid="actor-group-select"
              >
                <option value="">{t('moderation.actorGroup.none')}</option>
                {ACTOR_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`moderation.actorGroups.${g}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary" disabled={choice === '' || command.pending} data-testid="actor-group-save">
            <span className="kern-label">{t('moderation.actorGroup.save')}</span>
          </button>
          <CommandError error={command.error} />
        </form>
      )}
    </section>
  );
}
