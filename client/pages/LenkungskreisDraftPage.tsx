/**
 * `/lenkungskreis/vorlagen/:draftId`: one handed-over draft as the Lenkungskreis sees it — the
 * frozen version, its versions and hashes, taking it into deliberation, recording the decision,
 * comments, the audit log and exports. Refusals (403/409) are shown as the server gives them.
 */
import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DecisionAuditEvent, DecisionComment, DecisionRecord } from '../../shared/decision';
import type { DecisionDraftDetail } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { DecisionContentView } from '../decisions/DecisionContentView';
import { LenkungskreisAudit } from '../decisions/LenkungskreisAudit';
import { LenkungskreisComments } from '../decisions/LenkungskreisComments';
import { NoAccess } from '../decisions/LenkungskreisCommon';
import { LenkungskreisDecisionForm } from '../decisions/LenkungskreisDecisionForm';
import { formatDateTime, isFinal, offeredOutcomes, shortHash } from '../decisions/LenkungskreisModel';
import { LenkungskreisVersions } from '../decisions/LenkungskreisVersions';
import { DecisionBadge, StatusBadge } from '../decisions/StatusBadge';
import { ExportMenu } from '../decisions/ExportMenu';
import { VersionCompare } from '../decisions/VersionCompare';
import '../decisions/decisions.css';
import { hasStatus } from '../data/http/api';
import { formatIsoDate } from '../lib/dates';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { forgetMember, loadMember } from '../lib/lenkungskreisStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { errorMessage } from '../data/errors';

interface Loaded {
  draft: DecisionDraftDetail;
  comments: DecisionComment[];
  audit: DecisionAuditEvent[];
}

export function LenkungskreisDraftPage() {
  const { t } = useTranslation();
  const { draftId = '' } = useParams();
  const stored = loadMember();
  const token = stored?.token;
  /** The server no longer accepts the member token (any request answered 401). */
  const [revoked, setRevoked] = useState(false);
  const onUnauthorized = useCallback(() => {
    forgetMember();
    setRevoked(true);
  }, []);
  const loaded = useFetch(
    token ? ['lk-draft', draftId, token] : null,
    async (signal): Promise<Loaded> => {
      const [d, c, a] = await Promise.all([decisionApi.getDraft(draftId, token, signal), decisionApi.comments(draftId, token, signal), decisionApi.audit(draftId, token, signal)]);
      return { draft: d.draft, comments: c.comments, audit: a.events };
    },
    {
      onError: (err) => {
        if (hasStatus(err, 401)) onUnauthorized();
      },
    },
  );
  const data = loaded.data;
  const notFound = !data && hasStatus(loaded.error, 404);
  useDocumentTitle(data ? t('lenkungskreis.draft.docTitle', { title: data.draft.title || t('lenkungskreis.untitled') }) : t('lenkungskreis.draft.docTitleLoading'));

  if (!token) return <NoAccess reason="none" />;
  if (revoked) return <NoAccess reason="revoked" />;
  if (!data && loaded.error === undefined) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('lenkungskreis.draft.docTitleLoading')}</h1>
        <p className="kern-body" role="status">
          {t('lenkungskreis.draft.loading')}
        </p>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('lenkungskreis.draft.docTitleLoading')}</h1>
        <Alert variant="danger" title={notFound ? t('lenkungskreis.draft.notFoundTitle') : t('errors.title')} testId="lk-draft-error">
          <p className="kern-body">{notFound ? t('lenkungskreis.draft.notFound') : errorMessage(t, loaded.error)}</p>
        </Alert>
        <p className="wr-actions">
          {!notFound ? (
            <button type="button" className="kern-btn kern-btn--primary" onClick={loaded.reload}>
              <span className="kern-label">{t('lenkungskreis.retry')}</span>
            </button>
          ) : null}
          <Link className="kern-btn kern-btn--secondary" to="/lenkungskreis">
            <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
            <span className="kern-label">{t('lenkungskreis.draft.back')}</span>
          </Link>
        </p>
      </div>
    );
  }
  return (
    <DraftView
      key={data.draft.id}
      token={token}
      draft={data.draft}
      comments={data.comments}
      audit={data.audit}
      onChange={(patch) => loaded.mutate((prev) => ({ ...prev!, ...patch }))}
      onUnauthorized={onUnauthorized}
    />
  );
}

interface ViewProps {
  token: string;
  draft: DecisionDraftDetail;
  comments: DecisionComment[];
  audit: DecisionAuditEvent[];
  onChange: (patch: Partial<{ draft: DecisionDraftDetail; comments: DecisionComment[]; audit: DecisionAuditEvent[] }>) => void;
  /** A request of the view was answered 401: the member token is no longer valid. */
  onUnauthorized: () => void;
}

