/** Hand-over to the Lenkungskreis (moderators) and the list of handed-over versions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompletenessFinding, DecisionVersionMeta } from '../../shared/decision';
import { DecisionLimits, type HandoverResponse } from '../../shared/decisionApi';
import { decisionApi } from '../data/http/decisionApi';
import { Dialog } from '../components/Dialog';
import { countFindings, formatDateTime, shortHash } from './format';
import { errorMessage } from '../data/errors';

interface HandoverDialogProps {
  draftId: string;
  token: string;
  findings: readonly CompletenessFinding[];
  onClose: () => void;
  onDone: (res: HandoverResponse) => void;
}

export function HandoverDialog({ draftId, token, findings, onClose, onDone }: HandoverDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<HandoverResponse | undefined>();
  const counts = countFindings(findings);
  const blocked = counts.blocking > 0;

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      const res = await decisionApi.handover(draftId, { note: note.trim() }, token);
      setDone(res);
      onDone(res);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('decisions.handover.title')}
      onClose={onClose}
      testId="handover-dialog"
      footer={
        done ? (
          <button type="button" className="kern-btn kern-btn--primary" onClick={onClose} autoFocus data-testid="handover-close">
            <span className="kern-label">{t('moderation.dialog.close')}</span>
          </button>
        ) : (
          <>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
              <span className="kern-label">{t('decisions.picker.cancel')}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              onClick={() => void submit()}
              disabled={blocked || busy}
              aria-describedby={blocked ? 'handover-blocked' : undefined}
              data-testid="handover-submit"
            >
              <span className="kern-label">{t('decisions.handover.submit')}</span>
            </button>
          </>
        )
      }
    >
      {done ? (
        <div role="status" data-testid="handover-done" data-version={done.version.number} data-hash={done.version.contentHash}>
          <p className="kern-body">{t('decisions.handover.done', { n: done.version.number })}</p>
          <p className="kern-body kern-body--small">
            <code title={done.version.contentHash}>{t('decisions.handover.hash', { hash: shortHash(done.version.contentHash) })}</code>
          </p>
        </div>
      ) : (
        <>
          <p className="kern-body">{t('decisions.handover.text')}</p>
          {blocked ? (
            <p className="kern-error" id="handover-blocked" data-testid="handover-blocked">
              <span className="kern-icon kern-icon--danger" aria-hidden="true" />
              <span className="kern-body">{t('decisions.handover.blocked')}</span>
            </p>
          ) : counts.total > 0 ? (
            <p className="kern-body kern-body--small">{t('decisions.handover.warnings', { count: counts.total })}</p>
          ) : null}
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="handover-note">
              {t('decisions.handover.note')}
            </label>
            <textarea
              id="handover-note"
              className="kern-form-input__input"
              rows={3}
              maxLength={DecisionLimits.noteMaxLength}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="handover-note"
            />
          </div>
          {error ? (
            <p className="kern-error" role="alert" data-testid="handover-error">
              <span className="kern-icon kern-icon--danger" aria-hidden="true" />
              <span className="kern-body">{error}</span>
            </p>
          ) : null}
        </>
      )}
    </Dialog>
  );
}

export function VersionsList({ versions }: { versions: readonly DecisionVersionMeta[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="wr-dec-versions" aria-labelledby="decision-versions-heading" data-testid="decision-versions">
      <h3 id="decision-versions-heading" className="kern-heading-small">
        {t('decisions.versions.heading')}
      </h3>
      {versions.length === 0 ? (
        <p className="kern-body kern-body--small wr-muted">{t('decisions.versions.none')}</p>
      ) : (
        // A list, not a table: it stands in the editor's narrow side column, where six columns
        // would scroll sideways and cut the checksum.
        <ol className="wr-dec-versions__list" aria-label={t('decisions.versions.caption')}>
          {[...versions]
            .sort((a, b) => b.number - a.number)
            .map((v) => (
              <li key={v.number} className="wr-dec-versions__item" data-testid="decision-version" data-version={v.number}>
                <p className="kern-body kern-body--small wr-dec-versions__title">
                  <strong>
                    {t('decisions.versions.number')} {v.number}
                  </strong>{' '}
                  · {formatDateTime(v.handedOverAt, i18n.language)} · {t('decisions.versions.by')} {v.handedOverBy.displayName}
                </p>
                <dl className="wr-dec-versions__facts">
                  <dt>{t('decisions.versions.hash')}</dt>
                  <dd>
                    <code title={v.contentHash}>{shortHash(v.contentHash)}</code>
                  </dd>
                  <dt>{t('decisions.versions.findings')}</dt>
                  <dd>{v.findings.length}</dd>
                  {v.note ? (
                    <>
                      <dt>{t('decisions.versions.note')}</dt>
                      <dd>{v.note}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
