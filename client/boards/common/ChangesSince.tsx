/**
 * "Änderungen seit …": on a board carried forward from earlier sessions (a follow-up session), what
 * was added, changed, moved and removed since one of them, with who and when. The server compares
 * the boards (GET /sessions/:id/boards/:kind/changes); this view picks the session and lists the
 * answer, grouped by kind, as a plain list that works with keyboard and screen reader alike.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinResponse } from '../../../shared/api';
import type { BoardChange, ChangeKind, CarriedKind } from '../../../shared/schema/carry';
import { CANVAS_SECTIONS } from '../../../shared/schema/canvas';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { formatIsoDate } from '../../lib/dates';
import { api } from '../../data/http/api';
import { useFetch } from '../../data/http/useFetch';
import { errorMessage } from '../../data/errors';

const KINDS: readonly ChangeKind[] = ['added', 'changed', 'moved', 'removed'];

/** Field names the comparison reports, as people call them (unknown ones are not shown). */
const FIELDS = [
  'text', 'color', 'evidence', 'assessment', 'mergedFrom', 'title', 'collapsed', 'description', 'role', 'actors', 'source', 'voteResult',
  'targetGroup', 'area', 'zielfeld', 'owner', 'indicators', 'links', 'wirkungen', 'leistungen', 'prozesse', 'ressourcen',
  'order', 'quadrant', 'clusterId', 'parentId', 'level',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

export function ChangesSinceDialog({ kind, join, onClose }: { kind: CarriedKind; join: JoinResponse; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const sources = useFetch(['board-sources', join.sessionId, kind], async (signal) => (await api.boardSources(join.sessionId, kind, join.token, signal)).sources);
  const [picked, setPicked] = useState<string | undefined>();
  const since = picked ?? sources.data?.[0]?.id;
  const changes = useFetch(since ? ['board-changes', join.sessionId, kind, since] : null, (signal) => api.boardChanges(join.sessionId, kind, since!, join.token, signal));
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const list = changes.data?.changes ?? [];
  const error = sources.error ?? changes.error;
  return (
    <Dialog title={t('boards.changes.title')} onClose={onClose} testId="board-changes-dialog" className="wr-changes">
      {sources.data && sources.data.length > 1 ? (
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={selectId}>
            {t('boards.changes.since')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id={selectId} className="kern-form-input__select" value={since} onChange={(e) => setPicked(e.target.value)} data-testid="board-changes-since">
              {sources.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('boards.changes.session', { title: s.title, date: formatIsoDate(s.date, i18n.language) })}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : sources.data?.[0] ? (
        <p className="kern-body">{t('boards.changes.sinceOne', { title: sources.data[0].title, date: formatIsoDate(sources.data[0].date, i18n.language) })}</p>
      ) : null}
      {error ? (
        <Alert variant="danger" title={t('boards.changes.failed')}>
          <p className="kern-body">{errorMessage(t, error)}</p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => (sources.error ? sources.reload() : changes.reload())}>
            <span className="kern-label">{t('boards.changes.retry')}</span>
          </button>
        </Alert>
      ) : null}
      {sources.loading || changes.loading ? (
        <p className="kern-body" role="status" data-testid="board-changes-loading">
          {t('boards.changes.loading')}
        </p>
      ) : null}
      {changes.data ? (
        <div data-testid="board-changes" aria-live="polite">
          <p className="kern-body">{list.length === 0 ? t('boards.changes.none') : t('boards.changes.summary', { count: list.length })}</p>
          {KINDS.map((k) => {
            const ofKind = list.filter((c) => c.kind === k);
            if (ofKind.length === 0) return null;
            return (
              <section key={k} className="wr-changes__group" data-testid={`board-changes-${k}`}>
                <h3 className="kern-heading-small">{t(`boards.changes.kind.${k}`, { count: ofKind.length })}</h3>
                <ul className="wr-changes__list">
                  {ofKind.map((c) => (
                    <ChangeRow key={`${c.part}:${c.id}:${c.kind}`} change={c} kind={kind} time={time} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      ) : null}
    </Dialog>
  );
}

function ChangeRow({ change, kind, time }: { change: BoardChange; kind: CarriedKind; time: Intl.DateTimeFormat }) {
  const { t, i18n } = useTranslation();
  const section = kind === 'canvas' ? CANVAS_SECTIONS.find((s) => s.id === change.id) : undefined;
  const label = section ? section.title[i18n.language === 'en' ? 'en' : 'de'] : change.label.trim() || t('boards.changes.untitled');
  const fields = change.fields.filter(isField).map((f) => t(`boards.changes.field.${f}`));
  const who = change.by?.displayName;
  return (
    <li className="wr-changes__item">
      <span className="kern-body wr-changes__label">{label}</span>
      {fields.length > 0 ? <span className="kern-body kern-body--small wr-muted"> · {fields.join(', ')}</span> : null}
      {who || change.at ? (
        <span className="kern-body kern-body--small wr-muted">
          {' '}
          · {who && change.at ? t('boards.changes.byAt', { name: who, at: time.format(change.at) }) : who ? t('boards.changes.by', { name: who }) : time.format(change.at!)}
        </span>
      ) : null}
    </li>
  );
}