function DraftView({ token, draft, comments, audit, onChange, onUnauthorized }: ViewProps) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<number>(typeof draft.contentOf === 'number' ? draft.contentOf : draft.latestVersion);
  const [actionError, setActionError] = useState<string | undefined>();
  const [announce, setAnnounce] = useState('');
  const [takingUp, setTakingUp] = useState(false);
  const deliberationRef = useRef<HTMLHeadingElement>(null);
  const ids = { deliberation: useId(), content: useId() };

  const latestMeta = draft.versions.find((v) => v.number === draft.latestVersion);
  // The draft carries one version's content; any other is read when it is shown.
  const other = useFetch(shown === draft.contentOf ? null : ['lk-version', draft.id, shown, token], (signal) => decisionApi.version(draft.id, shown, token, signal), {
    onError: (err) => {
      if (hasStatus(err, 401)) onUnauthorized();
    },
  });
  const content = shown === draft.contentOf ? draft.content : other.data?.version.content;
  const versionError = other.error !== undefined && !hasStatus(other.error, 401) ? errorMessage(t, other.error) : undefined;

  async function refreshAudit() {
    try {
      onChange({ audit: (await decisionApi.audit(draft.id, token)).events });
    } catch {
      // The audit log is informative; the action itself succeeded.
    }
  }

  async function takeUp() {
    setTakingUp(true);
    setActionError(undefined);
    try {
      const res = await decisionApi.setStatus(draft.id, { status: 'in_beratung' }, token);
      onChange({ draft: res.draft });
      setAnnounce(t('lenkungskreis.deliberation.takenUp'));
      void refreshAudit();
      deliberationRef.current?.focus();
    } catch (err) {
      if (hasStatus(err, 401)) return onUnauthorized();
      setActionError(errorMessage(t, err));
    } finally {
      setTakingUp(false);
    }
  }

  const canTakeUp = draft.nextStatuses.includes('in_beratung');
  const canDecide = offeredOutcomes(draft.nextStatuses).length > 0;

  return (
    <div className="wr-page wr-page--wide wr-lk-draft">
      <p className="wr-lk-back">
        <Link className="kern-link" to="/lenkungskreis">
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t('lenkungskreis.draft.back')}
        </Link>
      </p>
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline" data-testid="lk-draft-reference">
          {t('lenkungskreis.draft.preline', { reference: draft.reference })}
        </p>
        <h1 className="kern-heading-large" data-testid="lk-draft-title">
          {draft.title || t('lenkungskreis.untitled')}
        </h1>
      </div>
      <dl className="wr-facts wr-lk-header-facts">
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.draft.status')}</dt>
          <dd className="wr-facts__value">
            <StatusBadge status={draft.status} />
          </dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.fields.gremium')}</dt>
          <dd className="wr-facts__value">{draft.gremium}</dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.draft.session')}</dt>
          <dd className="wr-facts__value">
            {draft.session.title}
            <span className="wr-facts__hint">
              {t(`kinds.${draft.session.kind}`)}, {formatIsoDate(draft.session.date, i18n.language)}
            </span>
          </dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.draft.latest')}</dt>
          <dd className="wr-facts__value">
            {t('lenkungskreis.versions.version', { version: draft.latestVersion })}
            {latestMeta ? (
              <span className="wr-facts__hint">
                {formatDateTime(latestMeta.handedOverAt, i18n.language)} · <code title={latestMeta.contentHash}>{shortHash(latestMeta.contentHash)}</code>
              </span>
            ) : null}
          </dd>
        </div>
      </dl>

      <div role="status" aria-live="polite" className="wr-sr-only" data-testid="lk-announce">
        {announce}
      </div>

      <section className="wr-panel wr-lk-deliberation" aria-labelledby={ids.deliberation} data-testid="lk-deliberation">
        <h2 id={ids.deliberation} ref={deliberationRef} tabIndex={-1} className="kern-heading-medium">
          {t('lenkungskreis.deliberation.title')}
        </h2>
        {actionError ? (
          <Alert variant="danger" title={t('lenkungskreis.deliberation.refused')} testId="lk-action-error">
            <p className="kern-body">{actionError}</p>
          </Alert>
        ) : null}
        {draft.decision ? <DecisionRecordView decision={draft.decision} /> : null}
        {canTakeUp ? (
          <>
            <p className="kern-body">{draft.status === 'zurueckgestellt' ? t('lenkungskreis.deliberation.takeUpAgainIntro') : t('lenkungskreis.deliberation.takeUpIntro')}</p>
            <p className="wr-actions">
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => void takeUp()} disabled={takingUp} data-testid="lk-take-up">
                <span className="kern-label">{takingUp ? t('lenkungskreis.deliberation.takingUp') : t('lenkungskreis.deliberation.takeUp')}</span>
              </button>
            </p>
          </>
        ) : null}
        {canDecide ? (
          <LenkungskreisDecisionForm
            draft={draft}
            token={token}
            onRecorded={(res) => {
              onChange({ draft: res.draft });
              setAnnounce(t('lenkungskreis.deliberation.recorded', { outcome: t(`lenkungskreis.status.${res.decision.outcome}`) }));
              void refreshAudit();
              deliberationRef.current?.focus();
            }}
          />
        ) : null}
        {!canTakeUp && !canDecide ? (
          <p className="kern-body wr-muted" data-testid="lk-no-action">
            {isFinal(draft.status) ? t('lenkungskreis.deliberation.final') : t(`lenkungskreis.deliberation.waiting.${draft.status === 'zurueckverwiesen' ? 'referredBack' : 'other'}`)}
          </p>
        ) : null}
      </section>

      <div className="wr-lk-draft__grid">
        <section className="wr-lk-draft__main" aria-labelledby={ids.content}>
          <h2 id={ids.content} className="kern-heading-medium">
            {t('lenkungskreis.draft.contentTitle', { version: shown })}
          </h2>
          {shown !== draft.latestVersion ? (
            <Alert variant="warning" title={t('lenkungskreis.draft.olderTitle')}>
              <p className="kern-body">{t('lenkungskreis.draft.older', { version: shown, latest: draft.latestVersion })}</p>
              <p>
                <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => setShown(draft.latestVersion)}>
                  <span className="kern-label">{t('lenkungskreis.versions.show', { version: draft.latestVersion })}</span>
                </button>
              </p>
            </Alert>
          ) : null}
          {versionError ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{versionError}</p>
            </Alert>
          ) : content ? (
            <DecisionContentView content={content} headingLevel={3} />
          ) : (
            <p className="kern-body" role="status">
              {t('lenkungskreis.draft.loadingVersion')}
            </p>
          )}
        </section>
        <div className="wr-lk-draft__side">
          <LenkungskreisVersions versions={draft.versions} shown={shown} onShow={setShown} />
          {/* Its h3 sits under "Fassungen": what is exported is a frozen version. */}
          <ExportMenu draftId={draft.id} token={token} versions={draft.versions} allowCurrent={false} />
        </div>
      </div>
      {draft.versions.length > 1 ? (
        <div className="wr-lk-compare">
          <VersionCompare draftId={draft.id} token={token} versions={draft.versions} allowCurrent={false} refreshKey={draft.latestVersion} />
        </div>
      ) : null}

      <LenkungskreisComments draftId={draft.id} token={token} comments={comments} version={shown} onAdded={(c) => {
          onChange({ comments: [...comments, c] });
          void refreshAudit();
        }} />
      <LenkungskreisAudit events={audit} />
    </div>
  );
}

