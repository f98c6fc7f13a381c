/** The editable parts of a focus topic: title, description, the municipality's role, actors. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { WriteContext } from '../../../shared/schema/items';
import {
  addPriorityActor,
  editPriorityText,
  getPriorityText,
  MUNICIPAL_ROLES,
  removePriorityActor,
  setPriorityRole,
  type PriorityTopicItem,
} from '../../../shared/schema/priorities';
import { YTextArea, YTextInput } from '../common/YText';

/** What the fields of a topic need from the board (one object per board, stable while nothing changes). */
export interface TopicFieldsEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  announce: (message: string) => void;
}

export function TopicTitle({ topic, rank, props, id }: { topic: PriorityTopicItem; rank: number; props: TopicFieldsEnv; id: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="wr-sr-only" htmlFor={id}>
        {t('priorities.titleLabel', { rank })}
      </label>
      <YTextInput
        id={id}
        className="wr-topic__title-input"
        text={getPriorityText(props.doc, topic.id, 'title')}
        onEdit={(edit) => editPriorityText(props.doc, props.ctx, topic.id, 'title', edit)}
        placeholder={t('priorities.titlePlaceholder')}
        data-testid="priority-title"
        data-focus-key={`title-${topic.id}`}
      />
    </>
  );
}

export function TopicDescription({ topic, props }: { topic: PriorityTopicItem; props: TopicFieldsEnv }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="wr-topic__field">
      <label className="wr-topic__label" htmlFor={id}>
        {t('priorities.description')}
      </label>
      <YTextArea
        id={id}
        className="wr-topic__description"
        text={getPriorityText(props.doc, topic.id, 'description')}
        onEdit={(edit) => editPriorityText(props.doc, props.ctx, topic.id, 'description', edit)}
        placeholder={t('priorities.descriptionPlaceholder')}
        data-testid="priority-description"
      />
    </div>
  );
}

export function TopicRole({ topic, props }: { topic: PriorityTopicItem; props: TopicFieldsEnv }) {
  const { t } = useTranslation();
  const name = useId();
  const choices = [null, ...MUNICIPAL_ROLES] as const;
  return (
    <fieldset className="wr-fieldset wr-topic__role" data-testid="priority-role">
      <legend className="wr-topic__label">{t('priorities.role.legend')}</legend>
      <div className="wr-topic__radios">
        {choices.map((role) => {
          const key = role ?? 'open';
          return (
            <label key={key} className="wr-radio">
              <input
                type="radio"
                name={name}
                checked={topic.role === role}
                onChange={() => {
                  setPriorityRole(props.doc, props.ctx, topic.id, role);
                  props.announce(t('priorities.role.announce', { role: t(`priorities.role.${key}`) }));
                }}
                data-testid={`priority-role-${key}`}
              />
              <span>
                <span className="wr-radio__label">{t(`priorities.role.${key}`)}</span>
                <span className="wr-radio__hint">{t(`priorities.role.${key}Hint`)}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function TopicActors({ topic, props, editable }: { topic: PriorityTopicItem; props: TopicFieldsEnv; editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');

  function add(e: FormEvent) {
    e.preventDefault();
    const name = draft.trim();
    if (!name) return;
    if (addPriorityActor(props.doc, props.ctx, topic.id, name)) props.announce(t('priorities.actors.added', { name }));
    else props.announce(t('priorities.actors.duplicate', { name }));
    setDraft('');
  }

  return (
    <div className="wr-topic__field">
      <span className="wr-topic__label" id={`${id}-label`}>
        {t('priorities.actors.label')}
      </span>
      {topic.actors.length > 0 ? (
        <ul className="wr-chips" aria-labelledby={`${id}-label`}>
          {topic.actors.map((actor) => (
            <li key={actor} className="wr-chip">
              <span data-testid="priority-actor">{actor}</span>
              {editable ? (
                <button
                  type="button"
                  className="wr-chip__remove"
                  aria-label={t('priorities.actors.remove', { name: actor })}
                  onClick={() => {
                    removePriorityActor(props.doc, props.ctx, topic.id, actor);
                    props.announce(t('priorities.actors.removed', { name: actor }));
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="wr-muted wr-topic__none">{t('priorities.actors.none')}</p>
      )}
      {editable ? (
        <form className="wr-chip-form" onSubmit={add}>
          <label className="wr-sr-only" htmlFor={id}>
            {t('priorities.actors.inputLabel')}
          </label>
          <input
            id={id}
            className="kern-form-input__input wr-chip-form__input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('priorities.actors.placeholder')}
            autoComplete="off"
            data-testid="priority-actor-input"
          />
          <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" data-testid="priority-actor-add">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('priorities.actors.add')}</span>
          </button>
        </form>
      ) : null}
    </div>
  );
}