function DecisionRecordView({ decision }: { decision: DecisionRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="wr-lk-record" data-testid="lk-decision-record">
      <h3 className="kern-heading-small">{t('lenkungskreis.record.title')}</h3>
      <p>
        <DecisionBadge decision={decision} />
      </p>
      <dl className="wr-facts">
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.record.outcome')}</dt>
          <dd className="wr-facts__value" data-testid="lk-record-outcome">
            {t(`lenkungskreis.status.${decision.outcome}`)}
          </dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.record.date')}</dt>
          <dd className="wr-facts__value" data-testid="lk-record-date">
            {formatIsoDate(decision.decidedOn, i18n.language)}
          </dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.record.version')}</dt>
          <dd className="wr-facts__value">{t('lenkungskreis.versions.version', { version: decision.version })}</dd>
        </div>
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.record.recordedBy')}</dt>
          <dd className="wr-facts__value">
            {decision.recordedBy.displayName}
            <span className="wr-facts__hint">{formatDateTime(decision.recordedAt, i18n.language)}</span>
          </dd>
        </div>
      </dl>
      <h4 className="kern-label wr-lk-subhead">{t('lenkungskreis.record.text')}</h4>
      <p className="kern-body wr-lk-pre" data-testid="lk-record-text">
        {decision.resolutionText || '–'}
      </p>
      {decision.conditions ? (
        <>
          <h4 className="kern-label wr-lk-subhead">{t('lenkungskreis.record.conditions')}</h4>
          <p className="kern-body wr-lk-pre" data-testid="lk-record-conditions">
            {decision.conditions}
          </p>
        </>
      ) : null}
    </div>
  );
}
